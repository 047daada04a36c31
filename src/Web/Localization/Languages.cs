using System.Globalization;

namespace IntroProgram.Web.Localization;

public sealed record Language(string Code, string NativeName, bool RightToLeft, bool StaffUi);

public static class Languages
{
    /// <summary>Bokmål first. Staff pages come in bokmål and English; participant pages in all of them.</summary>
    public static readonly Language[] All =
    [
        new("nb", "Norsk bokmål", false, true),
        new("en", "English", false, true),
        new("ar", "العربية", true, false),
        new("uk", "Українська", false, false),
    ];

    public static readonly string[] Codes = All.Select(l => l.Code).ToArray();

    public static Language Current =>
        All.FirstOrDefault(l => l.Code == CultureInfo.CurrentUICulture.TwoLetterISOLanguageName) ?? All[0];
}
