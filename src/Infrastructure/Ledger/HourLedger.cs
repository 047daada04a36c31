using IntroProgram.Domain.Auditing;
using IntroProgram.Domain.Ledger;
using IntroProgram.Domain.Participants;
using IntroProgram.Domain.Programme;
using IntroProgram.Infrastructure.Auditing;
using IntroProgram.Infrastructure.Data;
using IntroProgram.Infrastructure.Participants;
using Microsoft.EntityFrameworkCore;

namespace IntroProgram.Infrastructure.Ledger;

/// <summary>One entry as its form's validator accepted it (Web/Features/Hours/HourEntryFormValidator.cs).</summary>
public sealed record HourEntryInput(DateOnly Date, HourCategory Category, decimal Hours, string? Note);

/// <summary>One absence as its form's validator accepted it (Web/Features/Hours/AbsenceFormValidator.cs).</summary>
public sealed record AbsenceInput(DateOnly Date, decimal Hours, bool Excused, string? Reason);

/// <summary>One class session as its form's validator accepted it (Web/Features/Hours/ClassSessionFormValidator.cs).</summary>
public sealed record ClassSessionInput(DateOnly Date, HourCategory Category, decimal Hours, string? Title, IReadOnlyDictionary<Guid, Attendance> Attendance);

public static class LedgerFields
{
    public const string Date = "Date";
    public const string Category = "Category";
    public const string Hours = "Hours";
    public const string Note = "Note";
    public const string Reason = "Reason";
    public const string Title = "Title";
    public const string Attendance = "Attendance";

    /// <summary>The form field of one participant's row in the class-session form.</summary>
    public static string AttendanceOf(Guid participantId) => $"Attendance[{participantId}]";
}

/// <summary>
/// The only way hours and absence enter or leave the ledger. Every write locks the participant's totals row first,
/// so concurrent sessions logging for the same participant queue up instead of losing an update or slipping past
/// the day limit; the ledger rows, the totals and the weekly sums change in one transaction.
/// </summary>
public sealed class HourLedger(AppDbContext db, RuleSetCatalog ruleSets, FormTokens forms, AuditLog audit, TimeProvider clock)
{
    public const string EntryRecord = "HourEntry";
    public const string AbsenceRecord = "Absence";
    public const string SessionRecord = "ClassSession";
    public const int MaxTextLength = 500;

    private DateOnly Today => clock.OsloToday();

    /// <summary>Participants whose requirement days the entries or voids since the last save may have moved.</summary>
    private readonly HashSet<Guid> _requirementDaysToRefresh = [];

