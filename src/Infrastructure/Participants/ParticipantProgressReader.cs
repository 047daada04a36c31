using IntroProgram.Domain.Decisions;
using IntroProgram.Domain.Participants;
using IntroProgram.Domain.Programme;
using IntroProgram.Infrastructure.Data;
using IntroProgram.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;

namespace IntroProgram.Infrastructure.Participants;

public sealed record ParticipantProgress(
    Participant Participant,
    RuleSet RuleSet,
    ParticipantTotals Totals,
    ProgrammeDeadlines? Deadlines,
    Progress? Progress,
    EligibilityResult Eligibility,
    IReadOnlyList<LeavePeriod> Leave,
    IReadOnlyList<ParticipantWeek> Weeks,
    IReadOnlyList<Decision> Decisions,
    IReadOnlyList<TestResult> Tests,
    IReadOnlyList<RiskFlag> OpenFlags,
    string? CoordinatorName,
    string? CaseworkerName,
    IReadOnlyDictionary<Guid, string> StaffNames);

public enum TimelineKind
{
    Hours,
    Absence,
    Decision,
    Test,
}

public sealed record TimelineItem(
    TimelineKind Kind, Guid Id, DateOnly Date, DateTimeOffset RecordedAt, string? RecordedBy,
    string Type, decimal? Hours, bool Voided, string? VoidReason, string? Text);

/// <summary>
/// Everything a participant page shows, read from the maintained totals and weekly sums: the ledger itself is only
/// read a page at a time for the timeline.
/// </summary>
public sealed class ParticipantProgressReader(AppDbContext db, RuleSetCatalog ruleSets, TimeProvider clock)
{
    public const int WeeksShown = 26;

    // The page's reads as compiled queries: the participant page is the most requested page, and EF's per-query work
    // (finding the query in its cache by its expression tree, extracting the parameters) was about a sixth of its CPU
    // (docs/performance.md). The municipality's query filter applies to compiled queries as to any other.
    private static readonly Func<AppDbContext, Guid, CancellationToken, Task<Participant?>> ParticipantById =
        EF.CompileAsyncQuery((AppDbContext db, Guid id, CancellationToken ct) => db.Participants.AsNoTracking().FirstOrDefault(p => p.Id == id));

    private static readonly Func<AppDbContext, Guid, CancellationToken, Task<ParticipantTotals>> TotalsOf =
        EF.CompileAsyncQuery((AppDbContext db, Guid id, CancellationToken ct) => db.ParticipantTotals.AsNoTracking().First(t => t.ParticipantId == id));

    private static readonly Func<AppDbContext, Guid, IAsyncEnumerable<Decision>> DecisionsOf =
        EF.CompileAsyncQuery<AppDbContext, Guid, Decision>((db, id) => db.Decisions.AsNoTracking().Where(d => d.ParticipantId == id)
            .OrderByDescending(d => d.DecidedOn).ThenByDescending(d => d.RecordedAt));

    private static readonly Func<AppDbContext, Guid, DateOnly, IAsyncEnumerable<ParticipantWeek>> WeeksOf =
        EF.CompileAsyncQuery<AppDbContext, Guid, DateOnly, ParticipantWeek>((db, id, since) => db.ParticipantWeeks.AsNoTracking()
            .Where(w => w.ParticipantId == id && w.WeekStart >= since).OrderBy(w => w.WeekStart));

    private static readonly Func<AppDbContext, Guid, IAsyncEnumerable<TestResult>> TestsOf =
        EF.CompileAsyncQuery<AppDbContext, Guid, TestResult>((db, id) => db.TestResults.AsNoTracking().Where(t => t.ParticipantId == id)
            .OrderByDescending(t => t.TakenOn));

    private static readonly Func<AppDbContext, Guid, IAsyncEnumerable<RiskFlag>> OpenFlagsOf =
        EF.CompileAsyncQuery<AppDbContext, Guid, RiskFlag>((db, id) => db.RiskFlags.AsNoTracking().Where(f => f.ParticipantId == id && f.ResolvedAt == null)
            .OrderByDescending(f => f.Severity));

