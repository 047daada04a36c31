namespace IntroProgram.Infrastructure.Reporting;

/// <summary>
/// What a report covers: a period (first and last day, inclusive) and, optionally, one coordinator's participants.
/// A participant belongs to the period when their programme ran at some point in it, or when they were registered
/// before its end without starting (still waiting, or left before the start), and had not ended before it began.
/// </summary>
public sealed record ReportFilter(DateOnly From, DateOnly To, Guid? CoordinatorId = null)
{
    /// <summary>The default period: the last twelve whole calendar months up to and including this one.</summary>
    public static ReportFilter Default(DateOnly today) => new(new DateOnly(today.Year, today.Month, 1).AddMonths(-11), today);

    /// <summary>The day a snapshot (age, "today") is taken for this period: its last day, or today if that is earlier.</summary>
    public DateOnly ReferenceDate(DateOnly today) => To < today ? To : today;

    /// <summary>The longest period a report may cover; keeps month charts readable and queries bounded.</summary>
    public const int MaximumYears = 10;

    public bool IsValid => To >= From && From.AddYears(MaximumYears) >= To;
}
