using IntroProgram.Domain.Programme;

namespace IntroProgram.Domain.Tests.Programme;

public class HourTotalsTests
{
    [Fact]
    public void Category_sums_from_a_query_become_totals_with_missing_categories_at_zero()
    {
        var totals = HourTotals.FromCategorySums(
        [
            new KeyValuePair<HourCategory, decimal>(HourCategory.Norwegian, 120.5m),
            new KeyValuePair<HourCategory, decimal>(HourCategory.SocialStudies, 10m),
        ]);

        Assert.Equal(HourTotals.Zero with { Norwegian = 120.5m, SocialStudies = 10m }, totals);
    }

    [Theory]
    [InlineData(HourCategory.Norwegian)]
    [InlineData(HourCategory.SocialStudies)]
    [InlineData(HourCategory.CareerGuidance)]
    [InlineData(HourCategory.WorkOriented)]
    [InlineData(HourCategory.EducationOriented)]
    [InlineData(HourCategory.ExtraNorwegian)]
    public void Adding_hours_to_a_category_changes_only_that_category(HourCategory category)
    {
        var totals = HourTotals.Zero.Add(category, 2.5m);

        Assert.Equal(2.5m, totals.For(category));
        Assert.Equal(2.5m, totals.Total);
    }
}
