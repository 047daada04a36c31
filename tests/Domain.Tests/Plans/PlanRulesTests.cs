using IntroProgram.Domain.Decisions;
using IntroProgram.Domain.Participants;
using IntroProgram.Domain.Plans;
using IntroProgram.Domain.Programme;
using static IntroProgram.Domain.Tests.Programme.TestDates;

namespace IntroProgram.Domain.Tests.Plans;

public sealed class PlanRulesTests
{
    private static readonly DateOnly Start = D("2026-01-05");
    private static readonly DateOnly LatestEnd = D("2029-01-04");

    private static PlanMeasureInput Measure(decimal? hours = 15m, string from = "2026-01-05", string to = "2026-12-31",
        HourCategory? category = HourCategory.Norwegian, string? provider = "Bergen voksenopplæring") =>
        new(category, provider, D(from), D(to), hours);

    private static PlanInput Plan(params PlanMeasureInput[] measures) => new()
    {
        Goal = PlanGoal.Work,
        TargetDate = D("2027-12-31"),
        NorwegianLevel = CefrLevel.B1,
        Measures = measures.Length == 0 ? [Measure()] : measures,
        ReviewDates = [D("2026-06-01")],
    };

    private static IReadOnlyList<FieldError> Validate(PlanInput plan) => PlanRules.Validate(plan, Start, LatestEnd);

    [Fact]
    public void A_complete_plan_inside_the_programme_is_valid() => Assert.Empty(Validate(Plan()));

    [Theory]
    [InlineData("37.5")]
    [InlineData("0")]
    [InlineData("0.25")]
    public void Planned_hours_per_week_from_0_to_37_5_in_quarter_hours_are_accepted(string hours) =>
        Assert.Empty(Validate(Plan(Measure(decimal.Parse(hours, System.Globalization.CultureInfo.InvariantCulture)))));

    [Fact]
    public void Planned_hours_of_37_75_per_week_are_refused() =>
        Assert.Contains(new FieldError("Measures[0].HoursPerWeek", PlanErrors.HoursOutOfRange), Validate(Plan(Measure(37.75m))));

    [Fact]
    public void Negative_planned_hours_are_refused() =>
        Assert.Contains(new FieldError("Measures[0].HoursPerWeek", PlanErrors.HoursOutOfRange), Validate(Plan(Measure(-0.25m))));

    [Fact]
    public void Planned_hours_that_are_not_quarter_hours_are_refused() =>
        Assert.Contains(new FieldError("Measures[0].HoursPerWeek", PlanErrors.HoursNotQuarterHour), Validate(Plan(Measure(7.1m))));

    [Fact]
    public void Missing_planned_hours_are_refused() =>
        Assert.Contains(new FieldError("Measures[0].HoursPerWeek", PlanErrors.Required), Validate(Plan(Measure(hours: null))));

    [Fact]
    public void The_target_date_may_be_the_programme_start() =>
        Assert.Empty(Validate(Plan() with { TargetDate = Start }));

    [Fact]
    public void The_target_date_the_day_before_the_programme_start_is_refused() =>
        Assert.Equal([new FieldError(PlanFields.TargetDate, PlanErrors.TargetBeforeStart)], Validate(Plan() with { TargetDate = Start.AddDays(-1) }));

    [Fact]
    public void The_target_date_may_be_the_latest_end() =>
        Assert.Empty(Validate(Plan() with { TargetDate = LatestEnd }));

    [Fact]
    public void The_target_date_the_day_after_the_latest_end_is_refused() =>
        Assert.Equal([new FieldError(PlanFields.TargetDate, PlanErrors.TargetAfterLatestEnd)], Validate(Plan() with { TargetDate = LatestEnd.AddDays(1) }));

    [Fact]
    public void A_missing_target_date_is_refused() =>
        Assert.Contains(new FieldError(PlanFields.TargetDate, PlanErrors.Required), Validate(Plan() with { TargetDate = null }));

    [Fact]
    public void A_measure_may_run_from_the_programme_start_to_the_latest_end() =>
        Assert.Empty(Validate(Plan(Measure(from: "2026-01-05", to: "2029-01-04"))));

    [Fact]
    public void A_measure_starting_before_the_programme_is_refused() =>
        Assert.Equal([new FieldError("Measures[0].Start", PlanErrors.MeasureBeforeProgrammeStart)], Validate(Plan(Measure(from: "2026-01-04"))));

    [Fact]
    public void A_measure_ending_after_the_latest_end_is_refused() =>
        Assert.Equal([new FieldError("Measures[0].End", PlanErrors.MeasureAfterLatestEnd)], Validate(Plan(Measure(to: "2029-01-05"))));

    [Fact]
    public void A_measure_ending_before_it_starts_is_refused() =>
        Assert.Equal([new FieldError("Measures[0].End", PlanErrors.MeasureEndBeforeStart)], Validate(Plan(Measure(from: "2026-03-01", to: "2026-02-28"))));

