namespace IntroProgram.Domain.Programme;

/// <summary>
/// The dates that bound a participant's programme. Every date is the last day inclusive: a period of N months
/// starting on day S ends the day before the N-month anniversary of S (1 January 2025 + 2 years ends
/// 31 December 2026). Approved leave pauses the clock, so it moves each date by its length.
/// </summary>
public sealed class ProgrammeDeadlines
{
    private ProgrammeDeadlines(
        DateOnly programmeStart,
        DateOnly normalEnd,
        DateOnly plannedEnd,
        DateOnly latestEnd,
        DateOnly evidenceDeadline,
        int leaveDaysMovingEvidenceDeadline,
        bool isExtended,
        DateOnly lastAllowedDay)
    {
        ProgrammeStart = programmeStart;
        NormalEnd = normalEnd;
        PlannedEnd = plannedEnd;
        LatestEnd = latestEnd;
        EvidenceDeadline = evidenceDeadline;
        LeaveDaysMovingEvidenceDeadline = leaveDaysMovingEvidenceDeadline;
        IsExtended = isExtended;
        LastAllowedDay = lastAllowedDay;
    }

    public DateOnly ProgrammeStart { get; }

    /// <summary>Last day of the normal duration, moved by leave.</summary>
    public DateOnly NormalEnd { get; }

    /// <summary>The approved extension end when there is one, otherwise <see cref="NormalEnd"/>; never after <see cref="LatestEnd"/>.</summary>
    public DateOnly PlannedEnd { get; }

    /// <summary>Last day of the maximum duration, moved by leave: no extension can go beyond it.</summary>
    public DateOnly LatestEnd { get; }

    /// <summary>Last day on which hours count towards the permanent-residence evidence, moved by leave.</summary>
    public DateOnly EvidenceDeadline { get; }

    /// <summary>Distinct leave days that moved the evidence deadline.</summary>
    public int LeaveDaysMovingEvidenceDeadline { get; }

    public bool IsExtended { get; }

    /// <summary>
    /// The last day the programme can run as decided so far: once a caseworker has extended it, the planned end (the
    /// extension's end, or the normal end if leave has since moved that later); otherwise <see cref="LatestEnd"/>,
    /// since an extension up to it can still be decided. No hours, absence or leave can fall after it.
    /// </summary>
    public DateOnly LastAllowedDay { get; }

    /// <summary>
    /// Computes the dates. Leave before the programme start is ignored. Overlapping leave decisions count each calendar
    /// day once. A leave that starts on or before a (moved) date moves it by its whole length, even when the leave
    /// runs past the date: the clock stops when the leave begins and resumes when it ends.
    /// </summary>
    /// <param name="approvedExtensionEnd">
    /// The end date a caseworker decided, as an absolute date. It is not moved by leave (a later leave that pushes the
    /// normal end past it wins); an end beyond <see cref="LatestEnd"/> is cut back to it — check decisions with
    /// <see cref="ValidateExtension"/>.
    /// </param>
    public static ProgrammeDeadlines Calculate(
        DateOnly programmeStart,
        RuleSet ruleSet,
        IEnumerable<LeavePeriod>? approvedLeave = null,
        DateOnly? approvedExtensionEnd = null)
    {
        var leave = LeaveWithinProgramme(programmeStart, approvedLeave);

        var normalEnd = MoveByLeave(LastDayOf(programmeStart, ruleSet.NormalDurationMonths), leave, out _);
        var latestEnd = MoveByLeave(LastDayOf(programmeStart, ruleSet.MaximumDurationMonths), leave, out _);
        var evidenceDeadline = MoveByLeave(LastDayOf(programmeStart, ruleSet.EvidenceDeadlineMonths), leave, out var leaveDays);

        var plannedEnd = normalEnd;
        var isExtended = false;
        if (approvedExtensionEnd is { } extensionEnd && extensionEnd > normalEnd)
        {
            plannedEnd = extensionEnd > latestEnd ? latestEnd : extensionEnd;
            isExtended = true;
        }

        var lastAllowedDay = approvedExtensionEnd is null ? latestEnd : plannedEnd;
        return new ProgrammeDeadlines(programmeStart, normalEnd, plannedEnd, latestEnd, evidenceDeadline, leaveDays, isExtended, lastAllowedDay);
    }

    /// <summary>Checks a caseworker's extension decision: it must end after the normal end and within the maximum duration.</summary>
    public static ValidationOutcome ValidateExtension(
        DateOnly programmeStart,
        RuleSet ruleSet,
        IEnumerable<LeavePeriod>? approvedLeave,
        DateOnly extensionEnd)
    {
        var deadlines = Calculate(programmeStart, ruleSet, approvedLeave);
        var errors = new List<string>();
        if (extensionEnd <= deadlines.NormalEnd)
        {
            errors.Add(ErrorCodes.ExtensionNotAfterNormalEnd);
        }

        if (extensionEnd > deadlines.LatestEnd)
        {
            errors.Add(ErrorCodes.ExtensionBeyondMaximumDuration);
        }

        return ValidationOutcome.From(errors);
    }

    /// <summary>Days from <paramref name="today"/> to the planned end: 0 on the last day, negative once it has passed.</summary>
    public int DaysUntilPlannedEnd(DateOnly today) => PlannedEnd.DayNumber - today.DayNumber;

    /// <summary>Days from <paramref name="today"/> to the evidence deadline: 0 on the last day, negative once it has passed.</summary>
    public int DaysUntilEvidenceDeadline(DateOnly today) => EvidenceDeadline.DayNumber - today.DayNumber;

    private static DateOnly LastDayOf(DateOnly start, int months) => start.AddMonths(months).AddDays(-1);

    private static IReadOnlyList<LeavePeriod> LeaveWithinProgramme(DateOnly programmeStart, IEnumerable<LeavePeriod>? leave)
    {
        if (leave is null)
        {
            return [];
        }

        var clipped = leave
            .Where(p => p.End >= programmeStart)
            .Select(p => p.Start >= programmeStart ? p : new LeavePeriod(programmeStart, p.End));
        return LeavePeriod.Merge(clipped);
    }

    /// <summary>
    /// Pushes <paramref name="lastDay"/> forward by each leave that begins on or before it, in date order; a pushed
    /// date can bring the next leave into reach. <paramref name="leave"/> must be merged and sorted.
    /// </summary>
    private static DateOnly MoveByLeave(DateOnly lastDay, IReadOnlyList<LeavePeriod> leave, out int leaveDays)
    {
        leaveDays = 0;
        foreach (var period in leave)
        {
            if (period.Start > lastDay)
            {
                break;
            }

            leaveDays += period.Days;
            lastDay = lastDay.AddDays(period.Days);
        }

        return lastDay;
    }
}
