using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;

namespace IntroProgram.Web.Localization;

/// <summary>
/// How the participant's pages write hours, shares, counts and dates, in every language the way the municipality's
/// letters write them (the glossary, ../shared/TERMS.md): a participant compares the page with a letter, and a number
/// written two ways reads as two numbers.
/// </summary>
public static partial class ParticipantFormat
{
    /// <summary>"12,5": a decimal comma in every language, also in Arabic (whose culture writes «12٫5») and English.</summary>
    public static string Hours(decimal hours) => Decimal(hours, "0.##");

    /// <summary>"12,5 %" from a share of 0.125.</summary>
    public static string Percent(decimal share) => Decimal(share * 100m, "0.#") + " %";

    /// <summary>"1035": whole numbers (days) without a thousands separator, which a decimal comma would make ambiguous.</summary>
    public static string Count(int number) => number.ToString("0", CultureInfo.InvariantCulture);

    /// <summary>The date in the reader's language, month in words and no weekday: "5. mars 2026", "5 березня 2026 р.".</summary>
    public static string Date(DateOnly date) => Date(date, CultureInfo.CurrentCulture);

    /// <summary>
    /// Without the weekday because the texts put dates after prepositions («до 5 березня», not «до четвер, 5 березня»),
    /// and which text does so differs between languages. The pattern is the culture's long date without its weekday,
    /// so a new language gets its own word order and month forms (Ukrainian genitive «березня»).
    /// </summary>
    public static string Date(DateOnly date, CultureInfo culture) =>
        date.ToString(DatePatterns.GetOrAdd(culture.Name, _ => WithoutWeekday(culture.DateTimeFormat.LongDatePattern)), culture);

    private static readonly ConcurrentDictionary<string, string> DatePatterns = new(StringComparer.Ordinal);

    private static string Decimal(decimal value, string format) =>
        value.ToString(format, CultureInfo.InvariantCulture).Replace('.', ',');

    private static string WithoutWeekday(string longDatePattern) => Weekday().Replace(longDatePattern, "").Trim();

    /// <summary>"dddd" (or "ddd") with the comma and spaces that join it to the rest: ", " "، " "፣ ".</summary>
    [GeneratedRegex(@"d{3,4}[\s,،፣]*|[\s,،፣]*d{3,4}")]
    private static partial Regex Weekday();
}
