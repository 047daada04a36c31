using System.Globalization;
using System.Text;
using IntroProgram.Domain.Programme;

namespace IntroProgram.Domain.Ledger;

/// <summary>Reading the values of the hour import file's columns. Input is already trimmed and not empty.</summary>
internal static class HourImportValues
{
    private static readonly Dictionary<string, string> ColumnNames = new(StringComparer.Ordinal)
    {
        ["fødselsnummer"] = HourImportColumns.NationalId,
        ["fodselsnummer"] = HourImportColumns.NationalId,
        ["fnr"] = HourImportColumns.NationalId,
        ["personnummer"] = HourImportColumns.NationalId,
        ["national id"] = HourImportColumns.NationalId,
        ["nationalid"] = HourImportColumns.NationalId,
        ["dato"] = HourImportColumns.Date,
        ["date"] = HourImportColumns.Date,
        ["kategori"] = HourImportColumns.Category,
        ["category"] = HourImportColumns.Category,
        ["timer"] = HourImportColumns.Hours,
        ["hours"] = HourImportColumns.Hours,
        ["antall timer"] = HourImportColumns.Hours,
        ["id"] = HourImportColumns.Reference,
        ["radid"] = HourImportColumns.Reference,
        ["rad id"] = HourImportColumns.Reference,
        ["ref"] = HourImportColumns.Reference,
        ["reference"] = HourImportColumns.Reference,
    };

    private static readonly Dictionary<string, HourCategory> Categories = new(StringComparer.Ordinal)
    {
        ["norsk"] = HourCategory.Norwegian,
        ["norskopplæring"] = HourCategory.Norwegian,
        ["norskopplaering"] = HourCategory.Norwegian,
        ["norskopplering"] = HourCategory.Norwegian,
        ["norwegian"] = HourCategory.Norwegian,
        ["samfunnskunnskap"] = HourCategory.SocialStudies,
        ["social studies"] = HourCategory.SocialStudies,
        ["karriereveiledning"] = HourCategory.CareerGuidance,
        ["career guidance"] = HourCategory.CareerGuidance,
        ["arbeidsrettet"] = HourCategory.WorkOriented,
        ["arbeidsrettede tiltak"] = HourCategory.WorkOriented,
        ["work"] = HourCategory.WorkOriented,
        ["work oriented"] = HourCategory.WorkOriented,
        ["utdanningsrettet"] = HourCategory.EducationOriented,
        ["utdanningsrettede tiltak"] = HourCategory.EducationOriented,
        ["education"] = HourCategory.EducationOriented,
        ["education oriented"] = HourCategory.EducationOriented,
        ["ekstra norsk"] = HourCategory.ExtraNorwegian,
        ["tilleggstimer norsk"] = HourCategory.ExtraNorwegian,
        ["extra norwegian"] = HourCategory.ExtraNorwegian,
        ["0"] = HourCategory.Norwegian,
        ["1"] = HourCategory.SocialStudies,
        ["2"] = HourCategory.CareerGuidance,
        ["3"] = HourCategory.WorkOriented,
        ["4"] = HourCategory.EducationOriented,
        ["5"] = HourCategory.ExtraNorwegian,
    };

    /// <summary>The canonical key of a header name, or null for a column the import does not read.</summary>
    public static string? ColumnKey(string headerName) => ColumnNames.GetValueOrDefault(Normalise(headerName));

    public static bool TryParseCategory(string value, out HourCategory category) =>
        Categories.TryGetValue(Normalise(value), out category);

    /// <summary>dd.mm.yyyy (day and month may have one digit) or yyyy-mm-dd; ASCII digits only, no other forms.</summary>
    public static bool TryParseDate(string value, out DateOnly date)
    {
        date = default;
        int day, month, year;
        var parts = value.Split('.');
        if (parts.Length == 3 && IsDigits(parts[0], 1, 2) && IsDigits(parts[1], 1, 2) && IsDigits(parts[2], 4, 4))
        {
            (day, month, year) = (Number(parts[0]), Number(parts[1]), Number(parts[2]));
        }
        else if (value.Length == 10 && value[4] == '-' && value[7] == '-'
                 && IsDigits(value[..4], 4, 4) && IsDigits(value[5..7], 2, 2) && IsDigits(value[8..], 2, 2))
        {
            (year, month, day) = (Number(value[..4]), Number(value[5..7]), Number(value[8..]));
        }
        else
        {
            return false;
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        date = new DateOnly(year, month, day);
        return true;
    }

    /// <summary>
    /// A decimal with comma or dot as separator and no thousands separators. The value is returned whatever its
    /// sign: positivity and quarter hours are business rules checked elsewhere.
    /// </summary>
    public static bool TryParseHours(string value, out decimal hours)
    {
        if (!decimal.TryParse(
                value.Replace(',', '.'),
                NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint,
                CultureInfo.InvariantCulture,
                out hours))
        {
            return false;
        }

        // A decimal keeps the scale it was written with ("2,50" is 2.50); dropping trailing zeros makes equal
        // hours look the same to a caller building a row identity from them.
        hours /= 1.0000000000000000000000000000m;
        return true;
    }

    /// <summary>
    /// Lower case, and runs of space, underscore and hyphen read as one space, so "work_oriented" is "work oriented".
    /// A leading "-" stays as a space, so "-1" is not read as category 1.
    /// </summary>
    private static string Normalise(string name)
    {
        var result = new StringBuilder(name.Length);
        foreach (var c in name.Trim().ToLowerInvariant())
        {
            var separator = c is '_' or '-' || char.IsWhiteSpace(c);
            if (!separator)
            {
                result.Append(c);
            }
            else if (result.Length == 0 || result[^1] != ' ')
            {
                result.Append(' ');
            }
        }

        return result.ToString();
    }

    private static bool IsDigits(string value, int minLength, int maxLength) =>
        value.Length >= minLength && value.Length <= maxLength && value.All(char.IsAsciiDigit);

    private static int Number(string digits) => int.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
}
