using IntroProgram.Domain.Programme;
using static IntroProgram.Domain.Tests.Programme.TestDates;

namespace IntroProgram.Domain.Tests.Programme;

public class ProgrammeDeadlinesTests
{
    private static readonly RuleSet Rules = StandardRuleSets.IntroductionAct2003;

    private static LeavePeriod Leave(string start, string end) => new(D(start), D(end));

    private static ProgrammeDeadlines Calculate(string start, params LeavePeriod[] leave) =>
        ProgrammeDeadlines.Calculate(D(start), Rules, leave);

    [Fact]
    public void Normal_end_is_the_day_before_the_second_anniversary()
    {
        Assert.Equal(D("2026-12-31"), Calculate("2025-01-01").NormalEnd);
    }

    [Fact]
    public void Without_an_extension_the_planned_end_is_the_normal_end()
    {
        var deadlines = Calculate("2025-01-01");

        Assert.Equal(deadlines.NormalEnd, deadlines.PlannedEnd);
        Assert.False(deadlines.IsExtended);
    }

    [Fact]
    public void Latest_end_is_the_day_before_the_third_anniversary()
    {
        Assert.Equal(D("2027-12-31"), Calculate("2025-01-01").LatestEnd);
    }

    [Fact]
    public void Evidence_deadline_is_three_years_after_programme_start()
    {
        Assert.Equal(D("2028-03-14"), Calculate("2025-03-15").EvidenceDeadline);
    }

    [Fact]
    public void Evidence_deadline_can_fall_on_a_leap_day()
    {
        Assert.Equal(D("2024-02-29"), Calculate("2021-03-01").EvidenceDeadline);
    }

    [Fact]
    public void A_programme_starting_on_a_leap_day_ends_the_day_before_28_february()
    {
        // The anniversary of 29 February in a common year is 28 February, so the last day is the 27th.
        Assert.Equal(D("2026-02-27"), Calculate("2024-02-29").NormalEnd);
    }

    [Fact]
    public void Leave_inside_the_programme_moves_every_end_by_its_length()
    {
        var deadlines = Calculate("2025-01-01", Leave("2025-06-01", "2025-06-10"));

        Assert.Equal(D("2027-01-10"), deadlines.NormalEnd);
        Assert.Equal(D("2028-01-10"), deadlines.LatestEnd);
        Assert.Equal(D("2028-01-10"), deadlines.EvidenceDeadline);
    }

    [Fact]
    public void The_number_of_leave_days_that_moved_the_deadline_is_reported()
    {
        Assert.Equal(10, Calculate("2025-01-01", Leave("2025-06-01", "2025-06-10")).LeaveDaysMovingEvidenceDeadline);
    }

    [Fact]
    public void Leave_spanning_the_deadline_moves_it_by_the_whole_leave()
    {
        // The clock stops on 20 December with 12 days left and resumes after 10 January.
        var deadlines = Calculate("2025-01-01", Leave("2027-12-20", "2028-01-10"));

        Assert.Equal(D("2028-01-22"), deadlines.EvidenceDeadline);
    }

    [Fact]
    public void Leave_starting_on_the_deadline_moves_it()
    {
        Assert.Equal(D("2028-01-05"), Calculate("2025-01-01", Leave("2027-12-31", "2028-01-04")).EvidenceDeadline);
    }

    [Fact]
    public void Leave_starting_the_day_after_the_deadline_does_not_move_it()
    {
        Assert.Equal(D("2027-12-31"), Calculate("2025-01-01", Leave("2028-01-01", "2028-01-31")).EvidenceDeadline);
    }

    [Fact]
    public void Leave_within_an_already_moved_deadline_moves_it_further()
    {
        var deadlines = Calculate(
            "2025-01-01",
            Leave("2027-06-01", "2027-06-10"), // moves 31 Dec 2027 to 10 Jan 2028
            Leave("2028-01-05", "2028-01-06"), // now before the deadline: 12 Jan
            Leave("2028-01-20", "2028-01-25")); // still after it: ignored

        Assert.Equal(D("2028-01-12"), deadlines.EvidenceDeadline);
        Assert.Equal(12, deadlines.LeaveDaysMovingEvidenceDeadline);
    }

    [Fact]
    public void Overlapping_leave_counts_each_calendar_day_once()
    {
        var deadlines = Calculate("2025-01-01", Leave("2026-03-01", "2026-03-10"), Leave("2026-03-06", "2026-03-15"));

        Assert.Equal(15, deadlines.LeaveDaysMovingEvidenceDeadline);
    }

    [Fact]
    public void Leave_contained_in_another_counts_nothing_extra()
    {
        var deadlines = Calculate("2025-01-01", Leave("2026-03-01", "2026-03-31"), Leave("2026-03-10", "2026-03-12"));

        Assert.Equal(31, deadlines.LeaveDaysMovingEvidenceDeadline);
    }

    [Fact]
    public void The_same_leave_recorded_twice_counts_once()
    {
        var deadlines = Calculate("2025-01-01", Leave("2026-03-01", "2026-03-10"), Leave("2026-03-01", "2026-03-10"));

        Assert.Equal(D("2028-01-10"), deadlines.EvidenceDeadline);
    }

    [Fact]
    public void Adjacent_leave_periods_add_up()
    {
        var deadlines = Calculate("2025-01-01", Leave("2026-03-11", "2026-03-20"), Leave("2026-03-01", "2026-03-10"));

        Assert.Equal(20, deadlines.LeaveDaysMovingEvidenceDeadline);
    }

