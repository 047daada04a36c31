using IntroProgram.Domain.Decisions;
using IntroProgram.Domain.Participants;
using IntroProgram.Domain.Programme;

namespace IntroProgram.Domain.Plans;

/// <summary>A measure row as entered: all parts blank means an unused row.</summary>
public sealed record PlanMeasureInput(HourCategory? Category, string? Provider, DateOnly? Start, DateOnly? End, decimal? HoursPerWeek)
{
    public bool IsBlank => Category is null && string.IsNullOrWhiteSpace(Provider) && Start is null && End is null && HoursPerWeek is null;
}

/// <summary>What a coordinator or caseworker enters for a new plan version, before it is checked.</summary>
public sealed record PlanInput
{
    public PlanGoal? Goal { get; init; }
    public string? GoalDescription { get; init; }
    public DateOnly? TargetDate { get; init; }
    public CefrLevel? NorwegianLevel { get; init; }
    public IReadOnlyList<PlanMeasureInput> Measures { get; init; } = [];
    /// <summary>Blank fields are unused.</summary>
    public IReadOnlyList<DateOnly?> ReviewDates { get; init; } = [];
    public string? Reason { get; init; }
}

public static class PlanFields
{
    public const string Goal = nameof(PlanInput.Goal);
    public const string GoalDescription = nameof(PlanInput.GoalDescription);
    public const string TargetDate = nameof(PlanInput.TargetDate);
    public const string NorwegianLevel = nameof(PlanInput.NorwegianLevel);
    public const string Measures = nameof(PlanInput.Measures);
    public const string ReviewDates = nameof(PlanInput.ReviewDates);
    public const string Reason = nameof(PlanInput.Reason);

    public static string MeasureCategory(int row) => $"{Measures}[{row}].{nameof(PlanMeasureInput.Category)}";
    public static string MeasureProvider(int row) => $"{Measures}[{row}].{nameof(PlanMeasureInput.Provider)}";
    public static string MeasureStart(int row) => $"{Measures}[{row}].{nameof(PlanMeasureInput.Start)}";
    public static string MeasureEnd(int row) => $"{Measures}[{row}].{nameof(PlanMeasureInput.End)}";
    public static string MeasureHours(int row) => $"{Measures}[{row}].{nameof(PlanMeasureInput.HoursPerWeek)}";
    public static string ReviewDate(int row) => $"{ReviewDates}[{row}]";
}

public static class PlanErrors
{
    public const string Required = "Plan.Required";
    public const string TooLong = "Plan.TooLong";
    public const string TooManyRows = "Plan.TooManyRows";
    public const string InvalidChoice = "Plan.InvalidChoice";
    public const string GoalDescriptionRequired = "Plan.GoalDescriptionRequired";
    public const string TargetBeforeStart = "Plan.TargetBeforeStart";
    public const string TargetAfterLatestEnd = "Plan.TargetAfterLatestEnd";
    public const string NoMeasure = "Plan.NoMeasure";
    public const string MeasureEndBeforeStart = "Plan.MeasureEndBeforeStart";
    public const string MeasureBeforeProgrammeStart = "Plan.MeasureBeforeProgrammeStart";
    public const string MeasureAfterLatestEnd = "Plan.MeasureAfterLatestEnd";
    public const string HoursOutOfRange = "Plan.HoursOutOfRange";
    public const string HoursNotQuarterHour = "Plan.HoursNotQuarterHour";
    public const string WeekTotalAboveFullTime = "Plan.WeekTotalAboveFullTime";
    public const string NoReviewDate = "Plan.NoReviewDate";
    public const string ReviewOutsideProgramme = "Plan.ReviewOutsideProgramme";
    public const string ReasonRequired = "Plan.ReasonRequired";
    public const string NoProgrammeStart = "Plan.NoProgrammeStart";
    public const string ProgrammeEnded = "Plan.ProgrammeEnded";
    public const string ChangedByOthers = "Plan.ChangedByOthers";
}

/// <summary>
/// The rules of an individual plan: checks on a new version, the hours a week it plans (what the risk evaluation
/// expects to see logged) and whether a review is overdue.
/// </summary>
public static class PlanRules
{
    /// <summary>Full time in the programme: no week can plan more.</summary>
    public const decimal MaxHoursPerWeek = 37.5m;
    public const int MaxMeasures = 20;
    public const int MaxReviewDates = 12;
    public const int MaxProviderLength = 200;
    public const int MaxDescriptionLength = 1000;