    private static readonly Func<AppDbContext, Guid, int, IAsyncEnumerable<EntryRow>> EntriesOf =
        EF.CompileAsyncQuery((AppDbContext db, Guid id, int take) => db.HourEntries.AsNoTracking().Where(e => e.ParticipantId == id)
            .OrderByDescending(e => e.Date).ThenByDescending(e => e.RecordedAt).Take(take)
            .Select(e => new EntryRow(e.Id, e.Date, e.RecordedAt, e.RecordedBy, e.Category, e.Hours, e.VoidedAt, e.VoidReason, e.Note)));

    private static readonly Func<AppDbContext, Guid, int, IAsyncEnumerable<AbsenceRow>> AbsencesOf =
        EF.CompileAsyncQuery((AppDbContext db, Guid id, int take) => db.AbsenceEntries.AsNoTracking().Where(e => e.ParticipantId == id)
            .OrderByDescending(e => e.Date).ThenByDescending(e => e.RecordedAt).Take(take)
            .Select(e => new AbsenceRow(e.Id, e.Date, e.RecordedAt, e.RecordedBy, e.Excused, e.Hours, e.VoidedAt, e.VoidReason, e.Reason)));

    private sealed record EntryRow(Guid Id, DateOnly Date, DateTimeOffset RecordedAt, Guid? RecordedBy, HourCategory Category, decimal Hours,
        DateTimeOffset? VoidedAt, string? VoidReason, string? Note);

    private sealed record AbsenceRow(Guid Id, DateOnly Date, DateTimeOffset RecordedAt, Guid? RecordedBy, bool Excused, decimal Hours,
        DateTimeOffset? VoidedAt, string? VoidReason, string? Reason);


    public async Task<ParticipantProgress?> ReadAsync(Guid participantId, CancellationToken ct = default)
    {
        var participant = await ParticipantById(db, participantId, ct);
        if (participant is null)
        {
            return null;
        }
        var today = clock.OsloToday();
        var ruleSet = ruleSets.Get(participant.RuleSetId);
        var totals = await TotalsOf(db, participantId, ct);
        var decisions = await DecisionsOf(db, participantId).ListAsync(ct);
        var leave = decisions.Where(d => d.Kind == DecisionKind.Leave && d.PeriodStart != null && d.PeriodEnd != null)
            .Select(d => new LeavePeriod(d.PeriodStart!.Value, d.PeriodEnd!.Value)).OrderBy(l => l.Start).ToList();
        var deadlines = ParticipantSchedule.Deadlines(participant, ruleSet, leave);
        var progress = deadlines is null ? null
            : Progress.Calculate(totals.Hours, totals.Absence, participant.ExtraNorwegianHoursGranted, ruleSet, deadlines, today);
        var since = ParticipantWeek.StartOf(today).AddDays(-7 * (WeeksShown - 1));
        var weeks = await WeeksOf(db, participantId, since).ListAsync(ct);
        var tests = await TestsOf(db, participantId).ListAsync(ct);
        var flags = await OpenFlagsOf(db, participantId).ListAsync(ct);
        // The coordinator, the caseworker and whoever decided or recorded a test, in one look-up.
        var staffIds = new[] { participant.CoordinatorId, participant.CaseworkerId }
            .Concat(decisions.Select(d => d.DecidedBy)).Concat(tests.Select(t => t.RecordedBy))
            .Where(i => i is not null).Select(i => i!.Value).Distinct().ToList();
        var names = await db.Users.DisplayNamesAsync(staffIds, ct);
        var eligibility = Eligibility.Evaluate(participant.BirthDate, participant.PermitDate, participant.SettlementDate, participant.ProgrammeStart, ruleSet);

        return new ParticipantProgress(participant, ruleSet, totals, deadlines, progress, eligibility, leave,
            FillWeeks(weeks, since, participantId, participant.TenantId), decisions, tests, flags,
            participant.CoordinatorId is { } c ? names.GetValueOrDefault(c) : null,
            participant.CaseworkerId is { } w ? names.GetValueOrDefault(w) : null, names);
    }

