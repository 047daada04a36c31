using IntroProgram.Domain.Programme;

namespace IntroProgram.Domain.Tests.Programme;

public class ExtraNorwegianGrantRulesTests
{
    private static readonly RuleSet Rules = StandardRuleSets.IntroductionAct2003;

    [Theory]
    [InlineData(0)]
    [InlineData(100)]
    [InlineData(2400)]
    public void A_grant_up_to_the_maximum_is_accepted(decimal hours)
    {
        Assert.True(ExtraNorwegianGrantRules.Validate(hours, 0m, Rules).IsValid);
    }

    [Fact]
    public void A_grant_beyond_2400_hours_is_refused()
    {
        Assert.Equal([ErrorCodes.ExtraHoursGrantAboveMaximum], ExtraNorwegianGrantRules.Validate(2400.25m, 0m, Rules).Errors);
    }

    [Fact]
    public void A_negative_grant_is_refused()
    {
        Assert.Equal([ErrorCodes.ExtraHoursGrantNegative], ExtraNorwegianGrantRules.Validate(-1m, 0m, Rules).Errors);
    }

    [Fact]
    public void A_grant_that_is_not_a_quarter_hour_step_is_refused()
    {
        Assert.Equal([ErrorCodes.ExtraHoursGrantNotQuarterHour], ExtraNorwegianGrantRules.Validate(100.1m, 0m, Rules).Errors);
    }

    [Fact]
    public void A_grant_reduced_below_the_hours_already_used_is_refused()
    {
        Assert.Equal([ErrorCodes.ExtraHoursGrantBelowUsed], ExtraNorwegianGrantRules.Validate(50m, 60m, Rules).Errors);
    }

    [Fact]
    public void A_grant_reduced_to_exactly_the_hours_used_is_accepted()
    {
        Assert.True(ExtraNorwegianGrantRules.Validate(60m, 60m, Rules).IsValid);
    }
}
