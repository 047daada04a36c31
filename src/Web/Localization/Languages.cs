using System.Globalization;

namespace IntroProgram.Web.Localization;

/// <summary>
/// A language of the UI. <paramref name="Code"/> is the culture name (cookie value, resource file suffix);
/// <paramref name="PreferenceCode"/> is how the participant record names it when that differs (Dari is "prs" in the
/// participant record, but .NET's culture data knows it as "fa-AF").
/// </summary>
public sealed record Language(string Code, string NativeName, bool RightToLeft, bool StaffUi, string? PreferenceCode = null)
{
    public string Preference => PreferenceCode ?? Code;
}

public static class Languages
{
    /// <summary>Bokmål first. Staff pages come in bokmål and English; participant pages in all of them.</summary>
    public static readonly Language[] All =
    [
        new("nb", "Norsk bokmål", false, true),
        new("en", "English", false, true),
        new("ar", "العربية", true, false),
        new("uk", "Українська", false, false),
        // Tigrinya ("ti"), Somali ("so") and Dari ("fa-AF", PreferenceCode "prs") are next: add the line here and a
        // portal.{code}.json; LocalizationTests then lists every text still missing.
    ];

    public static readonly string[] Codes = All.Select(l => l.Code).ToArray();

    /// <summary>Languages only participants read; every participant-facing text must exist in each of them.</summary>
    public static IEnumerable<Language> ParticipantOnly => All.Where(l => !l.StaffUi);

    /// <summary>
    /// Keys of the texts a participant reads (their pages, the layout, sign-in, invitation, two-factor, errors, their
    /// plan and certificates, the accessibility statement). A test fails when one of them is missing in any language,
    /// has other placeholders than in bokmål, or uses a rendering the glossary (../shared/TERMS.md) rules out.
    /// </summary>
    public static readonly string[] ParticipantTextPrefixes =
    [
        "App.", "Layout.", "Nav.Start", "Validation.", "Account.", "Identity.", "Invitation.Mail", "Error.",
        "Portal.", "MyCertificates.", "Plans.Current.", "Plans.Goal.", "Plans.Level.", "Plans.Category.", "Statement.",
    ];

    public static bool IsParticipantText(string key) =>
        ParticipantTextPrefixes.Any(p => key.StartsWith(p, StringComparison.Ordinal));

    public static Language Current => Find(CultureInfo.CurrentUICulture.Name) ?? All[0];

    /// <summary>The language for a culture name or a participant's preference code ("prs" → Dari), or null.</summary>
    public static Language? Find(string? code) =>
        string.IsNullOrEmpty(code)
            ? null
            : All.FirstOrDefault(l => string.Equals(l.Code, code, StringComparison.OrdinalIgnoreCase)
                || string.Equals(l.PreferenceCode, code, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The cultures requests run in. Some (Dari, fa-AF) default to another calendar; participants deal with Norwegian
    /// letters and deadlines in the Gregorian calendar, so their pages always use it (with month names in their language).
    /// </summary>
    public static IReadOnlyList<CultureInfo> Cultures { get; } = All.Select(l => CreateCulture(l.Code)).ToList();

    private static CultureInfo CreateCulture(string code)
    {
        var culture = new CultureInfo(code);
        if (culture.Calendar is not GregorianCalendar)
        {
            var gregorian = culture.OptionalCalendars.OfType<GregorianCalendar>().FirstOrDefault();
            if (gregorian is not null)
            {
                culture.DateTimeFormat.Calendar = gregorian;
            }
        }
        return culture;
    }

    /// <summary>A text in a given language whatever the request's language (an invitation in the invitee's language).</summary>
    public static string TextIn(this Microsoft.Extensions.Localization.IStringLocalizer t, Language language, string key, params object[] arguments)
    {
        var culture = Cultures.First(c => c.Name == language.Code);
        var (ui, formatting) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        // Synchronous on purpose: the culture is swapped and restored on this thread with nothing awaited between.
        CultureInfo.CurrentUICulture = culture;
        CultureInfo.CurrentCulture = culture;
        try
        {
            return arguments.Length == 0 ? t[key] : t[key, arguments];
        }
        finally
        {
            CultureInfo.CurrentUICulture = ui;
            CultureInfo.CurrentCulture = formatting;
        }
    }
}