    /// <summary>Newest first: hours, absence, decisions and test results, one page at a time.</summary>
    /// <param name="known">The participant's progress as <see cref="ReadAsync"/> read it: its decisions and test results
    /// (all of them) are used instead of being read again.</param>
    public async Task<(IReadOnlyList<TimelineItem> Items, bool HasMore)> TimelineAsync(Guid participantId, int page, int pageSize,
        ParticipantProgress? known = null, CancellationToken ct = default)
    {
        // In long arithmetic: a page number typed into the address (2147483647) overflowed int into a negative count
        // (a 500). A page past the last is empty; no participant has anywhere near int.MaxValue records.
        var skip = (long)(Math.Max(page, 1) - 1) * pageSize;
        if (skip >= int.MaxValue)
        {
            return ([], false);
        }
        var take = (int)Math.Min(skip + pageSize + 1, int.MaxValue);
        var entries = await EntriesOf(db, participantId, take).ListAsync(ct);
        var absences = await AbsencesOf(db, participantId, take).ListAsync(ct);
        var reuse = known is not null && known.Participant.Id == participantId;
        var decisions = reuse
            ? known!.Decisions.OrderByDescending(d => d.DecidedOn).Take(take).ToList()
            : await db.Decisions.AsNoTracking().Where(d => d.ParticipantId == participantId)
                .OrderByDescending(d => d.DecidedOn).Take(take).ToListAsync(ct);
        var tests = reuse
            ? known!.Tests.OrderByDescending(t => t.TakenOn).Take(take).ToList()
            : await db.TestResults.AsNoTracking().Where(t => t.ParticipantId == participantId)
                .OrderByDescending(t => t.TakenOn).Take(take).ToListAsync(ct);

        var items = entries.Select(e => new TimelineItem(TimelineKind.Hours, e.Id, e.Date, e.RecordedAt, e.RecordedBy?.ToString(),
                e.Category.ToString(), e.Hours, e.VoidedAt != null, e.VoidReason, e.Note))
            .Concat(absences.Select(a => new TimelineItem(TimelineKind.Absence, a.Id, a.Date, a.RecordedAt, a.RecordedBy?.ToString(),
                a.Excused ? "Excused" : "Unexcused", a.Hours, a.VoidedAt != null, a.VoidReason, a.Reason)))
            .Concat(decisions.Select(d => new TimelineItem(TimelineKind.Decision, d.Id, d.DecidedOn, d.RecordedAt, d.DecidedBy?.ToString(),
                d.Kind.ToString(), d.ExtraHoursTotal, false, null, d.Reason)))
            .Concat(tests.Select(t => new TimelineItem(TimelineKind.Test, t.Id, t.TakenOn, t.RecordedAt, t.RecordedBy?.ToString(),
                t.Kind.ToString(), null, false, null, t.Note)))
            .OrderByDescending(i => i.Date).ThenByDescending(i => i.RecordedAt)
            .Skip((int)skip).Take(pageSize + 1).ToList();

        // Replace user ids by display names: those the progress read already has, the rest in one query.
        var knownNames = reuse ? known!.StaffNames : new Dictionary<Guid, string>();
        var missing = items.Where(i => i.RecordedBy is not null).Select(i => Guid.Parse(i.RecordedBy!)).Distinct()
            .Where(id => !knownNames.ContainsKey(id)).ToList();
        var names = missing.Count == 0 ? knownNames
            : knownNames.Concat(await db.Users.DisplayNamesAsync(missing, ct)).ToDictionary(n => n.Key, n => n.Value);
        var named = items.Take(pageSize).Select(i => i with { RecordedBy = i.RecordedBy is { } id ? names.GetValueOrDefault(Guid.Parse(id)) : null }).ToList();
        return (named, items.Count > pageSize);
    }

    private static List<ParticipantWeek> FillWeeks(List<ParticipantWeek> stored, DateOnly since, Guid participantId, Guid tenantId)
    {
        var byStart = stored.ToDictionary(w => w.WeekStart);
        return Enumerable.Range(0, WeeksShown).Select(i => since.AddDays(7 * i))
            .Select(start => byStart.GetValueOrDefault(start) ?? new ParticipantWeek { TenantId = tenantId, ParticipantId = participantId, WeekStart = start })
            .ToList();
    }
}
