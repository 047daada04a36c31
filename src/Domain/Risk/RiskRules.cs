using System.Globalization;
using IntroProgram.Domain.Participants;
using IntroProgram.Domain.Programme;

namespace IntroProgram.Domain.Risk;

/// <summary>The stable keys of the risk rules; stored with each flag, so never rename one.</summary>
public static class RiskRuleKeys
{
    public const string NorwegianPace = "pace.norwegian";
    public const string SocialStudiesPace = "pace.social-studies";
    public const string LateStart = "start.late";
    public const string UnexcusedAbsence = "absence.unexcused";
    public const string NoRecentHours = "hours.none-recently";
    public const string DeadlineWithoutCareerGuidance = "deadline.no-career-guidance";
    public const string ExtraHoursBeyondGrant = "extra-hours.beyond-grant";
    public const string MappingMissing = "mapping.missing";
    public const string PlanReviewOverdue = "plan.review-overdue";
    public const string BelowPlannedPace = "pace.below-plan";

    public static readonly IReadOnlyList<string> All =
    [
        NorwegianPace, SocialStudiesPace, LateStart, UnexcusedAbsence, NoRecentHours, DeadlineWithoutCareerGuidance,
        ExtraHoursBeyondGrant, MappingMissing, PlanReviewOverdue, BelowPlannedPace,
    ];
}

/// <summary>What the evaluation knows about one participant; everything comes from maintained totals and weekly sums.</summary>
public sealed record RiskInput
{
    public required ParticipantStatus Status { get; init; }
    public required DateOnly SettlementDate { get; init; }
    public required DateOnly? ProgrammeStart { get; init; }
    public required RuleSet RuleSet { get; init; }
    /// <summary>Null before a programme start is set.</summary>
    public required ProgrammeDeadlines? Deadlines { get; init; }
    public required HourTotals Hours { get; init; }
    public required AbsenceTotals Absence { get; init; }
    public required decimal ExtraNorwegianHoursGranted { get; init; }
    public required DateOnly? LastEntryDate { get; init; }
    public required IReadOnlyList<WeeklyHours> NorwegianWeeks { get; init; }
    public required IReadOnlyList<WeeklyHours> SocialStudiesWeeks { get; init; }
    /// <summary>The programme started without a completed competence mapping.</summary>
    public bool MappingMissingAtStart { get; init; }
    /// <summary>The first review date of the current plan that passed without a new version, if any.</summary>
    public DateOnly? OverduePlanReview { get; init; }
    /// <summary>Norwegian hours a week the individual plan sets for today; null without a plan.</summary>
    public decimal? PlannedNorwegianHoursPerWeek { get; init; }
}

/// <summary>One reason to act, with the numbers behind it (invariant-culture strings, rendered per language by the UI).</summary>
public sealed record RiskFinding(string Rule, RiskSeverity Severity, IReadOnlyDictionary<string, string> Facts);

/// <summary>
/// The risk rules of DESIGN.md §4 as one pure function: the nightly job gathers <see cref="RiskInput"/> for every
/// participant set-wise, calls this, and raises, updates or resolves flags from the difference.
/// </summary>
public static class RiskRules
{
    /// <summary>No hours for this many days while active is a flag.</summary>
    public const int NoHoursDays = 14;

    /// <summary>A programme end this close without any career guidance is a flag.</summary>
    public const int CareerGuidanceDeadlineDays = 60;

    /// <summary>Weeks of Norwegian compared with the plan's hours a week.</summary>
    public const int PlannedPaceWeeks = 4;

    /// <summary>Below this share of the planned Norwegian hours over <see cref="PlannedPaceWeeks"/> weeks is worth watching.</summary>
    public const decimal PlannedPaceShare = 0.75m;

    /// <summary>Unexcused absence above twice the threshold is critical.</summary>
    public const decimal CriticalAbsenceFactor = 2m;

    public static bool IsEvaluated(ParticipantStatus status) =>
        status is ParticipantStatus.Registered or ParticipantStatus.Active or ParticipantStatus.OnLeave;

