using IntroProgram.Domain.Ledger;
using IntroProgram.Domain.Participants;
using IntroProgram.Domain.Programme;
using IntroProgram.Infrastructure;
using IntroProgram.Infrastructure.Data;
using IntroProgram.Infrastructure.Decisions;
using IntroProgram.Infrastructure.Identity;
using IntroProgram.Infrastructure.Ledger;
using IntroProgram.Infrastructure.Participants;
using IntroProgram.Infrastructure.Tenancy;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IntroProgram.Seeds;

/// <summary>What was written for one municipality: counts only, never personal data.</summary>
public sealed record DemoProgrammeReport(
    int Participants, int HourEntries, int VoidedEntries, int AbsenceEntries, int ClassSessions, int Decisions, int TestResults)
{
    public static DemoProgrammeReport Empty { get; } = new(0, 0, 0, 0, 0, 0, 0);

    public DemoProgrammeReport Add(DemoProgrammeReport other) => new(
        Participants + other.Participants, HourEntries + other.HourEntries, VoidedEntries + other.VoidedEntries,
        AbsenceEntries + other.AbsenceEntries, ClassSessions + other.ClassSessions, Decisions + other.Decisions,
        TestResults + other.TestResults);
}

/// <summary>
/// Writes a <see cref="DemoProgrammePlan"/> into one municipality. Participants, decisions and tests go through the
/// app's own services, so national ids are hashed and encrypted, rule sets, deadlines and statuses are set as in real
/// use. The year of ledger history is inserted in bulk, one set-based statement per table in one transaction per
/// municipality (one service call per entry would make every start-up and test run slow), with totals and weekly sums
/// set to exactly the sums of the live rows; the reconciliation then has to find nothing, or seeding fails. Every row
/// was checked against the ledger rules before (<see cref="DemoProgrammePlan.FindRuleBreaks"/>).
/// </summary>
internal sealed class DemoProgrammeSeeder(TenantScopeFactory scopes, TimeProvider clock)
{
    /// <returns>Null when the municipality already has participants (nothing is written) or lacks the demo staff.</returns>
    public async Task<DemoProgrammeReport?> SeedAsync(Guid tenantId, DemoMunicipality municipality, CancellationToken ct)
    {
        Guid? coordinatorId, caseworkerId;
        RuleSetCatalog ruleSets;
        await using (var scope = scopes.ForTenant(tenantId))
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            if (await db.Participants.AnyAsync(ct))
            {
                return null;
            }
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            coordinatorId = await StaffIdAsync(users, municipality, Roles.Coordinator);
            caseworkerId = await StaffIdAsync(users, municipality, Roles.Caseworker);
            ruleSets = scope.ServiceProvider.GetRequiredService<RuleSetCatalog>();
        }
        if (coordinatorId is not { } coordinator || caseworkerId is not { } caseworker)
        {
            return null;
        }

        var today = clock.OsloToday();
        var plan = DemoProgrammePlan.Create(int.Parse(municipality.Number, System.Globalization.CultureInfo.InvariantCulture),
            municipality.Participants, today, ruleSets, coordinator, caseworker);
        var problems = plan.FindRuleBreaks();
        if (problems.Count > 0)
        {
            throw new InvalidOperationException($"The demo plan for {municipality.Name} breaks the programme rules: " +
                string.Join("; ", problems.Take(10)));
        }

