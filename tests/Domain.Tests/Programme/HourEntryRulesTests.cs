using IntroProgram.Domain.Programme;
using static IntroProgram.Domain.Tests.Programme.TestDates;

namespace IntroProgram.Domain.Tests.Programme;

public class HourEntryRulesTests
{
    private static readonly DateOnly ProgrammeStart = D("2025-01-06");
    private static readonly DateOnly Today = D("2025-03-14");

    /// <summary>A valid Norwegian entry of 3 hours today on an empty day unless a test says otherwise.</summary>
    private static ValidationOutcome Validate(
        decimal hours = 3m,
        HourCategory category = HourCategory.Norwegian,
        string? date = null,
        string? programmeStart = "2025-01-06",
        decimal alreadyLoggedOnDate = 0m,
        decimal extraUsed = 0m,
        decimal extraGranted = 0m) =>
        HourEntryRules.Validate(
            date is null ? Today : D(date),
            hours,
            category,
            programmeStart is null ? null : D(programmeStart),
            Today,
            alreadyLoggedOnDate,
            extraUsed,
            extraGranted);

    [Fact]
    public void A_normal_entry_is_accepted()
    {
        Assert.True(Validate().IsValid);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(-0.25)]
    public void Zero_or_negative_hours_are_refused(decimal hours)
    {
        Assert.Equal([ErrorCodes.HoursNotPositive], Validate(hours).Errors);
    }

    [Theory]
    [InlineData(0.25)]
    [InlineData(0.5)]
    [InlineData(0.75)]
    [InlineData(1)]
    [InlineData(7.5)]
    [InlineData(24)]
    public void Quarter_hour_steps_are_accepted(decimal hours)
    {
        Assert.True(Validate(hours).IsValid);
    }

    [Theory]
    [InlineData(0.3)]
    [InlineData(0.1)]
    [InlineData(1.2)]
    [InlineData(0.125)]
    [InlineData(7.49)]
    public void Hours_that_are_not_a_quarter_hour_step_are_refused(decimal hours)
    {
        Assert.Equal([ErrorCodes.HoursNotQuarterHour], Validate(hours).Errors);
    }

    [Fact]
    public void A_day_total_of_exactly_24_hours_is_accepted()
    {
        Assert.True(Validate(0.25m, alreadyLoggedOnDate: 23.75m).IsValid);
    }

    [Fact]
    public void A_day_total_of_24_and_a_quarter_hours_is_refused()
    {
        Assert.Equal([ErrorCodes.HoursDayTotalAbove24], Validate(0.25m, alreadyLoggedOnDate: 24m).Errors);
    }

    [Fact]
    public void A_single_entry_above_24_hours_is_refused()
    {
        Assert.Equal([ErrorCodes.HoursDayTotalAbove24], Validate(24.25m).Errors);
    }

    [Fact]
    public void An_entry_before_the_programme_start_is_refused()
    {
        Assert.Equal([ErrorCodes.HoursBeforeProgrammeStart], Validate(date: "2025-01-05").Errors);
    }

    [Fact]
    public void An_entry_on_the_programme_start_date_is_accepted()
    {
        Assert.True(Validate(date: "2025-01-06").IsValid);
    }

    [Fact]
    public void An_entry_for_a_participant_without_a_programme_start_is_refused()
    {
        Assert.Equal([ErrorCodes.HoursNoProgrammeStart], Validate(programmeStart: null).Errors);
    }

    [Fact]
    public void An_entry_dated_tomorrow_is_refused()
    {
        Assert.Equal([ErrorCodes.HoursInFuture], Validate(date: "2025-03-15").Errors);
    }

    [Fact]
    public void An_entry_dated_today_is_accepted()
    {
        Assert.True(Validate(date: "2025-03-14").IsValid);
    }

    [Fact]
    public void Extra_norwegian_hours_up_to_exactly_the_grant_are_accepted()
    {
        Assert.True(Validate(10m, HourCategory.ExtraNorwegian, extraUsed: 90m, extraGranted: 100m).IsValid);
    }

    [Fact]
    public void Extra_norwegian_hours_beyond_the_grant_are_refused()
    {
        var outcome = Validate(10.25m, HourCategory.ExtraNorwegian, extraUsed: 90m, extraGranted: 100m);

        Assert.Equal([ErrorCodes.HoursExtraNorwegianBeyondGrant], outcome.Errors);
    }

    [Fact]
    public void Extra_norwegian_hours_without_a_grant_are_refused()
    {
        Assert.Equal([ErrorCodes.HoursExtraNorwegianBeyondGrant], Validate(1m, HourCategory.ExtraNorwegian).Errors);
    }

    [Fact]
    public void The_extra_hours_grant_does_not_limit_ordinary_norwegian()
    {
        Assert.True(Validate(5m, HourCategory.Norwegian, extraUsed: 100m, extraGranted: 100m).IsValid);
    }

    [Theory]
    [InlineData(HourCategory.SocialStudies)]
    [InlineData(HourCategory.CareerGuidance)]
    [InlineData(HourCategory.WorkOriented)]
    [InlineData(HourCategory.EducationOriented)]
    public void Every_programme_category_can_be_logged(HourCategory category)
    {
        Assert.True(Validate(category: category).IsValid);
    }

    [Fact]
    public void An_unknown_category_is_refused()
    {
        Assert.Equal([ErrorCodes.HoursUnknownCategory], Validate(category: (HourCategory)99).Errors);
    }

    [Fact]
    public void Every_broken_rule_is_reported()
    {
        var outcome = Validate(0.3m, date: "2025-03-15", alreadyLoggedOnDate: 24m);

        Assert.Equal([ErrorCodes.HoursInFuture, ErrorCodes.HoursNotQuarterHour, ErrorCodes.HoursDayTotalAbove24], outcome.Errors);
    }

    [Fact]
    public void Non_positive_hours_are_not_also_reported_as_exceeding_the_day_or_grant()
    {
        var outcome = Validate(-1m, HourCategory.ExtraNorwegian, alreadyLoggedOnDate: 30m, extraUsed: 500m);

        Assert.Equal([ErrorCodes.HoursNotPositive], outcome.Errors);
    }
}
