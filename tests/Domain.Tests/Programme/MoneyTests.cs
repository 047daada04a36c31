using IntroProgram.Domain.Programme;

namespace IntroProgram.Domain.Tests.Programme;

public class MoneyTests
{
    [Theory]
    [InlineData(0.005, 0.01)]
    [InlineData(0.0049, 0.00)]
    [InlineData(2.675, 2.68)]
    [InlineData(2.665, 2.67)] // banker's rounding would give 2.66
    [InlineData(670.425, 670.43)]
    [InlineData(-0.005, -0.01)]
    [InlineData(10846.666, 10846.67)]
    public void Amounts_round_to_whole_ore_with_halves_away_from_zero(decimal amount, decimal expected)
    {
        Assert.Equal(expected, Money.RoundToOre(amount));
    }

    [Fact]
    public void Two_thirds_is_applied_exactly()
    {
        // 0.666… × 3 would not give back 2; (3 × 2) / 3 does.
        Assert.Equal(2m, new Fraction(2, 3).ApplyTo(3m));
    }
}
