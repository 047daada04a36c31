using System.Globalization;
using System.Text.RegularExpressions;
using IntroProgram.Domain.Decisions;
using IntroProgram.Domain.Programme;
using IntroProgram.Infrastructure.Decisions;
using IntroProgram.Web.Localization;
using IntroProgram.Web.Tests.Support;

namespace IntroProgram.Web.Tests.Portal;

/// <summary>
/// The glossary (../shared/TERMS.md) on the participant's pages: one rendering per term and language, the Norwegian
/// word of the municipality's letters once per page, hours and dates written as the letters write them.
/// </summary>
[Collection(AppSuite.Name)]
public sealed class ParticipantTermsTests(AppFactory app)
{
    private const string Bergen = "4601";
    private static DateOnly Today => ParticipantTestData.Today;

    /// <summary>A rendering the glossary rules out for a term, except in the texts named (which say what it is not).</summary>
    private sealed record RuledOut(string Term, string Language, string Pattern, params string[] AllowedIn);

    private static readonly RuledOut[] Glossary =
    [
        new("leave (permisjon) reads as holiday", "ar", "إجازة"),
        new("leave (permisjon) reads as holiday", "uk", "відпустк", "Portal.Leave.Explained"),
        new("extra Norwegian hours are hours", "en", @"\blessons?\b"),
        new("extra Norwegian hours are hours", "ar", "دروس|حصص"),
        new("extra Norwegian hours are hours", "uk", "урок"),
        new("hours left are not extra hours", "ar", "ساعات إضافية"),
        new("hours left", "nb", "du mangler"),
        new("hours left", "en", @"\bmore hours\b"),
        new("hours left", "uk", "бракує"),
        new("the target Norwegian level is aimed for, not required", "ar", "المطلوب"),
        new("the target Norwegian level", "en", "aimed at"),
        new("the target Norwegian level", "uk", "до якого ви йдете"),
        new("the target Norwegian level", "nb", "norsknivå målet er"),
        new("extension (forlengelse)", "uk", "довша програм"),
        new("extension (forlengelse)", "en", "longer programme"),
        new("extension (forlengelse)", "nb", "lengre program"),
        new("return to the programme is not an extension", "uk", "продовжується"),
        new("return to the programme", "ar", "استمرار البرنامج"),
        new("return to the programme", "en", "programme continues"),
        new("return to the programme", "nb", "programmet fortsetter"),
        new("social studies (samfunnskunnskap)", "ar", "الدراسات الاجتماعية|المعرفة بالمجتمع النرويجي"),
        new("social studies (samfunnskunnskap)", "uk", "знання про суспільство"),
        new("Norwegian language training", "nb", "norskopplæring"),
        new("Norwegian language training", "ar", "تعل[ّ]?م اللغة"),
        new("the introduction programme", "uk", @"вступн\w* програм"),
        new("the introduction programme", "ar", "برنامج التعريف"),
        new("participation certificate (deltakerbevis)", "uk", "свідоцтв"),
        new("certificates, as on the menu", "uk", "мої документи"),
        new("municipality (kommune)", "uk", "муніципалітет"),
        new("absence with / without a valid reason", "uk", "відсутн"),
        new("absence with / without a valid reason", "en", @"\b(un)?excused\b"),
        new("deadline for the hours", "uk", "кінцевий строк"),
        new("confirmation of completed training", "en", "evidence of hours"),
        new("confirmation of completed training", "nb", "dokumentasjon av timer"),
        new("confirmation of completed training", "ar", "إثبات الساعات"),
        new("confirmation of completed training", "uk", "підтвердження годин"),
        new("your programme adviser", "en", @"\bcoordinator\b|(?<!programme )\badviser\b"),
        new("your programme adviser", "ar", "المستشار المسؤول"),
        new("your programme adviser", "uk", "координатор"),
    ];

