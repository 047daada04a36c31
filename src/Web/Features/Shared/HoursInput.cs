using System.Globalization;

namespace IntroProgram.Web.Features.Shared;

/// <summary>Hours typed by a person: "1,5" (Norwegian) and "1.5" both mean one and a half; no thousands separators.</summary>
public static class HoursInput
{
    public static bool TryParse(string? text, out decimal hours)
    {
        hours = 0m;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }
        // Norwegian formatting writes the minus as U+2212; a comma is the decimal separator unless a dot is there too.
        var value = text.Trim().Replace('\u2212', '-');
        if (value.Contains(',', StringComparison.Ordinal))
        {
            if (value.Contains('.', StringComparison.Ordinal) || value.Count(c => c == ',') > 1)
            {
                return false;
            }
            value = value.Replace(',', '.');
        }
        return decimal.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out hours);
    }

    /// <summary>Hours a form's validator has accepted (see Features/Hours/HourFormRules.cs).</summary>
    public static decimal Parse(string? text) =>
        TryParse(text, out var hours) ? hours : throw new FormatException("The hours were not checked before they were read.");
}
