using IntroProgram.Domain.Programme;
using static IntroProgram.Domain.Tests.Programme.TestDates;

namespace IntroProgram.Domain.Tests.Programme;

public class BaseAmountTableTests
{
    [Theory]
    [InlineData("2020-05-01", 101_351)]
    [InlineData("2021-05-01", 106_399)]
    [InlineData("2022-05-01", 111_477)]
    [InlineData("2023-05-01", 118_620)]
    [InlineData("2024-05-01", 124_028)]
    [InlineData("2025-05-01", 130_160)]
    public void The_default_table_holds_the_adopted_g_values(string effectiveFrom, decimal amount)
    {
        Assert.Equal(amount, BaseAmountTable.Default.AmountOn(D(effectiveFrom)));
    }

    [Fact]
    public void The_previous_g_applies_until_the_day_before_the_next_takes_effect()
    {
        Assert.Equal(124_028m, BaseAmountTable.Default.AmountOn(D("2025-04-30")));
    }

    [Fact]
    public void The_latest_g_applies_indefinitely()
    {
        Assert.Equal(130_160m, BaseAmountTable.Default.AmountOn(D("2030-01-01")));
    }

    [Fact]
    public void There_is_no_g_before_the_first_row()
    {
        Assert.Null(BaseAmountTable.Default.AmountOn(D("2020-04-30")));
    }

    [Fact]
    public void Rows_given_out_of_order_are_sorted()
    {
        var table = new BaseAmountTable([new BaseAmount(D("2025-05-01"), 2m), new BaseAmount(D("2024-05-01"), 1m)]);

        Assert.Equal(D("2024-05-01"), table.Rows[0].EffectiveFrom);
        Assert.Equal(1m, table.AmountOn(D("2025-01-01")));
    }

    [Fact]
    public void An_empty_table_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => new BaseAmountTable([]));
    }

    [Fact]
    public void Two_rows_on_the_same_date_are_rejected()
    {
        Assert.Throws<ArgumentException>(() =>
            new BaseAmountTable([new BaseAmount(D("2025-05-01"), 1m), new BaseAmount(D("2025-05-01"), 2m)]));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void A_non_positive_amount_is_rejected(decimal amount)
    {
        Assert.Throws<ArgumentException>(() => new BaseAmountTable([new BaseAmount(D("2025-05-01"), amount)]));
    }
}
