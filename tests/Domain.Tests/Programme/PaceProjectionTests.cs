using IntroProgram.Domain.Programme;
using static IntroProgram.Domain.Tests.Programme.TestDates;

namespace IntroProgram.Domain.Tests.Programme;

public class PaceProjectionTests
{
    private static readonly RuleSet Rules = StandardRuleSets.IntroductionAct2003;

    // 6 January to 3 March 2025 is exactly 8 weeks.
    private static PaceProjection Project(
        decimal hoursInWindow,
        int weeksInWindow = 8,
        decimal currentHours = 400m,
        decimal requiredHours = 550m,
        string today = "2025-01-06",
        string deadline = "2025-03-03") =>
        PaceProjection.FromWindowTotal(hoursInWindow, weeksInWindow, currentHours, requiredHours, D(today), D(deadline), Rules);

    [Fact]
    public void Pace_is_the_average_hours_per_week_in_the_window()
    {
        Assert.Equal(10m, Project(80m).PacePerWeek);
    }

    [Fact]
    public void Projection_adds_the_pace_for_every_week_left_to_the_current_hours()
    {
        var projection = Project(80m);

        Assert.Equal(8m, projection.WeeksUntilDeadline);
        Assert.Equal(480m, projection.ProjectedHoursAtDeadline);
    }

    [Fact]
    public void The_pace_needed_to_reach_the_requirement_is_reported()
    {
        Assert.Equal(18.75m, Project(80m).RequiredPacePerWeek);
    }

    [Fact]
    public void A_projection_landing_exactly_on_the_requirement_will_meet_it()
    {
        var projection = Project(150m);

        Assert.True(projection.WillMeetRequirement);
        Assert.Equal(PaceSeverity.None, projection.Severity);
    }

    [Fact]
    public void A_projection_short_of_the_requirement_will_not_meet_it()
    {
        Assert.False(Project(149.75m).WillMeetRequirement);
    }

    [Fact]
    public void Full_pace_is_full_time_with_holiday_weeks_taken_out_pro_rata()
    {
        // 37.5 h × 47 working weeks / 52 weeks.
        Assert.Equal(33.89m, Math.Round(Project(0m).FullPacePerWeek, 2));
    }

    [Fact]
    public void A_shortfall_closed_by_at_most_a_quarter_more_pace_is_watch()
    {
        // 16 h/week now, 18.75 h/week needed: 17 % more.
        Assert.Equal(PaceSeverity.Watch, Project(128m).Severity);
    }

    [Fact]
    public void A_shortfall_needing_exactly_a_quarter_more_pace_is_watch()
    {
        // 15 h/week now, 18.75 h/week needed: exactly 25 % more.
        Assert.Equal(PaceSeverity.Watch, Project(120m).Severity);
    }

    [Fact]
    public void A_shortfall_needing_more_than_a_quarter_more_pace_is_at_risk()
    {
        Assert.Equal(PaceSeverity.AtRisk, Project(80m).Severity);
    }

    [Fact]
    public void A_participant_with_no_recent_hours_and_time_left_is_at_risk()
    {
        Assert.Equal(PaceSeverity.AtRisk, Project(0m).Severity);
    }

    [Fact]
    public void A_requirement_out_of_reach_even_at_full_pace_is_critical()
    {
        // 450 hours missing in 4 weeks; full pace gives about 136.
        var projection = Project(300m, currentHours: 100m, deadline: "2025-02-03");

        Assert.True(projection.IsUnreachable);
        Assert.Equal(PaceSeverity.Critical, projection.Severity);
    }

    [Fact]
    public void A_requirement_just_within_reach_at_full_pace_is_not_critical()
    {
        // Full pace for 8 weeks gives 271.15 hours.
        var projection = Project(0m, currentHours: 278.85m);

        Assert.False(projection.IsUnreachable);
        Assert.NotEqual(PaceSeverity.Critical, projection.Severity);
    }

    [Fact]
    public void A_requirement_already_met_needs_no_action_even_without_recent_hours()
    {
        var projection = Project(0m, currentHours: 550m, today: "2025-04-01");

        Assert.True(projection.IsRequirementMet);
        Assert.Equal(PaceSeverity.None, projection.Severity);
    }