    public static TheoryData<string, string> RuledOutRenderings
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var rule in Glossary)
            {
                data.Add(rule.Language, rule.Pattern);
            }
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(RuledOutRenderings))]
    public void No_participant_text_uses_a_rendering_the_glossary_rules_out(string language, string ruledOut)
    {
        var rule = Glossary.Single(r => r.Language == language && r.Pattern == ruledOut);
        var pattern = new Regex(rule.Pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        var offending = UiTexts.Instance.Languages[language]
            .Where(kv => Languages.IsParticipantText(kv.Key) && !rule.AllowedIn.Contains(kv.Key) && pattern.IsMatch(kv.Value))
            .Select(kv => $"{rule.Term}: {kv.Key}: {kv.Value}").Order().ToList();

        Assert.Empty(offending);
    }

    public static TheoryData<string> LanguagesWithBrackets => new("en", "ar", "uk");

    /// <summary>Bokmål is the letters' language; the others give the letters' word in brackets, once on each page.</summary>
    [Theory]
    [MemberData(nameof(LanguagesWithBrackets))]
    public async Task Each_page_gives_the_norwegian_word_of_the_letters_once(string language)
    {
        var me = await app.ParticipantWithAccountAsync(Bergen, Demo.BergenCoordinator, d => d with { PreferredLanguage = language });
        using var client = await app.SignedInAsync(me.Email, me.Password);

        var start = TestClient.Decode(await client.GetPageAsync("/me"));
        var progress = TestClient.Decode(await client.GetPageAsync("/me/progress"));
        var absence = TestClient.Decode(await client.GetPageAsync("/me/absence"));
        var decisions = TestClient.Decode(await client.GetPageAsync("/me/decisions"));

        Assert.Contains($"<html lang=\"{language}\"", start);
        Assert.Equal(1, Occurrences(start, "(samfunnskunnskap)"));
        Assert.Equal(1, Occurrences(progress, "(samfunnskunnskap)"));
        Assert.Equal(1, Occurrences(absence, "(permisjon)"));
        Assert.Equal(1, Occurrences(absence, "(introduksjonsstønad)"));
        Assert.Equal(1, Occurrences(decisions, "(vedtak)"));
        Assert.Equal(1, Occurrences(decisions, "(permisjon)"));
    }

    [Fact]
    public async Task An_arabic_page_writes_hours_with_a_decimal_comma_as_the_letters_do()
    {
        var me = await app.ParticipantWithAccountAsync(Bergen, Demo.BergenCoordinator, d => d with { PreferredLanguage = "ar" });
        await app.LogHoursAsync(me.Participant, Today.AddDays(-2), HourCategory.Norwegian, 7.5m);
        await app.LogHoursAsync(me.Participant, Today.AddDays(-1), HourCategory.Norwegian, 5m);
        using var client = await app.SignedInAsync(me.Email, me.Password);

        var page = TestClient.Decode(await client.GetPageAsync("/me/progress"));

        Assert.Contains("<html lang=\"ar\"", page);
        Assert.Contains("12,5 من", page);
        Assert.DoesNotContain("٫", page); // the Arabic decimal separator of the culture: «12٫5»
    }

    [Fact]
    public async Task A_ukrainian_date_after_a_preposition_has_no_weekday()
    {
        var me = await app.ParticipantWithAccountAsync(Bergen, Demo.BergenCoordinator, d => d with { PreferredLanguage = "uk" });
        var end = Today.AddDays(19);
        await app.DecideAsync(me.Participant, new DecisionInput
        {
            Kind = DecisionKind.Leave, DecidedOn = Today, Reason = "Народження дитини.", LeaveType = LeaveType.Parental,
            PeriodStart = Today.AddDays(10), PeriodEnd = end,
        });
        using var client = await app.SignedInAsync(me.Email, me.Password);

        var decisions = TestClient.Decode(await client.GetPageAsync("/me/decisions"));
        var absence = TestClient.Decode(await client.GetPageAsync("/me/absence"));

        var ukrainian = Languages.Cultures.Single(c => c.Name == "uk");
        var weekdayAfterPreposition = new Regex(@"\b(до|з|від)\s+(" + string.Join("|", ukrainian.DateTimeFormat.DayNames) + ")", RegexOptions.IgnoreCase);
        Assert.Contains("до " + end.ToString("d MMMM yyyy", ukrainian), decisions); // «до 5 березня 2026 р.»
        Assert.Contains("до " + end.ToString("d MMMM yyyy", ukrainian), absence);
        Assert.DoesNotMatch(weekdayAfterPreposition, decisions);
        Assert.DoesNotMatch(weekdayAfterPreposition, absence);
    }

    [Theory]
    [InlineData("nb", "Timer etter denne datoen teller ikke med")]
    [InlineData("en", "Hours after this date do not count")]
    [InlineData("ar", "الساعات بعد هذا التاريخ لا تُحسب")]
    [InlineData("uk", "Години після цієї дати не зараховуються")]
    public async Task The_deadline_says_that_hours_after_it_do_not_count(string language, string sentence)
    {
        var me = await app.ParticipantWithAccountAsync(Bergen, Demo.BergenCoordinator, d => d with { PreferredLanguage = language });
        using var client = await app.SignedInAsync(me.Email, me.Password);

        var start = TestClient.Decode(await client.GetPageAsync("/me"));
        var progress = TestClient.Decode(await client.GetPageAsync("/me/progress"));

        Assert.Contains(sentence, start);
        Assert.Contains(sentence, progress);
    }

    private static int Occurrences(string page, string text) =>
        Regex.Count(page, Regex.Escape(text));
}
