using System.Globalization;

namespace IntroProgram.Domain.Tests.Programme;

internal static class TestDates
{
    /// <summary>Parses "yyyy-MM-dd", so InlineData can carry dates.</summary>
    public static DateOnly D(string isoDate) => DateOnly.ParseExact(isoDate, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
