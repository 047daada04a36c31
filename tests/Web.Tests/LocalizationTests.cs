using System.Text.RegularExpressions;
using IntroProgram.Web.Localization;

namespace IntroProgram.Web.Tests;

public sealed partial class LocalizationTests
{
    [Theory]
    [InlineData("en")]
    public void Every_staff_text_in_bokmal_exists_in_the_other_staff_languages(string language)
    {
        var source = UiTexts.Instance.Languages[UiTexts.SourceLanguage];
        var other = UiTexts.Instance.Languages[language];
        Assert.Empty(source.Keys.Except(other.Keys).Order());
        Assert.Empty(other.Keys.Except(source.Keys).Order());
    }

    [Fact]
    public void No_text_is_empty()
    {
        foreach (var (language, texts) in UiTexts.Instance.Languages)
        {
            Assert.All(texts, kv => Assert.False(string.IsNullOrWhiteSpace(kv.Value), $"{language}: {kv.Key}"));
        }
    }

    public static TheoryData<string> ParticipantLanguages => new(Languages.ParticipantOnly.Select(l => l.Code));

    [Theory]
    [MemberData(nameof(ParticipantLanguages))]
    public void Every_text_a_participant_reads_exists_in_each_participant_language(string language)
    {
        var source = UiTexts.Instance.Languages[UiTexts.SourceLanguage];
        Assert.True(UiTexts.Instance.Languages.TryGetValue(language, out var texts), $"No texts at all for {language}.");

        var missing = source.Keys.Where(Languages.IsParticipantText).Except(texts.Keys).Order().ToList();

        Assert.Empty(missing);
    }

    [Theory]
    [MemberData(nameof(ParticipantLanguages))]
    public void A_participant_language_has_no_text_that_bokmal_lacks(string language)
    {
        var source = UiTexts.Instance.Languages[UiTexts.SourceLanguage];

        Assert.Empty(UiTexts.Instance.Languages[language].Keys.Except(source.Keys).Order());
    }

    [Theory]
    [MemberData(nameof(ParticipantLanguages))]
    public void Placeholders_in_a_participant_text_match_the_bokmal_text(string language)
    {
        var source = UiTexts.Instance.Languages[UiTexts.SourceLanguage];
        var texts = UiTexts.Instance.Languages[language];

        var wrong = texts.Where(kv => Placeholders(kv.Value) != Placeholders(source[kv.Key])).Select(kv => kv.Key).Order().ToList();

        Assert.Empty(wrong);
    }

    public static TheoryData<string> EveryOtherLanguage => new(Languages.Codes.Where(c => c != UiTexts.SourceLanguage));

    /// <summary>English is a staff language too, so the participant tests above do not cover it: its participant texts must match as well.</summary>
    [Theory]
    [MemberData(nameof(EveryOtherLanguage))]
    public void Every_participant_text_exists_in_every_language_with_the_bokmal_placeholders(string language)
    {
        var source = UiTexts.Instance.Languages[UiTexts.SourceLanguage].Where(kv => Languages.IsParticipantText(kv.Key)).ToList();
        var texts = UiTexts.Instance.Languages[language];

        Assert.NotEmpty(source);
        Assert.Empty(source.Where(kv => !texts.ContainsKey(kv.Key)).Select(kv => kv.Key).Order());
        Assert.Empty(source.Where(kv => Placeholders(texts[kv.Key]) != Placeholders(kv.Value)).Select(kv => kv.Key).Order());
    }

    /// <summary>
    /// The prefix list in <see cref="Languages.ParticipantTextPrefixes"/> decides which texts must be translated; this
    /// catches a participant view that uses a text outside it (it would show in bokmål to an Arabic reader).
    /// </summary>
    [Theory]
    [InlineData("Features/Portal")]
    [InlineData("Features/Account")]
    [InlineData("Features/Plans/_CurrentPlan.cshtml")]
    [InlineData("Features/Certificates/_MyCertificates.cshtml")]
    [InlineData("Features/Certificates/Mine.cshtml")]
    [InlineData("Features/Home/Accessibility.cshtml")]
    public void Participant_views_use_only_texts_that_exist_in_every_participant_language(string path)
    {
        var root = Path.Combine(SourceRoot(), "src", "Web", path);
        var files = File.Exists(root) ? [root] : Directory.GetFiles(root, "*.cshtml")
            .Where(f => !Path.GetFileName(f).StartsWith("_PortalAccess", StringComparison.Ordinal)).ToArray(); // staff-only box
        Assert.NotEmpty(files);

        // A key ending in a dot is the start of a composed key (T["Portal.LeaveType." + type]): the prefix rule covers those.
        var keys = files.SelectMany(f => LiteralKey().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .Where(k => !k.EndsWith('.')).Distinct().ToList();

        Assert.NotEmpty(keys);
        Assert.Empty(keys.Where(k => !Languages.IsParticipantText(k)).Order());
        foreach (var language in Languages.ParticipantOnly)
        {
            Assert.Empty(keys.Where(k => !UiTexts.Instance.Languages[language.Code].ContainsKey(k)).Select(k => language.Code + ": " + k));
        }
    }

    [Fact]
    public void Every_language_has_a_culture_with_its_own_direction()
    {
        foreach (var language in Languages.All)
        {
            var culture = Languages.Cultures.Single(c => c.Name == language.Code);
            Assert.Equal(language.RightToLeft, culture.TextInfo.IsRightToLeft);
        }
    }

    private static string Placeholders(string text) =>
        string.Join(",", PlaceholderPattern().Matches(text).Select(m => m.Value).Distinct().Order());

    private static string SourceRoot([System.Runtime.CompilerServices.CallerFilePath] string thisFile = "")
    {
        for (var dir = new DirectoryInfo(Path.GetDirectoryName(thisFile)!); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "IntroProgram.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("The source tree was not found.");
    }

    [GeneratedRegex(@"T\[""([A-Za-z0-9_.]+)""")]
    private static partial Regex LiteralKey();

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex PlaceholderPattern();
}