    /// <summary>
    /// Every problem with a plan, field by field. The programme runs from <paramref name="programmeStart"/> to the
    /// participant's <paramref name="latestEnd"/> (the latest the programme can end, see
    /// <see cref="ProgrammeDeadlines.LatestEnd"/>): the target, every measure and every review fall inside it. The
    /// reason for a new version is checked by <see cref="ValidateReason"/>.
    /// </summary>
    public static IReadOnlyList<FieldError> Validate(PlanInput plan, DateOnly programmeStart, DateOnly latestEnd)
    {
        var errors = new List<FieldError>();

        if (plan.Goal is not { } goal)
        {
            errors.Add(new(PlanFields.Goal, PlanErrors.Required));
        }
        else if (!Enum.IsDefined(goal))
        {
            errors.Add(new(PlanFields.Goal, PlanErrors.InvalidChoice));
        }
        else if (goal == PlanGoal.Other && string.IsNullOrWhiteSpace(plan.GoalDescription))
        {
            errors.Add(new(PlanFields.GoalDescription, PlanErrors.GoalDescriptionRequired));
        }
        if (plan.GoalDescription is not null && plan.GoalDescription.Trim().Length > MaxDescriptionLength)
        {
            errors.Add(new(PlanFields.GoalDescription, PlanErrors.TooLong));
        }

        if (plan.TargetDate is not { } target)
        {
            errors.Add(new(PlanFields.TargetDate, PlanErrors.Required));
        }
        else if (target < programmeStart)
        {
            errors.Add(new(PlanFields.TargetDate, PlanErrors.TargetBeforeStart));
        }
        else if (target > latestEnd)
        {
            errors.Add(new(PlanFields.TargetDate, PlanErrors.TargetAfterLatestEnd));
        }

        if (plan.NorwegianLevel is not { } level)
        {
            errors.Add(new(PlanFields.NorwegianLevel, PlanErrors.Required));
        }
        else if (!Enum.IsDefined(level))
        {
            errors.Add(new(PlanFields.NorwegianLevel, PlanErrors.InvalidChoice));
        }

        ValidateMeasures(errors, plan.Measures, programmeStart, latestEnd);
        ValidateReviews(errors, plan.ReviewDates, programmeStart, latestEnd);
        return errors;
    }

    public static IReadOnlyList<FieldError> ValidateReason(string? reason, int version) =>
        VersionReason.Validate(reason, version, PlanFields.Reason, PlanErrors.ReasonRequired, PlanErrors.TooLong);

    /// <summary>The hours a week the plan sets for <paramref name="category"/> on <paramref name="date"/>: the sum over the measures running that day.</summary>
    public static decimal PlannedHoursPerWeek(IndividualPlan plan, DateOnly date, HourCategory category) =>
        plan.Measures.Where(m => m.Category == category && m.Covers(date)).Sum(m => m.HoursPerWeek);

    /// <summary>The hours a week the plan sets on <paramref name="date"/>, all categories together.</summary>
    public static decimal PlannedHoursPerWeek(IndividualPlan plan, DateOnly date) =>
        plan.Measures.Where(m => m.Covers(date)).Sum(m => m.HoursPerWeek);

    /// <summary>
    /// The earliest review date of the plan that has passed (it is before <paramref name="today"/>) without a
    /// version decided on or after it; null when no review is overdue. A new version decided on or after the review
    /// date is the review's record.
    /// </summary>
    public static DateOnly? OverdueReview(IndividualPlan plan, DateOnly today) =>
        plan.ReviewDates.Where(d => d < today && d > plan.DecidedOn).Order().Cast<DateOnly?>().FirstOrDefault();

    /// <summary>True when a review date has passed and no plan version was decided on or after it.</summary>
    public static bool IsReviewOverdue(IndividualPlan plan, DateOnly today) => OverdueReview(plan, today) is not null;

    /// <summary>The next review still to come, today included.</summary>
    public static DateOnly? NextReview(IndividualPlan plan, DateOnly today) =>
        plan.ReviewDates.Where(d => d >= today).Order().Cast<DateOnly?>().FirstOrDefault();

    /// <summary>The checked input as the measures a version stores, in date order; blank rows dropped.</summary>
    public static List<PlanMeasure> Measures(PlanInput plan) =>
        plan.Measures.Where(m => !m.IsBlank)
            .Select(m => new PlanMeasure
            {
                Category = m.Category!.Value,
                Provider = m.Provider!.Trim(),
                Start = m.Start!.Value,
                End = m.End!.Value,
                HoursPerWeek = m.HoursPerWeek!.Value,
            })
            .OrderBy(m => m.Start).ThenBy(m => m.End).ToList();

