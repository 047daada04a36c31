using IntroProgram.Domain.Programme;
using static IntroProgram.Domain.Tests.Programme.TestDates;

namespace IntroProgram.Domain.Tests.Programme;

public class LeavePeriodTests
{
    [Fact]
    public void A_leave_counts_both_its_first_and_last_day()
    {
        Assert.Equal(10, new LeavePeriod(D("2025-03-01"), D("2025-03-10")).Days);
    }

    [Fact]
    public void A_one_day_leave_is_valid()
    {
        Assert.True(LeavePeriod.Validate(D("2025-03-01"), D("2025-03-01")).IsValid);
    }

    [Fact]
    public void A_leave_ending_before_it_starts_is_refused()
    {
        Assert.Equal([ErrorCodes.LeaveEndBeforeStart], LeavePeriod.Validate(D("2025-03-02"), D("2025-03-01")).Errors);
    }

    [Fact]
    public void Constructing_a_reversed_leave_throws_because_input_must_be_validated_first()
    {
        Assert.Throws<ArgumentException>(() => new LeavePeriod(D("2025-03-02"), D("2025-03-01")));
    }

    [Fact]
    public void Merging_joins_overlapping_and_adjacent_periods_and_keeps_separate_ones()
    {
        var merged = LeavePeriod.Merge(
        [
            new LeavePeriod(D("2025-05-01"), D("2025-05-03")),
            new LeavePeriod(D("2025-03-05"), D("2025-03-15")),
            new LeavePeriod(D("2025-03-01"), D("2025-03-10")),
            new LeavePeriod(D("2025-03-16"), D("2025-03-20")),
        ]);

        Assert.Equal(
            [new LeavePeriod(D("2025-03-01"), D("2025-03-20")), new LeavePeriod(D("2025-05-01"), D("2025-05-03"))],
            merged);
    }
}