    [Fact]
    public void Leave_over_a_leap_day_counts_29_february()
    {
        Assert.Equal(10, Calculate("2027-01-01", Leave("2028-02-25", "2028-03-05")).LeaveDaysMovingEvidenceDeadline);
    }

    [Fact]
    public void Leave_before_the_programme_start_is_ignored()
    {
        Assert.Equal(D("2027-12-31"), Calculate("2025-01-01", Leave("2024-11-01", "2024-12-31")).EvidenceDeadline);
    }

    [Fact]
    public void Leave_that_began_before_the_programme_start_counts_only_from_the_start()
    {
        Assert.Equal(5, Calculate("2025-01-01", Leave("2024-12-20", "2025-01-05")).LeaveDaysMovingEvidenceDeadline);
    }

    [Fact]
    public void An_extension_sets_the_planned_end()
    {
        var deadlines = ProgrammeDeadlines.Calculate(D("2025-01-01"), Rules, approvedExtensionEnd: D("2027-06-30"));

        Assert.Equal(D("2027-06-30"), deadlines.PlannedEnd);
        Assert.True(deadlines.IsExtended);
    }

    [Fact]
    public void An_extension_beyond_the_maximum_duration_is_cut_back_to_the_latest_end()
    {
        var deadlines = ProgrammeDeadlines.Calculate(D("2025-01-01"), Rules, approvedExtensionEnd: D("2028-06-30"));

        Assert.Equal(D("2027-12-31"), deadlines.PlannedEnd);
    }

    [Fact]
    public void An_extension_overtaken_by_later_leave_gives_way_to_the_moved_normal_end()
    {
        var deadlines = ProgrammeDeadlines.Calculate(
            D("2025-01-01"), Rules, [Leave("2025-03-01", "2025-05-29")], approvedExtensionEnd: D("2027-01-31"));

        Assert.Equal(D("2027-03-31"), deadlines.PlannedEnd);
        Assert.False(deadlines.IsExtended);
    }

    [Fact]
    public void Without_an_extension_the_last_allowed_day_is_the_latest_end()
    {
        var deadlines = Calculate("2025-01-01", Leave("2025-06-01", "2025-06-10"));

        Assert.Equal(D("2028-01-10"), deadlines.LastAllowedDay);
        Assert.Equal(deadlines.LatestEnd, deadlines.LastAllowedDay);
    }

    [Fact]
    public void With_an_extension_the_last_allowed_day_is_the_extension_end()
    {
        var deadlines = ProgrammeDeadlines.Calculate(D("2025-01-01"), Rules, approvedExtensionEnd: D("2027-06-30"));

        Assert.Equal(D("2027-06-30"), deadlines.LastAllowedDay);
    }

    [Fact]
    public void With_an_extension_overtaken_by_leave_the_last_allowed_day_is_the_moved_normal_end()
    {
        var deadlines = ProgrammeDeadlines.Calculate(
            D("2025-01-01"), Rules, [Leave("2025-03-01", "2025-05-29")], approvedExtensionEnd: D("2027-01-31"));

        Assert.Equal(D("2027-03-31"), deadlines.LastAllowedDay);
    }

    [Fact]
    public void An_extension_does_not_move_the_evidence_deadline()
    {
        var deadlines = ProgrammeDeadlines.Calculate(D("2025-01-01"), Rules, approvedExtensionEnd: D("2027-06-30"));

        Assert.Equal(D("2027-12-31"), deadlines.EvidenceDeadline);
    }

    [Fact]
    public void An_extension_to_exactly_the_maximum_duration_is_valid()
    {
        Assert.True(ProgrammeDeadlines.ValidateExtension(D("2025-01-01"), Rules, [], D("2027-12-31")).IsValid);
    }

    [Fact]
    public void An_extension_one_day_beyond_the_maximum_duration_is_refused()
    {
        var outcome = ProgrammeDeadlines.ValidateExtension(D("2025-01-01"), Rules, [], D("2028-01-01"));

        Assert.Equal([ErrorCodes.ExtensionBeyondMaximumDuration], outcome.Errors);
    }

    [Fact]
    public void Leave_moves_the_maximum_an_extension_may_reach()
    {
        var outcome = ProgrammeDeadlines.ValidateExtension(D("2025-01-01"), Rules, [Leave("2025-06-01", "2025-06-10")], D("2028-01-10"));

        Assert.True(outcome.IsValid);
    }

    [Fact]
    public void An_extension_that_does_not_go_beyond_the_normal_end_is_refused()
    {
        var outcome = ProgrammeDeadlines.ValidateExtension(D("2025-01-01"), Rules, null, D("2026-12-31"));

        Assert.Equal([ErrorCodes.ExtensionNotAfterNormalEnd], outcome.Errors);
    }

    [Theory]
    [InlineData("2027-12-30", 1)]
    [InlineData("2027-12-31", 0)]
    [InlineData("2028-01-01", -1)]
    [InlineData("2025-01-01", 1094)]
    public void Days_until_the_evidence_deadline_count_from_today(string today, int expected)
    {
        Assert.Equal(expected, Calculate("2025-01-01").DaysUntilEvidenceDeadline(D(today)));
    }

    [Fact]
    public void Days_until_the_planned_end_count_from_today()
    {
        Assert.Equal(30, Calculate("2025-01-01").DaysUntilPlannedEnd(D("2026-12-01")));
    }
}