    /// <summary>The checked input's review dates, distinct and in order.</summary>
    public static List<DateOnly> ReviewDates(PlanInput plan) =>
        plan.ReviewDates.Where(d => d is not null).Select(d => d!.Value).Distinct().Order().ToList();

    private static void ValidateMeasures(List<FieldError> errors, IReadOnlyList<PlanMeasureInput> measures, DateOnly programmeStart, DateOnly latestEnd)
    {
        if (measures.Count > MaxMeasures)
        {
            errors.Add(new(PlanFields.Measures, PlanErrors.TooManyRows));
            return;
        }
        if (measures.All(m => m.IsBlank))
        {
            errors.Add(new(PlanFields.Measures, PlanErrors.NoMeasure));
            return;
        }

        // Rows complete enough to take part in the weekly total, with their row numbers.
        var valid = new List<(int Row, DateOnly Start, DateOnly End, decimal Hours)>();
        for (var i = 0; i < measures.Count; i++)
        {
            var m = measures[i];
            if (m.IsBlank)
            {
                continue;
            }
            if (m.Category is not { } category)
            {
                errors.Add(new(PlanFields.MeasureCategory(i), PlanErrors.Required));
            }
            else if (!Enum.IsDefined(category))
            {
                errors.Add(new(PlanFields.MeasureCategory(i), PlanErrors.InvalidChoice));
            }
            if (string.IsNullOrWhiteSpace(m.Provider))
            {
                errors.Add(new(PlanFields.MeasureProvider(i), PlanErrors.Required));
            }
            else if (m.Provider.Trim().Length > MaxProviderLength)
            {
                errors.Add(new(PlanFields.MeasureProvider(i), PlanErrors.TooLong));
            }

            var periodOk = true;
            if (m.Start is not { } start)
            {
                errors.Add(new(PlanFields.MeasureStart(i), PlanErrors.Required));
                periodOk = false;
            }
            else if (start < programmeStart)
            {
                errors.Add(new(PlanFields.MeasureStart(i), PlanErrors.MeasureBeforeProgrammeStart));
            }
            if (m.End is not { } end)
            {
                errors.Add(new(PlanFields.MeasureEnd(i), PlanErrors.Required));
                periodOk = false;
            }
            else if (m.Start is { } s && end < s)
            {
                errors.Add(new(PlanFields.MeasureEnd(i), PlanErrors.MeasureEndBeforeStart));
                periodOk = false;
            }
            else if (end > latestEnd)
            {
                errors.Add(new(PlanFields.MeasureEnd(i), PlanErrors.MeasureAfterLatestEnd));
            }

            var hoursOk = false;
            if (m.HoursPerWeek is not { } hours)
            {
                errors.Add(new(PlanFields.MeasureHours(i), PlanErrors.Required));
            }
            else if (hours < 0m || hours > MaxHoursPerWeek)
            {
                errors.Add(new(PlanFields.MeasureHours(i), PlanErrors.HoursOutOfRange));
            }
            else if (hours * 4m != decimal.Truncate(hours * 4m))
            {
                errors.Add(new(PlanFields.MeasureHours(i), PlanErrors.HoursNotQuarterHour));
            }
            else
            {
                hoursOk = true;
            }

            if (periodOk && hoursOk)
            {
                valid.Add((i, m.Start!.Value, m.End!.Value, m.HoursPerWeek!.Value));
            }
        }

        // The busiest day of overlapping periods is always the first day of one of them: check each start.
        foreach (var (row, start, _, _) in valid)
        {
            var total = valid.Where(v => v.Start <= start && start <= v.End).Sum(v => v.Hours);
            if (total > MaxHoursPerWeek)
            {
                errors.Add(new(PlanFields.MeasureHours(row), PlanErrors.WeekTotalAboveFullTime));
            }
        }
    }

    private static void ValidateReviews(List<FieldError> errors, IReadOnlyList<DateOnly?> reviews, DateOnly programmeStart, DateOnly latestEnd)
    {
        if (reviews.Count > MaxReviewDates)
        {
            errors.Add(new(PlanFields.ReviewDates, PlanErrors.TooManyRows));
            return;
        }
        if (reviews.All(d => d is null))
        {
            errors.Add(new(PlanFields.ReviewDates, PlanErrors.NoReviewDate));
            return;
        }
        for (var i = 0; i < reviews.Count; i++)
        {
            if (reviews[i] is { } date && (date < programmeStart || date > latestEnd))
            {
                errors.Add(new(PlanFields.ReviewDate(i), PlanErrors.ReviewOutsideProgramme));
            }
        }
    }
}
