using IntroProgram.Domain.Participants;
using IntroProgram.Domain.Programme;
using IntroProgram.Domain.Risk;
using static IntroProgram.Domain.Tests.Programme.TestDates;

namespace IntroProgram.Domain.Tests.Risk;

public class RiskRulesTests
{
    // A Monday, so the pace window is the 8 whole weeks before it.
    private static readonly DateOnly Today = D("2026-11-23");
    private static readonly RuleSet Rules = StandardRuleSets.IntroductionAct2003;

    /// <summary>
    /// Started 2024-03-04, so the evidence deadline (3 years) is 2027-03-03, 100 days after today. Norwegian and social
    /// studies already met, some career guidance: nothing to flag.
    /// </summary>
    private static RiskInput OnTrack(DateOnly? start = null, IEnumerable<LeavePeriod>? leave = null)
    {
        var programmeStart = start ?? D("2024-03-04");
        return new RiskInput
        {
            Status = ParticipantStatus.Active,
            SettlementDate = programmeStart.AddDays(-30),
            ProgrammeStart = programmeStart,
            RuleSet = Rules,
            Deadlines = ProgrammeDeadlines.Calculate(programmeStart, Rules, leave),
            Hours = new HourTotals(550m, 50m, 10m, 0m, 0m, 0m),
            Absence = new AbsenceTotals(610m, 0m, 0m),
            ExtraNorwegianHoursGranted = 0m,
            LastEntryDate = Today.AddDays(-1),
            NorwegianWeeks = Weeks(10m),
            SocialStudiesWeeks = [],
        };
    }

    private static List<WeeklyHours> Weeks(decimal hoursPerWeek, int count = 8) =>
        Enumerable.Range(1, count).Select(i => new WeeklyHours(Today.AddDays(-7 * i), hoursPerWeek)).ToList();

    private static RiskFinding? Find(RiskInput input, string rule) => RiskRules.Evaluate(input, Today).SingleOrDefault(f => f.Rule == rule);

    [Fact]
    public void A_participant_on_track_has_no_findings()
    {
        Assert.Empty(RiskRules.Evaluate(OnTrack(), Today));
    }

    [Fact]
    public void A_pace_that_exactly_reaches_550_by_the_deadline_raises_nothing()
    {
        // Deadline in 100 days = 14.2857 weeks; 10 h/week → 142.857 more hours. Start at 550 − 142.857.
        var input = OnTrack();
        var weeksLeft = (input.Deadlines!.EvidenceDeadline.DayNumber - Today.DayNumber) / 7m;
        var current = 550m - (10m * weeksLeft);
        Assert.Null(Find(input with { Hours = input.Hours with { Norwegian = current } }, RiskRuleKeys.NorwegianPace));
    }

    [Fact]
    public void A_pace_one_quarter_hour_short_of_550_raises_a_watch_flag_with_the_numbers()
    {
        var input = OnTrack();
        var weeksLeft = (input.Deadlines!.EvidenceDeadline.DayNumber - Today.DayNumber) / 7m;
        var current = 550m - (10m * weeksLeft) - 0.25m;

        var finding = Find(input with { Hours = input.Hours with { Norwegian = current } }, RiskRuleKeys.NorwegianPace);

        Assert.NotNull(finding);
        Assert.Equal(RiskSeverity.Watch, finding.Severity);
        Assert.Equal("10", finding.Facts["pacePerWeek"]);
        Assert.Equal("550", finding.Facts["required"]);
        Assert.Equal("2027-03-03", finding.Facts["deadline"]);
    }

    [Fact]
    public void A_requirement_out_of_reach_even_full_time_is_critical()
    {
        var input = OnTrack();
        var finding = Find(input with { Hours = input.Hours with { Norwegian = 10m }, NorwegianWeeks = Weeks(2m) }, RiskRuleKeys.NorwegianPace);
        Assert.Equal(RiskSeverity.Critical, finding?.Severity);
    }

