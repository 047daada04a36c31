using IntroProgram.Web.Localization;

namespace IntroProgram.Web.Tests;

public sealed class LocalizationTests
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
}
