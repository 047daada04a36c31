using IntroProgram.Domain.Participants;
using IntroProgram.Domain.Programme;
using IntroProgram.Web.Hosting;
using IntroProgram.Web.Tests.Support;
using static IntroProgram.Web.Tests.Hours.HoursTestSupport;

namespace IntroProgram.Web.Tests.BadInput;

/// <summary>
/// Dates and choices are read exactly or refused. The framework's own binders used to read "1,5,5" as 1 May 2005 and
/// the category "1,4" as 1|4 = 5, extra Norwegian hours: a different, valid value nobody entered.
/// </summary>
[Collection(AppSuite.Name)]
public sealed class StrictValueBindingTests(AppFactory app)
{
    [Theory]
    [InlineData("2026-11-24", 2026, 11, 24)]
    [InlineData(" 2026-02-28 ", 2026, 2, 28)]
    [InlineData("24.11.2026", 2026, 11, 24)]
    [InlineData("1.2.2026", 2026, 2, 1)]
    public void A_date_in_the_date_field_format_or_typed_the_Norwegian_way_is_read(string text, int year, int month, int day) =>
        Assert.Equal(new DateOnly(year, month, day), StrictValues.TryParseDate(text, typeof(DateOnly)));

    [Theory]
    [InlineData("1,5,5")]
    [InlineData("1/5/2005")]
    [InlineData("11/24/2026")]
    [InlineData("24.11.26")]
    [InlineData("2026-02-30")]
    [InlineData("2026-11-24T10:00")]
    [InlineData("24 November 2026")]
    [InlineData("20261124")]
    public void Any_other_date_is_refused(string text) =>
        Assert.Null(StrictValues.TryParseDate(text, typeof(DateOnly)));

    [Theory]
    [InlineData("SocialStudies", HourCategory.SocialStudies)]
    [InlineData("socialstudies", HourCategory.SocialStudies)]
    [InlineData("1", HourCategory.SocialStudies)]
    [InlineData("5", HourCategory.ExtraNorwegian)]
    public void A_choice_is_one_defined_member_by_name_or_number(string text, HourCategory expected) =>
        Assert.Equal(expected, StrictValues.TryParseChoice(typeof(HourCategory), text));

    [Theory]
    [InlineData("1,4")]
    [InlineData("SocialStudies,EducationOriented")]
    [InlineData("6")]
    [InlineData("-1")]
    [InlineData("Norwegian; DROP")]
    [InlineData("1.0")]
    public void Lists_undefined_numbers_and_other_text_are_not_a_choice(string text) =>
        Assert.Null(StrictValues.TryParseChoice(typeof(HourCategory), text));

    [Fact]
    public void Every_choice_the_forms_offer_is_read_back_by_its_number_and_its_name()
    {
        foreach (var type in new[] { typeof(HourCategory), typeof(ParticipantStatus), typeof(Gender) })
        {
            foreach (var value in Enum.GetValues(type))
            {
                Assert.Equal(value, StrictValues.TryParseChoice(type, Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture).ToString(System.Globalization.CultureInfo.InvariantCulture)));
                Assert.Equal(value, StrictValues.TryParseChoice(type, value.ToString()!));
            }
        }
    }

    [Theory]
    [InlineData("Category", "1,4")]
    [InlineData("Category", "SocialStudies,EducationOriented")]
    [InlineData("Date", "1,5,5")]
    [InlineData("Date", "11/24/2026")]
    public async Task Logging_hours_with_a_list_for_a_choice_or_a_guessable_date_is_refused_and_saves_nothing(string field, string value)
    {
        var p = await app.NewParticipantAsync();
        using var client = await app.SignedInAsync();
        var fields = HourFields(Today.AddDays(-1), "1,5", HourCategory.Norwegian);
        fields[field] = value;
        fields["FormToken"] = Guid.NewGuid().ToString();

        var response = await client.PostFormAsync(LogUrl(p), LogUrl(p), fields);

        await response.AssertRefusedWithAsync("Verdien er ikke gyldig.");
        Assert.Empty(await app.EntriesAsync(p));
    }
}
