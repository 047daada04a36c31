using System.Globalization;
using Microsoft.Extensions.Localization;

namespace IntroProgram.Web.Localization;

/// <summary>Names of countries, languages and enum values in the user's language.</summary>
public static class NameTexts
{
    public static string CountryName(this IStringLocalizer t, string code)
    {
        var text = t["Country." + code];
        if (!text.ResourceNotFound)
        {
            return text;
        }
        try
        {
            return new RegionInfo(code).EnglishName;
        }
        catch (ArgumentException)
        {
            return code;
        }
    }

    public static string LanguageName(this IStringLocalizer t, string code)
    {
        var text = t["LanguageName." + code];
        return text.ResourceNotFound ? code : text;
    }

    /// <summary>An enum value's text, from the key "{EnumType}.{Value}".</summary>
    public static string EnumText<TEnum>(this IStringLocalizer t, TEnum value) where TEnum : struct, Enum =>
        t[typeof(TEnum).Name + "." + value];
}