    [Fact]
    public void Far_behind_but_reachable_is_a_warning()
    {
        var input = OnTrack();
        // 300 missing in 14.3 weeks needs 21 h/week; the pace is 10 (more than 25 % short), full time reaches it.
        var finding = Find(input with { Hours = input.Hours with { Norwegian = 250m } }, RiskRuleKeys.NorwegianPace);
        Assert.Equal(RiskSeverity.Warning, finding?.Severity);
    }

    [Fact]
    public void Approved_leave_moves_the_deadline_so_the_same_pace_is_enough()
    {
        var input = OnTrack();
        var behind = input with { Hours = input.Hours with { Norwegian = 350m } };
        Assert.NotNull(Find(behind, RiskRuleKeys.NorwegianPace));

        // 20 weeks of leave in 2025 push the deadline 140 days out: 34 weeks × 10 h covers the 200 missing.
        var leave = new[] { new LeavePeriod(D("2025-01-06"), D("2025-05-25")) };
        var withLeave = behind with { Deadlines = ProgrammeDeadlines.Calculate(behind.ProgrammeStart!.Value, Rules, leave) };
        Assert.Null(Find(withLeave, RiskRuleKeys.NorwegianPace));
    }

    [Theory]
    [InlineData(ParticipantStatus.Stopped)]
    [InlineData(ParticipantStatus.Completed)]
    [InlineData(ParticipantStatus.Exited)]
    public void An_ended_programme_is_not_evaluated(ParticipantStatus status)
    {
        var input = OnTrack() with { Status = status, Hours = HourTotals.Zero, LastEntryDate = null, NorwegianWeeks = [] };
        Assert.Empty(RiskRules.Evaluate(input, Today));
    }

    [Fact]
    public void A_start_exactly_three_months_after_settlement_is_not_late_and_a_day_later_is()
    {
        var input = OnTrack();
        var settlement = D("2023-12-04");
        Assert.Null(Find(input with { SettlementDate = settlement, ProgrammeStart = D("2024-03-04") }, RiskRuleKeys.LateStart));
        var late = Find(input with { SettlementDate = D("2023-12-03") }, RiskRuleKeys.LateStart);
        Assert.NotNull(late);
        Assert.Equal("1", late.Facts["daysLate"]);
    }

    [Fact]
    public void A_registered_participant_whose_start_deadline_passed_is_flagged_late_before_starting()
    {
        var input = OnTrack() with { Status = ParticipantStatus.Registered, ProgrammeStart = null, Deadlines = null, SettlementDate = Today.AddMonths(-3).AddDays(-1) };
        Assert.NotNull(Find(input, RiskRuleKeys.LateStart));
    }

    [Fact]
    public void Unexcused_absence_at_exactly_10_percent_is_not_flagged_and_above_is()
    {
        var input = OnTrack();
        Assert.Null(Find(input with { Absence = new AbsenceTotals(1000m, 100m, 0m) }, RiskRuleKeys.UnexcusedAbsence));
        var finding = Find(input with { Absence = new AbsenceTotals(1000m, 100.25m, 0m) }, RiskRuleKeys.UnexcusedAbsence);
        Assert.Equal(RiskSeverity.Warning, finding?.Severity);
        Assert.Equal(RiskSeverity.Critical, Find(input with { Absence = new AbsenceTotals(1000m, 201m, 0m) }, RiskRuleKeys.UnexcusedAbsence)?.Severity);
    }

    [Fact]
    public void Excused_absence_never_counts_towards_the_absence_flag()
    {
        Assert.Null(Find(OnTrack() with { Absence = new AbsenceTotals(1000m, 0m, 500m) }, RiskRuleKeys.UnexcusedAbsence));
    }

    [Fact]
    public void Fourteen_days_without_hours_is_fine_and_fifteen_is_flagged()
    {
        Assert.Null(Find(OnTrack() with { LastEntryDate = Today.AddDays(-14) }, RiskRuleKeys.NoRecentHours));
        Assert.Equal(RiskSeverity.Warning, Find(OnTrack() with { LastEntryDate = Today.AddDays(-15) }, RiskRuleKeys.NoRecentHours)?.Severity);
    }