    public static IReadOnlyList<RiskFinding> Evaluate(RiskInput p, DateOnly today)
    {
        var findings = new List<RiskFinding>();
        if (!IsEvaluated(p.Status))
        {
            return findings;
        }

        if (Eligibility.IsStartLate(p.SettlementDate, p.ProgrammeStart, today, p.RuleSet))
        {
            var deadline = Eligibility.StartDeadline(p.SettlementDate, p.RuleSet);
            findings.Add(new(RiskRuleKeys.LateStart, RiskSeverity.Warning, Facts(
                ("settlementDate", Date(p.SettlementDate)), ("startDeadline", Date(deadline)),
                ("programmeStart", p.ProgrammeStart is { } s ? Date(s) : ""),
                ("daysLate", Number((p.ProgrammeStart ?? today).DayNumber - deadline.DayNumber)))));
        }

        if (p.MappingMissingAtStart && p.Status != ParticipantStatus.Registered)
        {
            findings.Add(new(RiskRuleKeys.MappingMissing, RiskSeverity.Warning, Facts(("startedOn", p.ProgrammeStart is { } s ? Date(s) : ""))));
        }

        if (p.Status == ParticipantStatus.Registered || p.Deadlines is not { } deadlines || p.ProgrammeStart is not { } start)
        {
            return findings;
        }

        // Pace and silence are judged while the participant is expected to attend, not during an approved leave.
        if (p.Status == ParticipantStatus.Active)
        {
            AddPace(findings, RiskRuleKeys.NorwegianPace, p.NorwegianWeeks, p.Hours.Norwegian, p.RuleSet.NorwegianHoursRequired, deadlines, today, p);
            AddPace(findings, RiskRuleKeys.SocialStudiesPace, p.SocialStudiesWeeks, p.Hours.SocialStudies, p.RuleSet.SocialStudiesHoursRequired, deadlines, today, p);

            AddBelowPlan(findings, p, start, today);

            var since = p.LastEntryDate ?? start;
            var silentDays = today.DayNumber - since.DayNumber;
            if (start <= today.AddDays(-NoHoursDays) && silentDays > NoHoursDays)
            {
                findings.Add(new(RiskRuleKeys.NoRecentHours, silentDays > 3 * NoHoursDays ? RiskSeverity.Critical : RiskSeverity.Warning, Facts(
                    ("lastEntryDate", p.LastEntryDate is { } last ? Date(last) : ""), ("days", Number(silentDays)))));
            }
        }

        if (p.Absence.ScheduledHours > 0m)
        {
            var rate = p.Absence.UnexcusedHours / p.Absence.ScheduledHours;
            if (rate > p.RuleSet.UnexcusedAbsenceThreshold)
            {
                findings.Add(new(RiskRuleKeys.UnexcusedAbsence,
                    rate > p.RuleSet.UnexcusedAbsenceThreshold * CriticalAbsenceFactor ? RiskSeverity.Critical : RiskSeverity.Warning,
                    Facts(("unexcusedHours", Number(p.Absence.UnexcusedHours)), ("scheduledHours", Number(p.Absence.ScheduledHours)),
                        ("ratePercent", Number(Math.Round(rate * 100m, 1))), ("thresholdPercent", Number(p.RuleSet.UnexcusedAbsenceThreshold * 100m)))));
            }
        }

        var daysToEnd = deadlines.DaysUntilPlannedEnd(today);
        if (daysToEnd >= 0 && daysToEnd <= CareerGuidanceDeadlineDays && p.Hours.CareerGuidance == 0m)
        {
            findings.Add(new(RiskRuleKeys.DeadlineWithoutCareerGuidance, RiskSeverity.Warning, Facts(
                ("plannedEnd", Date(deadlines.PlannedEnd)), ("days", Number(daysToEnd)))));
        }

        if (p.Hours.ExtraNorwegian > p.ExtraNorwegianHoursGranted)
        {
            findings.Add(new(RiskRuleKeys.ExtraHoursBeyondGrant, RiskSeverity.Critical, Facts(
                ("used", Number(p.Hours.ExtraNorwegian)), ("granted", Number(p.ExtraNorwegianHoursGranted)))));
        }

        if (p.OverduePlanReview is { } review)
        {
            findings.Add(new(RiskRuleKeys.PlanReviewOverdue, RiskSeverity.Watch, Facts(
                ("reviewDate", Date(review)), ("days", Number(today.DayNumber - review.DayNumber)))));
        }

        return findings;
    }

    /// <summary>The individual plan sets the pace the participant is expected to keep; well below it is a watch flag.</summary>
    private static void AddBelowPlan(List<RiskFinding> findings, RiskInput p, DateOnly start, DateOnly today)
    {
        var windowEnd = ParticipantWeek.StartOf(today);
        var windowStart = windowEnd.AddDays(-7 * PlannedPaceWeeks);
        if (p.PlannedNorwegianHoursPerWeek is not { } planned || planned <= 0m || start > windowStart)
        {
            return;
        }
        var actual = p.NorwegianWeeks.Where(w => w.WeekStart >= windowStart && w.WeekStart < windowEnd).Sum(w => w.Hours) / PlannedPaceWeeks;
        if (actual < planned * PlannedPaceShare)
        {
            findings.Add(new(RiskRuleKeys.BelowPlannedPace, RiskSeverity.Watch, Facts(
                ("planned", Number(planned)), ("actual", Number(Math.Round(actual, 2))), ("weeks", Number(PlannedPaceWeeks)))));
        }
    }

    private static void AddPace(List<RiskFinding> findings, string rule, IReadOnlyList<WeeklyHours> weeks, decimal current, decimal required,
        ProgrammeDeadlines deadlines, DateOnly today, RiskInput p)
    {
        var projection = PaceProjection.FromWeeklyHours(weeks, current, required, today, deadlines.EvidenceDeadline, p.RuleSet, p.ProgrammeStart);
        var severity = projection.Severity switch
        {
            PaceSeverity.Watch => RiskSeverity.Watch,
            PaceSeverity.AtRisk => RiskSeverity.Warning,
            PaceSeverity.Critical => RiskSeverity.Critical,
            _ => (RiskSeverity?)null,
        };
        if (severity is null)
        {
            return;
        }
        findings.Add(new(rule, severity.Value, Facts(
            ("current", Number(current)), ("required", Number(required)),
            ("pacePerWeek", Number(Math.Round(projection.PacePerWeek, 2))), ("weeks", Number(projection.WeeksInWindow)),
            ("projected", Number(Math.Round(projection.ProjectedHoursAtDeadline, 1))),
            ("requiredPacePerWeek", projection.RequiredPacePerWeek is { } rp ? Number(Math.Round(rp, 2)) : ""),
            ("deadline", Date(deadlines.EvidenceDeadline)))));
    }

    private static Dictionary<string, string> Facts(params (string Key, string Value)[] facts) =>
        facts.ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal);

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Number(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