    [Fact]
    public void After_the_deadline_an_unmet_requirement_is_critical()
    {
        var projection = Project(80m, today: "2025-03-04");

        Assert.Equal(0m, projection.WeeksUntilDeadline);
        Assert.Equal(400m, projection.ProjectedHoursAtDeadline);
        Assert.Null(projection.RequiredPacePerWeek);
        Assert.Equal(PaceSeverity.Critical, projection.Severity);
    }

    [Fact]
    public void On_the_deadline_day_no_time_is_left()
    {
        Assert.Equal(PaceSeverity.Critical, Project(80m, today: "2025-03-03").Severity);
    }

    [Fact]
    public void Without_a_complete_week_the_pace_is_unknown_and_nothing_is_flagged()
    {
        var projection = Project(0m, weeksInWindow: 0, currentHours: 0m, deadline: "2028-01-06");

        Assert.False(projection.IsPaceKnown);
        Assert.Equal(PaceSeverity.None, projection.Severity);
    }

    [Fact]
    public void Without_a_complete_week_an_unreachable_requirement_is_still_critical()
    {
        Assert.Equal(PaceSeverity.Critical, Project(0m, weeksInWindow: 0, currentHours: 0m).Severity);
    }

    // Wednesday 12 March 2025: the current week starts Monday 10 March, so an 8-week window runs 13 January – 9 March.
    private static readonly DateOnly Wednesday = D("2025-03-12");

    private static PaceProjection FromWeeks(IEnumerable<WeeklyHours> weeks, string? programmeStart = null, int windowWeeks = 8) =>
        PaceProjection.FromWeeklyHours(
            weeks, 100m, 550m, Wednesday, D("2027-01-01"), Rules, programmeStart is null ? null : D(programmeStart), windowWeeks);

    [Fact]
    public void Weekly_hours_outside_the_window_and_in_the_current_week_are_left_out()
    {
        var projection = FromWeeks(
        [
            new WeeklyHours(D("2025-03-10"), 30m), // current week, still being logged
            new WeeklyHours(D("2025-03-03"), 20m),
            new WeeklyHours(D("2025-01-13"), 10m),
            new WeeklyHours(D("2025-01-06"), 30m), // nine weeks back
        ]);

        Assert.Equal(30m / 8m, projection.PacePerWeek);
    }

    [Fact]
    public void Weeks_without_hours_count_as_zero()
    {
        Assert.Equal(8, FromWeeks([new WeeklyHours(D("2025-03-03"), 40m)]).WeeksInWindow);
    }

    [Fact]
    public void A_participant_who_started_inside_the_window_is_judged_on_weeks_since_the_start()
    {
        var projection = FromWeeks(
            [new WeeklyHours(D("2025-02-17"), 10m), new WeeklyHours(D("2025-02-24"), 10m), new WeeklyHours(D("2025-03-03"), 10m)],
            programmeStart: "2025-02-19");

        Assert.Equal(3, projection.WeeksInWindow);
        Assert.Equal(10m, projection.PacePerWeek);
    }

    [Fact]
    public void A_participant_who_started_this_week_has_no_pace_yet()
    {
        Assert.False(FromWeeks([], programmeStart: "2025-03-10").IsPaceKnown);
    }

    [Fact]
    public void The_window_length_can_be_chosen()
    {
        var projection = FromWeeks([new WeeklyHours(D("2025-02-10"), 8m), new WeeklyHours(D("2025-02-03"), 100m)], windowWeeks: 4);

        Assert.Equal(2m, projection.PacePerWeek);
    }

    [Fact]
    public void The_default_window_is_eight_weeks()
    {
        var projection = PaceProjection.FromWeeklyHours([], 0m, 550m, Wednesday, D("2027-01-01"), Rules);

        Assert.Equal(8, projection.WeeksInWindow);
    }

    [Fact]
    public void A_negative_window_is_a_programming_error()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => FromWeeks([], windowWeeks: -1));
    }
}
