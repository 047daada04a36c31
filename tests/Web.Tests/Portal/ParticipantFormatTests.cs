using System.Globalization;
using IntroProgram.Web.Localization;

namespace IntroProgram.Web.Tests.Portal;

/// <summary>Hours and dates on the participant's pages, written as the municipality's letters write them (../shared/TERMS.md).</summary>
public sealed class ParticipantFormatTests
{
    public static TheoryData<string> EveryLanguage => new(Languages.Codes);

    private static CultureInfo Culture(string language) => Languages.Cultures.Single(c => c.Name == language);

    [Theory]
    [MemberData(nameof(EveryLanguage))]
    public void Hours_have_a_decimal_comma_in_every_language(string language)
    {
        var before = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = Culture(language);
        try
        {
            Assert.Equal(("12,5", "0,25", "1234", "550"), (ParticipantFormat.Hours(12.5m), ParticipantFormat.Hours(0.25m), ParticipantFormat.Hours(1234m), ParticipantFormat.Hours(550m)));
            Assert.Equal("12,5 %", ParticipantFormat.Percent(0.125m));
            Assert.Equal("1035", ParticipantFormat.Count(1035));
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }
    }

    [Theory]
    [MemberData(nameof(EveryLanguage))]
    public void A_date_has_no_weekday_in_any_language(string language)
    {
        var culture = Culture(language);
        var thursday = new DateOnly(2026, 3, 5);

        var text = ParticipantFormat.Date(thursday, culture);

        Assert.Contains("2026", text);
        Assert.Contains(culture.DateTimeFormat.GetMonthName(3)[..3], text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(culture.DateTimeFormat.DayNames.Concat(culture.DateTimeFormat.AbbreviatedDayNames), day => text.Contains(day, StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("nb", "5. mars 2026")]
    [InlineData("en", "March 5, 2026")]
    [InlineData("ar", "5 مارس 2026")]
    [InlineData("uk", "5 березня 2026")]
    public void A_date_reads_as_the_language_writes_it_after_a_preposition(string language, string expected)
    {
        Assert.StartsWith(expected, ParticipantFormat.Date(new DateOnly(2026, 3, 5), Culture(language)));
    }
}
