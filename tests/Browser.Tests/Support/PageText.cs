using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace IntroProgram.Browser.Tests.Support;

/// <summary>Numbers as a page shows them in any of our languages (Arabic-Indic digits, decimal comma or ٫).</summary>
public static partial class PageText
{
    public static HashSet<decimal> Numbers(string text)
    {
        var latin = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            latin.Append(c switch
            {
                >= '\u0660' and <= '\u0669' => (char)('0' + (c - '\u0660')),
                >= '\u06F0' and <= '\u06F9' => (char)('0' + (c - '\u06F0')),
                '\u066B' or ',' => '.',
                _ => c,
            });
        }
        return Number().Matches(latin.ToString())
            .Select(m => decimal.TryParse(m.Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d) ? d : -1)
            .Where(d => d >= 0).ToHashSet();
    }

    [GeneratedRegex(@"\d+(\.\d+)?")]
    private static partial Regex Number();
}
