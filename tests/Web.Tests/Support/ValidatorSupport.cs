using System.Globalization;
using IntroProgram.Web.Localization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Time.Testing;

namespace IntroProgram.Web.Tests.Support;

/// <summary>What a form validator needs in a unit test: the app's own texts and a clock set to a known moment. No database.</summary>
public static class ValidatorSupport
{
    public static IStringLocalizer<Ui> Texts { get; } = new StringLocalizer<Ui>(new JsonStringLocalizerFactory());

    /// <summary>A clock at the given moment in UTC; its Oslo calendar day is what the validators call today.</summary>
    public static FakeTimeProvider ClockAt(DateTimeOffset utc) => new(utc);

    /// <summary>Runs <paramref name="action"/> with the page language set as a request in that language would have it.</summary>
    public static T InLanguage<T>(string language, Func<T> action)
    {
        var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(language);
        try
        {
            return action();
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, uiCulture);
        }
    }
}