    [Fact]
    public void A_one_day_measure_is_valid() =>
        Assert.Empty(Validate(Plan(Measure(from: "2026-03-01", to: "2026-03-01"))));

    [Fact]
    public void Overlapping_measures_summing_above_37_5_hours_a_week_are_refused()
    {
        var errors = Validate(Plan(
            Measure(20m, "2026-01-05", "2026-06-30"),
            Measure(17.75m, "2026-06-01", "2026-12-31", HourCategory.WorkOriented)));
        Assert.Equal([new FieldError("Measures[1].HoursPerWeek", PlanErrors.WeekTotalAboveFullTime)], errors);
    }

    [Fact]
    public void Overlapping_measures_summing_to_exactly_37_5_hours_a_week_are_valid() =>
        Assert.Empty(Validate(Plan(
            Measure(20m, "2026-01-05", "2026-06-30"),
            Measure(17.5m, "2026-06-01", "2026-12-31", HourCategory.WorkOriented))));

    [Fact]
    public void Measures_that_follow_each_other_may_each_plan_up_to_37_5_hours() =>
        Assert.Empty(Validate(Plan(
            Measure(37.5m, "2026-01-05", "2026-06-30"),
            Measure(37.5m, "2026-07-01", "2026-12-31", HourCategory.WorkOriented))));

    [Fact]
    public void The_weekly_total_counts_a_measure_that_starts_inside_two_others()
    {
        var errors = Validate(Plan(
            Measure(15m, "2026-01-05", "2026-12-31"),
            Measure(15m, "2026-02-01", "2026-12-31", HourCategory.SocialStudies),
            Measure(7.75m, "2026-03-01", "2026-03-31", HourCategory.CareerGuidance)));
        Assert.Equal([new FieldError("Measures[2].HoursPerWeek", PlanErrors.WeekTotalAboveFullTime)], errors);
    }

    [Fact]
    public void A_plan_without_a_measure_is_refused() =>
        Assert.Equal([new FieldError(PlanFields.Measures, PlanErrors.NoMeasure)],
            Validate(Plan() with { Measures = [new PlanMeasureInput(null, " ", null, null, null)] }));

    [Fact]
    public void Blank_measure_rows_are_ignored() =>
        Assert.Empty(Validate(Plan() with { Measures = [new PlanMeasureInput(null, null, null, null, null), Measure()] }));

    [Fact]
    public void A_partly_filled_measure_row_names_each_missing_field()
    {
        var errors = Validate(Plan() with { Measures = [new PlanMeasureInput(null, "NAV", null, null, null)] });
        Assert.Equal(
        [
            new FieldError("Measures[0].Category", PlanErrors.Required),
            new FieldError("Measures[0].Start", PlanErrors.Required),
            new FieldError("Measures[0].End", PlanErrors.Required),
            new FieldError("Measures[0].HoursPerWeek", PlanErrors.Required),
        ], errors);
    }

    [Fact]
    public void A_review_date_outside_the_programme_is_refused() =>
        Assert.Equal([new FieldError("ReviewDates[1]", PlanErrors.ReviewOutsideProgramme)],
            Validate(Plan() with { ReviewDates = [D("2026-06-01"), LatestEnd.AddDays(1)] }));

    [Fact]
    public void A_review_date_on_the_programme_start_and_on_the_latest_end_is_valid() =>
        Assert.Empty(Validate(Plan() with { ReviewDates = [Start, LatestEnd] }));

    [Fact]
    public void A_plan_without_a_review_date_is_refused() =>
        Assert.Equal([new FieldError(PlanFields.ReviewDates, PlanErrors.NoReviewDate)], Validate(Plan() with { ReviewDates = [null, null] }));

    [Fact]
    public void The_goal_and_the_norwegian_level_are_required()
    {
        var errors = Validate(Plan() with { Goal = null, NorwegianLevel = null });
        Assert.Contains(new FieldError(PlanFields.Goal, PlanErrors.Required), errors);
        Assert.Contains(new FieldError(PlanFields.NorwegianLevel, PlanErrors.Required), errors);
    }

    [Fact]
    public void The_goal_other_needs_a_description() =>
        Assert.Equal([new FieldError(PlanFields.GoalDescription, PlanErrors.GoalDescriptionRequired)], Validate(Plan() with { Goal = PlanGoal.Other }));

    [Fact]
    public void An_undefined_goal_is_refused() =>
        Assert.Equal([new FieldError(PlanFields.Goal, PlanErrors.InvalidChoice)], Validate(Plan() with { Goal = (PlanGoal)42 }));

    [Fact]
    public void The_first_version_needs_no_reason() => Assert.Empty(PlanRules.ValidateReason(null, 1));