    public async Task<CommandResult> LogAsync(Guid participantId, HourEntryInput input, Guid formToken, Guid? actorId, CancellationToken ct = default)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var locked = await LockAsync([participantId], ct);
        if (!locked.TryGetValue(participantId, out var target))
        {
            return CommandResult.NotFound;
        }
        var entry = NewEntry(target.Participant, input.Date, input.Category, input.Hours, EntrySource.Manual, actorId);
        entry.Note = string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim();
        if (await forms.ClaimAsync(formToken, "hours.log", entry.Id.ToString(), ct) is { } earlier)
        {
            return CommandResult.AlreadyDone(Guid.Parse(earlier));
        }
        var refusal = await CheckEntryAsync(target, entry.Date, entry.Category, entry.Hours, ct);
        if (refusal.Count > 0)
        {
            return CommandResult.Invalid(refusal.Select(code => new FieldError(FieldOf(code), code)).ToList());
        }
        await AddEntryAsync(target, entry, ct);
        audit.Add(AuditAction.Create, EntryRecord, entry.Id.ToString(), participantId, $"{entry.Category} {entry.Hours}", actorId);
        await SaveAsync(ct);
        await tx.CommitAsync(ct);
        return CommandResult.Done(entry.Id);
    }

    public Task<CommandResult> VoidEntryAsync(Guid participantId, Guid entryId, string reason, Guid actorId, CancellationToken ct = default) =>
        VoidAsync(db.HourEntries, EntryRecord, participantId, entryId, reason, actorId, async (target, entry) =>
        {
            target.Totals.AddHours(entry.Category, -entry.Hours);
            target.Totals.LiveEntryCount--;
            NoteRequirementDay(target, entry, voided: true);
            await AddToWeekAsync(target.Participant, entry.Date, entry.Category, -entry.Hours, ct);
            if (target.Totals.LastEntryDate == entry.Date)
            {
                target.Totals.LastEntryDate = await db.HourEntries
                    .Where(e => e.ParticipantId == participantId && e.VoidedAt == null && e.Id != entry.Id)
                    .MaxAsync(e => (DateOnly?)e.Date, ct);
            }
        }, ct);

    public async Task<CommandResult> RecordAbsenceAsync(Guid participantId, AbsenceInput input, Guid formToken, Guid? actorId, CancellationToken ct = default)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var locked = await LockAsync([participantId], ct);
        if (!locked.TryGetValue(participantId, out var target))
        {
            return CommandResult.NotFound;
        }
        var absence = NewAbsence(target.Participant, input.Date, input.Hours, input.Excused, input.Reason, actorId);
        if (await forms.ClaimAsync(formToken, "absence.record", absence.Id.ToString(), ct) is { } earlier)
        {
            return CommandResult.AlreadyDone(Guid.Parse(earlier));
        }
        var refusal = await CheckAbsenceAsync(target, absence.Date, absence.Hours, ct);
        if (refusal.Count > 0)
        {
            return CommandResult.Invalid(refusal.Select(code => new FieldError(FieldOf(code), code)).ToList());
        }
        AddAbsence(target, absence);
        audit.Add(AuditAction.Create, AbsenceRecord, absence.Id.ToString(), participantId, absence.Excused ? "excused" : "unexcused", actorId);
        await SaveAsync(ct);
        await tx.CommitAsync(ct);
        return CommandResult.Done(absence.Id);
    }

    public Task<CommandResult> VoidAbsenceAsync(Guid participantId, Guid absenceId, string reason, Guid actorId, CancellationToken ct = default) =>
        VoidAsync(db.AbsenceEntries, AbsenceRecord, participantId, absenceId, reason, actorId, (target, absence) =>
        {
            target.Totals.AddAbsence(absence.Excused, -absence.Hours);
            return Task.CompletedTask;
        }, ct);

    /// <summary>
    /// Voids one row of the participant (an hour entry or an absence) under the participant's lock, takes it out of
    /// the maintained sums with <paramref name="undo"/>, and audits it, all in one transaction. The reason is the one
    /// the void form's validator accepted (Web/Features/Hours/VoidFormValidator.cs).
    /// </summary>
    private async Task<CommandResult> VoidAsync<T>(DbSet<T> rows, string recordType, Guid participantId, Guid rowId, string reason, Guid actorId,
        Func<LockedParticipant, T, Task> undo, CancellationToken ct) where T : class, IVoidableRow
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var locked = await LockAsync([participantId], ct);
        var row = await rows.FirstOrDefaultAsync(e => e.Id == rowId && e.ParticipantId == participantId, ct);
        if (row is null || !locked.TryGetValue(participantId, out var target))
        {
            return CommandResult.NotFound;
        }
        if (row.VoidedAt is not null)
        {
            return CommandResult.Invalid(LedgerFields.Reason, LedgerErrors.AlreadyVoided);
        }
        row.VoidedAt = clock.GetUtcNow();
        row.VoidedBy = actorId;
        row.VoidReason = reason.Trim();
        await undo(target, row);
        audit.Add(AuditAction.Change, recordType, row.Id.ToString(), participantId, "voided", actorId);
        await SaveAsync(ct);
        await tx.CommitAsync(ct);
        return CommandResult.Done(row.Id);
    }

    /// <summary>
    /// One lesson for a group: an entry for everyone who attended and absence for the others, all or nothing. A
    /// refusal names the participant whose row broke a rule.
    /// </summary>
    public async Task<CommandResult> LogClassSessionAsync(ClassSessionInput input, Guid formToken, Guid? actorId, CancellationToken ct = default)
    {
        // The form's validator says this next to the rows; kept here too, since the ledger is written from elsewhere as well.
        if (!input.Attendance.Values.Any(a => a == Attendance.Attended))
        {
            return CommandResult.Invalid(LedgerFields.Attendance, LedgerErrors.NoAttendees);
        }
        var errors = new List<FieldError>();
        var (date, category, hours) = (input.Date, input.Category, input.Hours);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var locked = await LockAsync(input.Attendance.Keys, ct);
        foreach (var id in input.Attendance.Keys.Where(id => !locked.ContainsKey(id)))
        {
            errors.Add(new(LedgerFields.AttendanceOf(id), LedgerErrors.ParticipantNotInSession));
        }
        var session = new ClassSession
        {
            Id = Guid.CreateVersion7(),
            Date = date,
            Category = category,
            Hours = hours,
            Title = string.IsNullOrWhiteSpace(input.Title) ? null : input.Title.Trim(),
            AttendedCount = input.Attendance.Values.Count(a => a == Attendance.Attended),
            AbsentCount = input.Attendance.Values.Count(a => a != Attendance.Attended),
            RecordedBy = actorId,
            RecordedAt = clock.GetUtcNow(),
        };
        if (await forms.ClaimAsync(formToken, "hours.session", session.Id.ToString(), ct) is { } earlier)
        {
            return CommandResult.AlreadyDone(Guid.Parse(earlier));
        }
        // The day's hours and absence of the whole group in two queries, not two per participant.
        var group = locked.Keys.ToList();
        var hoursOnDay = await LiveHoursByDayAsync(group, [date], ct);
        var absentOnDay = await LiveAbsenceByDayAsync(group, date, ct);
        foreach (var (id, attendance) in input.Attendance.OrderBy(a => a.Key))
        {
            if (!locked.TryGetValue(id, out var target))
            {
                continue;
            }
            var refusal = attendance == Attendance.Attended
                ? CheckEntry(target, date, category, hours, hoursOnDay.GetValueOrDefault((id, date)), target.Totals.ExtraNorwegianHours)
                : CheckAbsence(target, date, hours, absentOnDay.GetValueOrDefault(id));
            errors.AddRange(refusal.Select(code => new FieldError(LedgerFields.AttendanceOf(id), code)));
        }
        if (errors.Count > 0)
        {
            return CommandResult.Invalid(errors);
        }

        db.ClassSessions.Add(session);
        // The attendees' rows for the week, tracked in one query: adding each entry to its week then finds the row
        // among the tracked entities instead of asking the database once per participant.
        var weekStart = ParticipantWeek.StartOf(date);
        var attendees = input.Attendance.Where(a => a.Value == Attendance.Attended).Select(a => a.Key).ToList();
        await db.ParticipantWeeks.Where(w => attendees.Contains(w.ParticipantId) && w.WeekStart == weekStart).LoadAsync(ct);
        foreach (var (id, attendance) in input.Attendance.OrderBy(a => a.Key))
        {
            var target = locked[id];
            if (attendance == Attendance.Attended)
            {
                var entry = NewEntry(target.Participant, date, category, hours, EntrySource.ClassSession, actorId);
                entry.ClassSessionId = session.Id;
                await AddEntryAsync(target, entry, ct);
            }
            else
            {
                var absence = NewAbsence(target.Participant, date, hours, attendance == Attendance.AbsentExcused, null, actorId);
                absence.ClassSessionId = session.Id;
                AddAbsence(target, absence);
            }
        }
        audit.Add(AuditAction.Create, SessionRecord, session.Id.ToString(), null,
            $"{category} {hours}; attended {session.AttendedCount}, absent {session.AbsentCount}", actorId);
        await SaveAsync(ct);
        await tx.CommitAsync(ct);
        return CommandResult.Done(session.Id);
    }

    /// <summary>
    /// A participant as the ledger checks it: the totals row, the approved leave, and the programme period that hours
    /// and absence must be dated in (null before a programme start is set).
    /// </summary>
    internal sealed record LockedParticipant(Participant Participant, ParticipantTotals Totals, IReadOnlyList<LeavePeriod> Leave, ProgrammePeriod? Period);

    /// <summary>
    /// Locks the totals rows of the given participants of this municipality, always in id order so two sessions
    /// locking overlapping groups cannot deadlock. Unknown ids (or another municipality's) are simply absent.
    /// </summary>
    internal Task<Dictionary<Guid, LockedParticipant>> LockAsync(IEnumerable<Guid> participantIds, CancellationToken ct) =>
        LoadAsync(participantIds, forUpdate: true, ct);

    /// <summary>What <see cref="LockAsync"/> reads, without locking or tracking anything: for a preview that writes nothing.</summary>
    internal Task<Dictionary<Guid, LockedParticipant>> ReadAsync(IEnumerable<Guid> participantIds, CancellationToken ct) =>
        LoadAsync(participantIds, forUpdate: false, ct);

    private async Task<Dictionary<Guid, LockedParticipant>> LoadAsync(IEnumerable<Guid> participantIds, bool forUpdate, CancellationToken ct)
    {
        var ids = participantIds.Distinct().Order().ToArray();
        var tenant = db.CurrentTenantId ?? throw new TenantMismatchException("The ledger is written within a municipality.");
        var totals = await (forUpdate
                ? db.ParticipantTotals.FromSql(
                    $"SELECT * FROM participant_totals WHERE tenant_id = {tenant} AND participant_id = ANY({ids}) ORDER BY participant_id FOR UPDATE")
                : db.ParticipantTotals.AsNoTracking().Where(t => ids.Contains(t.ParticipantId)))
            .ToListAsync(ct);
        var participants = (await (forUpdate ? ParticipantsToLock : ParticipantsToRead)(db, ids).ListAsync(ct)).ToDictionary(p => p.Id);
        var leave = await ParticipantRegistry.ApprovedLeaveAsync(db, ids, ct);
        return totals.Where(t => participants.ContainsKey(t.ParticipantId)).ToDictionary(t => t.ParticipantId, t =>
        {
            var p = participants[t.ParticipantId];
            var approved = leave[p.Id].ToList();
            return new LockedParticipant(p, t, approved, ParticipantSchedule.Period(p, ruleSets.Get(p.RuleSetId), approved));
        });
    }

    /// <summary>Every hour rule for one new entry, against the live ledger (the caller holds the lock).</summary>
    internal async Task<List<string>> CheckEntryAsync(LockedParticipant target, DateOnly date, HourCategory category, decimal hours, CancellationToken ct) =>
        CheckEntry(target, date, category, hours, await LiveHoursOnAsync(target.Participant.Id, date, ct), target.Totals.ExtraNorwegianHours);

    /// <summary>
    /// Every hour rule for one new entry, given the hours already on that date and the extra Norwegian hours already
    /// used, live or pending (the import reads the day sums of a whole file in one query, see <see cref="LiveHoursByDayAsync"/>).
    /// </summary>
    internal List<string> CheckEntry(LockedParticipant target, DateOnly date, HourCategory category, decimal hours,
        decimal hoursOnDate, decimal extraNorwegianUsed)
    {
        var p = target.Participant;
        var outcome = HourEntryRules.Validate(date, hours, category, p.ProgrammeStart, Today, hoursOnDate,
            extraNorwegianUsed, p.ExtraNorwegianHoursGranted);
        var refusal = outcome.Errors.ToList();
        if (target.Period?.CheckLoggedDate(date) is { } outsideProgramme)
        {
            refusal.Add(outsideProgramme);
        }
        return refusal;
    }

    private async Task<List<string>> CheckAbsenceAsync(LockedParticipant target, DateOnly date, decimal hours, CancellationToken ct) =>
        CheckAbsence(target, date, hours, (await LiveAbsenceByDayAsync([target.Participant.Id], date, ct)).GetValueOrDefault(target.Participant.Id));

    private List<string> CheckAbsence(LockedParticipant target, DateOnly date, decimal hours, decimal absentOnDate)
    {
        var p = target.Participant;
        // Absence follows the same date and step rules as hours; it counts against its own 24-hour day.
        var refusal = HourEntryRules.Validate(date, hours, HourCategory.Norwegian, p.ProgrammeStart, Today, 0m, 0m, 0m).Errors.ToList();
        if (hours > 0 && absentOnDate + hours > HourEntryRules.MaximumHoursPerDay)
        {
            refusal.Add(LedgerErrors.AbsenceDayTotalAbove24);
        }
        if (target.Period?.CheckLoggedDate(date) is { } outsideProgramme)
        {
            refusal.Add(outsideProgramme);
        }
        return refusal;
    }

    internal HourLedgerEntry NewEntry(Participant p, DateOnly date, HourCategory category, decimal hours, EntrySource source, Guid? actorId) => new()
    {
        TenantId = p.TenantId,
        Id = Guid.CreateVersion7(),
        ParticipantId = p.Id,
        Date = date,
        Category = category,
        Hours = hours,
        Source = source,
        RecordedBy = actorId,
        RecordedAt = clock.GetUtcNow(),
    };

    private AbsenceEntry NewAbsence(Participant p, DateOnly date, decimal hours, bool excused, string? reason, Guid? actorId) => new()
    {
        TenantId = p.TenantId,
        Id = Guid.CreateVersion7(),
        ParticipantId = p.Id,
        Date = date,
        Hours = hours,
        Excused = excused,
        Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(),
        RecordedBy = actorId,
        RecordedAt = clock.GetUtcNow(),
    };

    /// <summary>Adds a checked entry with its totals and weekly sum (the caller holds the lock and saves).</summary>
    internal async Task AddEntryAsync(LockedParticipant target, HourLedgerEntry entry, CancellationToken ct)
    {
        db.HourEntries.Add(entry);
        target.Totals.AddHours(entry.Category, entry.Hours);
        target.Totals.LiveEntryCount++;
        NoteRequirementDay(target, entry, voided: false);
        if (target.Totals.LastEntryDate is null || entry.Date > target.Totals.LastEntryDate)
        {
            target.Totals.LastEntryDate = entry.Date;
        }
        await AddToWeekAsync(target.Participant, entry.Date, entry.Category, entry.Hours, ct);
    }

    private void NoteRequirementDay(LockedParticipant target, HourLedgerEntry entry, bool voided)
    {
        if (target.Totals.RequirementDayMayMove(ruleSets.Get(target.Participant.RuleSetId), entry.Category, entry.Date, voided))
        {
            _requirementDaysToRefresh.Add(target.Participant.Id);
        }
    }

    /// <summary>
    /// Saves the changes and then, in the caller's transaction, works out again the requirement days the saved entries
    /// or voids may have moved (<see cref="RequirementDays"/>): one statement, and none when no day can have moved.
    /// </summary>
    internal async Task SaveAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            await RequirementDays.RefreshAsync(db, ruleSets, _requirementDaysToRefresh, ct);
        }
        finally
        {
            _requirementDaysToRefresh.Clear();
        }
    }

    private void AddAbsence(LockedParticipant target, AbsenceEntry absence)
    {
        db.AbsenceEntries.Add(absence);
        target.Totals.AddAbsence(absence.Excused, absence.Hours);
    }

    private async Task AddToWeekAsync(Participant p, DateOnly date, HourCategory category, decimal hours, CancellationToken ct)
    {
        var weekStart = ParticipantWeek.StartOf(date);
        // Find looks in the tracked entities by key first (a week added earlier in this unit of work too), and only then
        // in the database; scanning Local instead costs a pass over every tracked entity per entry.
        var week = await db.ParticipantWeeks.FindAsync([p.TenantId, p.Id, weekStart], ct);
        if (week is null)
        {
            week = new ParticipantWeek { TenantId = p.TenantId, ParticipantId = p.Id, WeekStart = weekStart };
            db.ParticipantWeeks.Add(week);
        }
        switch (category)
        {
            case HourCategory.Norwegian: week.NorwegianHours += hours; break;
            case HourCategory.SocialStudies: week.SocialStudiesHours += hours; break;
            default: week.OtherHours += hours; break;
        }
    }

    private Task<decimal> LiveHoursOnAsync(Guid participantId, DateOnly date, CancellationToken ct) => LiveHoursOn(db, participantId, date, ct);

    // Compiled: the reads of every single entry or absence (EF's per-query work was a sixth of the post's CPU,
    // docs/performance.md). The municipality's query filter applies as to any other query.
    private static readonly Func<AppDbContext, Guid, DateOnly, CancellationToken, Task<decimal>> LiveHoursOn =
        EF.CompileAsyncQuery((AppDbContext db, Guid id, DateOnly date, CancellationToken ct) =>
            db.HourEntries.Where(e => e.ParticipantId == id && e.Date == date && e.VoidedAt == null).Sum(e => e.Hours));

    private static readonly Func<AppDbContext, Guid[], IAsyncEnumerable<Participant>> ParticipantsToLock =
        EF.CompileAsyncQuery((AppDbContext db, Guid[] ids) => db.Participants.Where(p => ids.Contains(p.Id)));

    private static readonly Func<AppDbContext, Guid[], IAsyncEnumerable<Participant>> ParticipantsToRead =
        EF.CompileAsyncQuery((AppDbContext db, Guid[] ids) => db.Participants.AsNoTracking().Where(p => ids.Contains(p.Id)));

    /// <summary>Live absence hours per participant on one date, for many participants in one query.</summary>
    private async Task<Dictionary<Guid, decimal>> LiveAbsenceByDayAsync(IReadOnlyCollection<Guid> participantIds, DateOnly date, CancellationToken ct) =>
        (await db.AbsenceEntries.AsNoTracking()
            .Where(a => participantIds.Contains(a.ParticipantId) && a.Date == date && a.VoidedAt == null)
            .GroupBy(a => a.ParticipantId)
            .Select(g => new { ParticipantId = g.Key, Hours = g.Sum(a => a.Hours) })
            .ToListAsync(ct))
        .ToDictionary(d => d.ParticipantId, d => d.Hours);

    /// <summary>Live hours per participant and date for many participants and dates, in one query.</summary>
    internal async Task<Dictionary<(Guid ParticipantId, DateOnly Date), decimal>> LiveHoursByDayAsync(
        IReadOnlyCollection<Guid> participantIds, IReadOnlyCollection<DateOnly> dates, CancellationToken ct) =>
        (await db.HourEntries.AsNoTracking()
            .Where(e => participantIds.Contains(e.ParticipantId) && dates.Contains(e.Date) && e.VoidedAt == null)
            .GroupBy(e => new { e.ParticipantId, e.Date })
            .Select(g => new { g.Key.ParticipantId, g.Key.Date, Hours = g.Sum(e => e.Hours) })
            .ToListAsync(ct))
        .ToDictionary(d => (d.ParticipantId, d.Date), d => d.Hours);

    /// <summary>
    /// The participant's live hours and absence dated after <paramref name="date"/>: what a decision making that day the
    /// programme's last would leave outside it. Read under the participant's lock, so nothing is logged meanwhile.
    /// </summary>
    internal async Task<LiveRowsAfter> LiveRowsAfterAsync(Guid participantId, DateOnly date, CancellationToken ct)
    {
        var entries = db.HourEntries.Where(e => e.ParticipantId == participantId && e.VoidedAt == null && e.Date > date);
        var absence = db.AbsenceEntries.Where(a => a.ParticipantId == participantId && a.VoidedAt == null && a.Date > date);
        return new LiveRowsAfter(
            await entries.CountAsync(ct), await entries.SumAsync(e => e.Hours, ct),
            await absence.CountAsync(ct), await absence.SumAsync(a => a.Hours, ct));
    }

    /// <summary>The form field a rule's refusal belongs next to.</summary>
    public static string FieldOf(string code) => code switch
    {
        ErrorCodes.HoursBeforeProgrammeStart or ErrorCodes.HoursInFuture or ErrorCodes.HoursNoProgrammeStart
            or LedgerErrors.AfterProgrammeEnd or LedgerErrors.AfterLatestEnd => LedgerFields.Date,
        ErrorCodes.HoursUnknownCategory => LedgerFields.Category,
        _ => LedgerFields.Hours,
    };
}