        // Each participant in its own scope and transactions, as a coordinator and a caseworker would; a few at a time.
        var ids = new Guid[plan.Participants.Count];
        var decisions = 0;
        var tests = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, plan.Participants.Count),
            new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct }, async (i, token) =>
            {
                var p = plan.Participants[i];
                var what = $"participant #{i} ({p.Profile}) in {municipality.Name}";
                await using var scope = scopes.ForTenant(tenantId);
                var registry = scope.ServiceProvider.GetRequiredService<ParticipantRegistry>();
                var recorder = scope.ServiceProvider.GetRequiredService<DecisionRecorder>();
                var id = Require(await registry.RegisterAsync(p.Details, Guid.NewGuid(), coordinator, token), "registering " + what);
                foreach (var decision in p.Decisions)
                {
                    Require(await recorder.DecideAsync(id, decision, Guid.NewGuid(), caseworker, token), $"the {decision.Kind} decision for {what}");
                }
                foreach (var test in p.Tests)
                {
                    Require(await recorder.RecordTestAsync(id, test, Guid.NewGuid(), caseworker, token), $"a {test.Kind} test for {what}");
                }
                ids[i] = id;
                Interlocked.Add(ref decisions, p.Decisions.Count);
                Interlocked.Add(ref tests, p.Tests.Count);
            });

        var report = await WriteLedgerAsync(tenantId, plan, ids, coordinator, ct);
        await using (var scope = scopes.ForTenant(tenantId))
        {
            await DemoPlansSeeder.SeedAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), ids, coordinator, caseworker,
                ruleSets, today, clock.GetUtcNow(), ct);
        }
        await VerifyAsync(tenantId, plan, ids, municipality.Name, ct);
        return report with { Decisions = decisions, TestResults = tests };
    }

    private static async Task<Guid?> StaffIdAsync(UserManager<AppUser> users, DemoMunicipality municipality, string role)
    {
        var email = municipality.Users.FirstOrDefault(u => u.Roles.Contains(role))?.Email;
        var user = email is null ? null : await users.FindByEmailAsync(email);
        return user is { IsActive: true } && await users.IsInRoleAsync(user, role) ? user.Id : null;
    }

    private async Task<DemoProgrammeReport> WriteLedgerAsync(Guid tenantId, DemoProgrammePlan plan, Guid[] ids, Guid coordinator, CancellationToken ct)
    {
        await using var scope = scopes.ForTenant(tenantId);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = clock.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var totals = await db.ParticipantTotals.Where(t => ids.Contains(t.ParticipantId)).ToDictionaryAsync(t => t.ParticipantId, ct);

        var sessions = new Dictionary<(string Code, DateOnly Date), ClassSession>();
        var weeks = new Dictionary<(Guid Participant, DateOnly Week), ParticipantWeek>();
        var entries = new List<HourLedgerEntry>();
        var absences = new List<AbsenceEntry>();
        var voided = 0;

        for (var i = 0; i < ids.Length; i++)
        {
            var t = totals[ids[i]];
            foreach (var e in plan.Participants[i].Entries)
            {
                var entry = new HourLedgerEntry
                {
                    TenantId = tenantId,
                    Id = Guid.CreateVersion7(),
                    ParticipantId = ids[i],
                    Date = e.Date,
                    Category = e.Category,
                    Hours = e.Hours,
                    Source = e.Class is null ? EntrySource.Manual : EntrySource.ClassSession,
                    Note = e.Note,
                    RecordedBy = coordinator,
                    RecordedAt = RecordedAt(e.Date, now),
                };
                if (!e.IsLive)
                {
                    entry.VoidedAt = Min(entry.RecordedAt.AddDays(1), now);
                    entry.VoidedBy = coordinator;
                    entry.VoidReason = e.VoidReason;
                    voided++;
                }
                else
                {
                    if (e.Class is { } group)
                    {
                        var session = Session(sessions, tenantId, group, e.Date, coordinator, now);
                        session.AttendedCount++;
                        entry.ClassSessionId = session.Id;
                    }
                    t.AddHours(e.Category, e.Hours);
                    t.LiveEntryCount++;
                    if (t.LastEntryDate is null || e.Date > t.LastEntryDate)
                    {
                        t.LastEntryDate = e.Date;
                    }
                    AddToWeek(weeks, tenantId, ids[i], e.Date, e.Category, e.Hours);
                }
                entries.Add(entry);
            }
        }
        // Absence after all attendance, so an absentee is linked to the session when anyone attended it.
        for (var i = 0; i < ids.Length; i++)
        {
            foreach (var a in plan.Participants[i].Absences)
            {
                var absence = new AbsenceEntry
                {
                    TenantId = tenantId,
                    Id = Guid.CreateVersion7(),
                    ParticipantId = ids[i],
                    Date = a.Date,
                    Hours = a.Hours,
                    Excused = a.Excused,
                    Reason = a.Reason,
                    RecordedBy = coordinator,
                    RecordedAt = RecordedAt(a.Date, now),
                };
                if (a.Class is { } group && sessions.TryGetValue((group.Code, a.Date), out var session))
                {
                    session.AbsentCount++;
                    absence.ClassSessionId = session.Id;
                }
                totals[ids[i]].AddAbsence(a.Excused, a.Hours);
                absences.Add(absence);
            }
        }

        // Sessions first: entries and absence refer to them.
        await SetBasedInsert.InsertAsync(db, sessions.Values, ct);
        await SetBasedInsert.InsertAsync(db, entries, ct);
        await SetBasedInsert.InsertAsync(db, absences, ct);
        await SetBasedInsert.InsertAsync(db, weeks.Values, ct);
        await db.SaveChangesAsync(ct); // the totals
        await RequirementDays.RefreshAsync(db, scope.ServiceProvider.GetRequiredService<RuleSetCatalog>(), ids, ct);
        await tx.CommitAsync(ct);
        return new DemoProgrammeReport(ids.Length, entries.Count, voided, absences.Count, sessions.Count, 0, 0);
    }

    /// <summary>Fails loudly when the maintained sums differ from the live ledger or a participant's status is not the planned one.</summary>
    private async Task VerifyAsync(Guid tenantId, DemoProgrammePlan plan, Guid[] ids, string municipalityName, CancellationToken ct)
    {
        await using var scope = scopes.ForTenant(tenantId);
        var mismatches = await scope.ServiceProvider.GetRequiredService<TotalsReconciliation>().FindMismatchesAsync(ct);
        if (mismatches.Count > 0)
        {
            throw new InvalidOperationException($"Demo seeding of {municipalityName} left totals that differ from the ledger: " +
                string.Join(", ", mismatches.Take(10).Select(m => $"{m.ParticipantId} {m.What}")));
        }
        var statuses = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Participants
            .Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Status, ct);
        for (var i = 0; i < ids.Length; i++)
        {
            var expected = plan.Participants[i].ExpectedStatus(plan.Today);
            if (statuses[ids[i]] != expected)
            {
                throw new InvalidOperationException(
                    $"Demo participant #{i} ({plan.Participants[i].Profile}) in {municipalityName} is {statuses[ids[i]]}, expected {expected}.");
            }
        }
    }

    private static ClassSession Session(Dictionary<(string, DateOnly), ClassSession> sessions, Guid tenantId, DemoClass group, DateOnly date,
        Guid coordinator, DateTimeOffset now)
    {
        if (!sessions.TryGetValue((group.Code, date), out var session))
        {
            session = new ClassSession
            {
                TenantId = tenantId,
                Id = Guid.CreateVersion7(),
                Date = date,
                Category = group.Category,
                Hours = group.Hours,
                Title = group.Title,
                RecordedBy = coordinator,
                RecordedAt = RecordedAt(date, now),
            };
            sessions[(group.Code, date)] = session;
        }
        return session;
    }

    private static void AddToWeek(Dictionary<(Guid, DateOnly), ParticipantWeek> weeks, Guid tenantId, Guid participantId, DateOnly date,
        HourCategory category, decimal hours)
    {
        var start = ParticipantWeek.StartOf(date);
        if (!weeks.TryGetValue((participantId, start), out var week))
        {
            week = new ParticipantWeek { TenantId = tenantId, ParticipantId = participantId, WeekStart = start };
            weeks[(participantId, start)] = week;
        }
        switch (category)
        {
            case HourCategory.Norwegian: week.NorwegianHours += hours; break;
            case HourCategory.SocialStudies: week.SocialStudiesHours += hours; break;
            default: week.OtherHours += hours; break;
        }
    }

    /// <summary>Rows look as if the coordinator logged them the afternoon of the day (never later than now).</summary>
    private static DateTimeOffset RecordedAt(DateOnly date, DateTimeOffset now) =>
        Min(new DateTimeOffset(date.ToDateTime(new TimeOnly(15, 0)), TimeSpan.Zero), now);

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static Guid Require(CommandResult result, string what) =>
        result.Status == CommandStatus.Done
            ? result.Id!.Value
            : throw new InvalidOperationException($"Demo seeding failed: {what} was refused ({result.Status}: " +
                string.Join(", ", result.Errors.Select(e => e.Field + " " + e.Code)) + ").");
}