    [Fact]
    public void Silence_is_not_flagged_during_leave_or_in_the_first_two_weeks()
    {
        Assert.Null(Find(OnTrack() with { Status = ParticipantStatus.OnLeave, LastEntryDate = Today.AddDays(-40) }, RiskRuleKeys.NoRecentHours));
        var newcomer = OnTrack(start: Today.AddDays(-10)) with { LastEntryDate = null };
        Assert.Null(Find(newcomer, RiskRuleKeys.NoRecentHours));
    }

    [Fact]
    public void A_programme_end_within_60_days_without_career_guidance_is_flagged()
    {
        // Normal end = start + 2 years − 1 day; choose the start so the end is 60 days away, then 61.
        var endIn60 = OnTrack(start: Today.AddDays(60).AddDays(1).AddYears(-2)) with { Hours = new HourTotals(550m, 50m, 0m, 0m, 0m, 0m) };
        Assert.Equal(60, endIn60.Deadlines!.DaysUntilPlannedEnd(Today));
        Assert.NotNull(Find(endIn60, RiskRuleKeys.DeadlineWithoutCareerGuidance));

        var endIn61 = OnTrack(start: Today.AddDays(61).AddDays(1).AddYears(-2)) with { Hours = new HourTotals(550m, 50m, 0m, 0m, 0m, 0m) };
        Assert.Null(Find(endIn61, RiskRuleKeys.DeadlineWithoutCareerGuidance));

        Assert.Null(Find(endIn60 with { Hours = endIn60.Hours with { CareerGuidance = 0.25m } }, RiskRuleKeys.DeadlineWithoutCareerGuidance));
    }

    [Fact]
    public void Extra_hours_beyond_the_grant_are_critical_and_exactly_the_grant_is_fine()
    {
        var input = OnTrack() with { ExtraNorwegianHoursGranted = 100m };
        Assert.Null(Find(input with { Hours = input.Hours with { ExtraNorwegian = 100m } }, RiskRuleKeys.ExtraHoursBeyondGrant));
        Assert.Equal(RiskSeverity.Critical, Find(input with { Hours = input.Hours with { ExtraNorwegian = 100.25m } }, RiskRuleKeys.ExtraHoursBeyondGrant)?.Severity);
    }

    [Fact]
    public void A_missing_mapping_and_an_overdue_plan_review_are_flagged_when_given()
    {
        var input = OnTrack() with { MappingMissingAtStart = true, OverduePlanReview = Today.AddDays(-3) };
        Assert.NotNull(Find(input, RiskRuleKeys.MappingMissing));
        Assert.Equal("3", Find(input, RiskRuleKeys.PlanReviewOverdue)?.Facts["days"]);
    }

    [Fact]
    public void Evaluation_is_deterministic()
    {
        var input = OnTrack() with { Hours = HourTotals.Zero, LastEntryDate = Today.AddDays(-30), Absence = new AbsenceTotals(100m, 50m, 0m) };
        var first = RiskRules.Evaluate(input, Today);
        var second = RiskRules.Evaluate(input, Today);
        Assert.Equal(first.Select(f => (f.Rule, f.Severity, string.Join(",", f.Facts.OrderBy(k => k.Key)))),
            second.Select(f => (f.Rule, f.Severity, string.Join(",", f.Facts.OrderBy(k => k.Key)))));
        Assert.True(first.Count >= 3);
    }

    [Fact]
    public void Norwegian_well_below_the_planned_hours_a_week_is_watched_and_three_quarters_is_not()
    {
        // The last four weeks had 10 h each; the plan says 15 h a week on Norwegian.
        Assert.Null(Find(OnTrack() with { PlannedNorwegianHoursPerWeek = 10m / 0.75m }, RiskRuleKeys.BelowPlannedPace));
        var finding = Find(OnTrack() with { PlannedNorwegianHoursPerWeek = 15m }, RiskRuleKeys.BelowPlannedPace);
        Assert.Equal(RiskSeverity.Watch, finding?.Severity);
        Assert.Equal("10", finding?.Facts["actual"]);
        Assert.Null(Find(OnTrack() with { PlannedNorwegianHoursPerWeek = null }, RiskRuleKeys.BelowPlannedPace));
    }
}
