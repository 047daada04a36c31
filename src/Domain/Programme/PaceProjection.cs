namespace IntroProgram.Domain.Programme;

/// <summary>Hours logged in one category during one week.</summary>
public readonly record struct WeeklyHours(DateOnly WeekStart, decimal Hours);

/// <summary>How urgently a coordinator should act on a projection.</summary>
public enum PaceSeverity
{
    /// <summary>On track, already done, or too early to tell.</summary>
    None = 0,

    /// <summary>Behind, but a modest increase in pace closes the gap.</summary>
    Watch = 1,

    /// <summary>Behind by more than a modest increase in pace can fix.</summary>
    AtRisk = 2,

    /// <summary>Cannot be reached by the deadline even at full-time pace.</summary>
    Critical = 3,
}

/// <summary>
/// Projects whether an hour requirement (Norwegian or social studies) will be met by the evidence deadline if the
/// participant keeps the pace of recent weeks. A pure function of its inputs.
/// </summary>
public sealed class PaceProjection
{
    public const int DefaultWindowWeeks = 8;

    /// <summary>
    /// Product policy, not law: a shortfall the participant can close by raising their pace by at most a quarter
    /// is worth watching; anything more needs action.
    /// </summary>
    public const decimal WatchPaceIncreaseLimit = 1.25m;

    private const decimal WeeksPerYear = 52m;

    private PaceProjection()
    {
    }

    /// <summary>Complete weeks the pace is based on; 0 means the pace is unknown.</summary>
    public int WeeksInWindow { get; private init; }

    public bool IsPaceKnown => WeeksInWindow > 0;

    /// <summary>Average hours per week over the window.</summary>
    public decimal PacePerWeek { get; private init; }

    public decimal CurrentHours { get; private init; }

    public decimal RequiredHours { get; private init; }

    public decimal HoursMissing => Math.Max(0m, RequiredHours - CurrentHours);

    /// <summary>Time left after today up to and including the deadline, in weeks; 0 once the deadline is today or past.</summary>
    public decimal WeeksUntilDeadline { get; private init; }

    /// <summary>Hours at the deadline if the current pace continues.</summary>
    public decimal ProjectedHoursAtDeadline { get; private init; }

    /// <summary>The pace needed from now on to reach the requirement; null when no time is left.</summary>
    public decimal? RequiredPacePerWeek { get; private init; }

    /// <summary>Full-time hours per week averaged over the year, holiday weeks taken out pro rata.</summary>
    public decimal FullPacePerWeek { get; private init; }

    /// <summary>Hours at the deadline if every remaining week were full time.</summary>
    public decimal MaximumReachableHours { get; private init; }

    public bool IsRequirementMet => CurrentHours >= RequiredHours;

    public bool WillMeetRequirement => ProjectedHoursAtDeadline >= RequiredHours;

    /// <summary>Not reachable by the deadline even at full-time pace.</summary>
    public bool IsUnreachable => MaximumReachableHours < RequiredHours;

    public PaceSeverity Severity { get; private init; }

    /// <summary>
    /// Projects from weekly sums. The window is the <paramref name="windowWeeks"/> complete weeks (Monday to Sunday)
    /// before the week containing <paramref name="today"/>; the current week is left out because it is still being
    /// logged. Weeks without an entry count as zero hours. When the programme started inside the window, only the
    /// weeks since its start count, so a new participant is not judged on weeks before they began.
    /// </summary>
    public static PaceProjection FromWeeklyHours(
        IEnumerable<WeeklyHours> weeks,
        decimal currentHours,
        decimal requiredHours,
        DateOnly today,
        DateOnly deadline,
        RuleSet ruleSet,
        DateOnly? programmeStart = null,
        int windowWeeks = DefaultWindowWeeks)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(windowWeeks);

        var windowEnd = MondayOf(today);
        var windowStart = windowEnd.AddDays(-7 * windowWeeks);
        var weeksCounted = windowWeeks;
        if (programmeStart is { } start && MondayOf(start) > windowStart)
        {
            weeksCounted = Math.Max(0, (windowEnd.DayNumber - MondayOf(start).DayNumber) / 7);
        }

        var hoursInWindow = weeks.Where(w => w.WeekStart >= windowStart && w.WeekStart < windowEnd).Sum(w => w.Hours);
        return FromWindowTotal(hoursInWindow, weeksCounted, currentHours, requiredHours, today, deadline, ruleSet);
    }

    /// <summary>Projects from the hours logged in the last <paramref name="weeksInWindow"/> weeks.</summary>
    public static PaceProjection FromWindowTotal(
        decimal hoursInWindow,
        int weeksInWindow,
        decimal currentHours,
        decimal requiredHours,
        DateOnly today,
        DateOnly deadline,
        RuleSet ruleSet)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(weeksInWindow);

        var pace = weeksInWindow > 0 ? hoursInWindow / weeksInWindow : 0m;
        var weeksLeft = Math.Max(0, deadline.DayNumber - today.DayNumber) / 7m;
        var fullPace = ruleSet.FullTimeHoursPerWeek * (WeeksPerYear - ruleSet.HolidayWeeksPerYear) / WeeksPerYear;
        var missing = Math.Max(0m, requiredHours - currentHours);
        var projected = currentHours + (pace * weeksLeft);
        var maximumReachable = currentHours + (fullPace * weeksLeft);
        decimal? requiredPace = weeksLeft > 0m ? missing / weeksLeft : null;

        return new PaceProjection
        {
            WeeksInWindow = weeksInWindow,
            PacePerWeek = pace,
            CurrentHours = currentHours,
            RequiredHours = requiredHours,
            WeeksUntilDeadline = weeksLeft,
            ProjectedHoursAtDeadline = projected,
            RequiredPacePerWeek = requiredPace,
            FullPacePerWeek = fullPace,
            MaximumReachableHours = maximumReachable,
            Severity = SeverityOf(
                isMet: currentHours >= requiredHours,
                isUnreachable: maximumReachable < requiredHours,
                isPaceKnown: weeksInWindow > 0,
                willMeet: projected >= requiredHours,
                requiredPace,
                pace),
        };
    }

    private static PaceSeverity SeverityOf(
        bool isMet,
        bool isUnreachable,
        bool isPaceKnown,
        bool willMeet,
        decimal? requiredPace,
        decimal pace)
    {
        if (isMet)
        {
            return PaceSeverity.None;
        }

        if (isUnreachable)
        {
            return PaceSeverity.Critical;
        }

        // Without a single complete week there is no pace to judge yet.
        if (!isPaceKnown || willMeet)
        {
            return PaceSeverity.None;
        }

        return requiredPace <= pace * WatchPaceIncreaseLimit ? PaceSeverity.Watch : PaceSeverity.AtRisk;
    }

    private static DateOnly MondayOf(DateOnly date) => date.AddDays(-(((int)date.DayOfWeek + 6) % 7));
}
