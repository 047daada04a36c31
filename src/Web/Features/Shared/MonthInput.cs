using System.Globalization;

namespace IntroProgram.Web.Features.Shared;

/// <summary>A month as forms and addresses write it: "2026-03".</summary>
public static class MonthInput
{
    /// <summary>The month's first day, for a month from 2000 to 2100.</summary>
    public static bool TryParse(string? value, out DateOnly firstDay)
    {
        firstDay = default;
        if (!DateOnly.TryParseExact(value + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)
            || parsed.Year < 2000 || parsed.Year > 2100)
        {
            return false;
        }
        firstDay = parsed;
        return true;
    }
}