    [Fact]
    public void A_second_version_needs_a_reason() =>
        Assert.Equal([new FieldError(PlanFields.Reason, PlanErrors.ReasonRequired)], PlanRules.ValidateReason("  ", 2));

    [Fact]
    public void A_second_version_with_a_reason_is_valid() => Assert.Empty(PlanRules.ValidateReason("Ny praksisplass", 2));

    private static IndividualPlan Stored(string decidedOn, params string[] reviews) => new()
    {
        DecidedOn = D(decidedOn),
        ReviewDates = reviews.Select(D).ToList(),
        Measures =
        [
            new PlanMeasure { Category = HourCategory.Norwegian, Start = D("2026-01-05"), End = D("2026-06-30"), HoursPerWeek = 15m },
            new PlanMeasure { Category = HourCategory.Norwegian, Start = D("2026-06-01"), End = D("2026-12-31"), HoursPerWeek = 7.5m },
            new PlanMeasure { Category = HourCategory.WorkOriented, Start = D("2026-03-01"), End = D("2026-12-31"), HoursPerWeek = 10m },
        ],
    };

    [Theory]
    [InlineData("2026-01-04", 0)]
    [InlineData("2026-01-05", 15)]
    [InlineData("2026-06-01", 22.5)]
    [InlineData("2026-06-30", 22.5)]
    [InlineData("2026-07-01", 7.5)]
    [InlineData("2026-12-31", 7.5)]
    [InlineData("2027-01-01", 0)]
    public void Planned_hours_per_week_sum_the_measures_of_the_category_running_that_day(string date, double expected) =>
        Assert.Equal((decimal)expected, PlanRules.PlannedHoursPerWeek(Stored("2026-01-05"), D(date), HourCategory.Norwegian));

    [Fact]
    public void Planned_hours_per_week_of_a_category_without_measures_are_zero() =>
        Assert.Equal(0m, PlanRules.PlannedHoursPerWeek(Stored("2026-01-05"), D("2026-04-01"), HourCategory.SocialStudies));

    [Fact]
    public void Planned_hours_per_week_in_all_categories_add_up() =>
        Assert.Equal(32.5m, PlanRules.PlannedHoursPerWeek(Stored("2026-01-05"), D("2026-06-15")));

    [Fact]
    public void A_review_is_not_overdue_on_its_date() =>
        Assert.False(PlanRules.IsReviewOverdue(Stored("2026-01-05", "2026-06-01"), D("2026-06-01")));

    [Fact]
    public void A_review_is_overdue_the_day_after_its_date() =>
        Assert.True(PlanRules.IsReviewOverdue(Stored("2026-01-05", "2026-06-01"), D("2026-06-02")));

    [Fact]
    public void A_version_decided_on_the_review_date_clears_the_overdue_review() =>
        Assert.False(PlanRules.IsReviewOverdue(Stored("2026-06-01", "2026-06-01"), D("2026-09-01")));

    [Fact]
    public void A_version_decided_after_the_review_date_clears_the_overdue_review() =>
        Assert.False(PlanRules.IsReviewOverdue(Stored("2026-06-20", "2026-06-01", "2026-12-01"), D("2026-09-01")));

    [Fact]
    public void A_version_decided_before_the_review_date_does_not_clear_it() =>
        Assert.True(PlanRules.IsReviewOverdue(Stored("2026-05-31", "2026-06-01"), D("2026-06-02")));

    [Fact]
    public void The_earliest_overdue_review_is_reported()
    {
        var plan = Stored("2026-01-05", "2026-12-01", "2026-06-01", "2027-06-01");
        Assert.Equal(D("2026-06-01"), PlanRules.OverdueReview(plan, D("2027-01-10")));
        Assert.Equal(D("2027-06-01"), PlanRules.NextReview(plan, D("2027-01-10")));
    }

    [Fact]
    public void A_plan_without_passed_reviews_is_not_overdue() =>
        Assert.Null(PlanRules.OverdueReview(Stored("2026-01-05", "2026-06-01"), D("2026-02-01")));

    [Fact]
    public void Stored_measures_drop_blank_rows_and_are_in_date_order()
    {
        var measures = PlanRules.Measures(Plan(
            Measure(5m, "2026-06-01", "2026-12-31", provider: "  NAV  "),
            new PlanMeasureInput(null, null, null, null, null),
            Measure(15m, "2026-01-05", "2026-06-30")));
        Assert.Equal([D("2026-01-05"), D("2026-06-01")], measures.Select(m => m.Start));
        Assert.Equal("NAV", measures[1].Provider);
    }

    [Fact]
    public void Stored_review_dates_are_distinct_and_in_order() =>
        Assert.Equal([D("2026-03-01"), D("2026-06-01")],
            PlanRules.ReviewDates(Plan() with { ReviewDates = [D("2026-06-01"), null, D("2026-03-01"), D("2026-06-01")] }));
}
