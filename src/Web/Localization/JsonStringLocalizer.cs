using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Localization;

namespace IntroProgram.Web.Localization;

/// <summary>Marker type for the one shared set of UI texts.</summary>
public sealed class Ui;

/// <summary>
/// UI texts live in Resources/{language}.json, one flat key → text map per language, embedded in the assembly.
/// Norwegian bokmål is the source language; a key missing in another language falls back to bokmål
/// (and a test fails when that happens).
/// </summary>
public sealed class UiTexts
{
    public const string SourceLanguage = "nb";

    public static readonly UiTexts Instance = Load();

    public FrozenDictionary<string, FrozenDictionary<string, string>> Languages { get; }

    private UiTexts(FrozenDictionary<string, FrozenDictionary<string, string>> languages) => Languages = languages;

    /// <summary>
    /// Loads every embedded Resources/{language}.json and Resources/{area}.{language}.json (one file per feature
    /// keeps features from editing each other's files) and merges them per language. A key defined twice for the
    /// same language is a mistake and fails at start-up.
    /// </summary>
    private static UiTexts Load()
    {
        var assembly = typeof(UiTexts).Assembly;
        var prefix = "IntroProgram.Web.Resources.";
        var result = new Dictionary<string, Dictionary<string, string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            var map = JsonSerializer.Deserialize<Dictionary<string, string>>(stream)!;
            var stem = name[prefix.Length..^".json".Length];
            var language = stem[(stem.LastIndexOf('.') + 1)..];
            if (!result.TryGetValue(language, out var merged))
            {
                result[language] = merged = new Dictionary<string, string>(StringComparer.Ordinal);
            }
            foreach (var (key, text) in map)
            {
                if (!merged.TryAdd(key, text))
                {
                    throw new InvalidOperationException($"The UI text '{key}' is defined twice for '{language}' (in {stem}.json).");
                }
            }
        }
        return new UiTexts(result.ToFrozenDictionary(kv => kv.Key, kv => kv.Value.ToFrozenDictionary(StringComparer.Ordinal), StringComparer.OrdinalIgnoreCase));
    }

    public string? Find(string key, CultureInfo culture)
    {
        for (var c = culture; !string.IsNullOrEmpty(c.Name); c = c.Parent)
        {
            if (Languages.TryGetValue(c.Name, out var map) && map.TryGetValue(key, out var text))
            {
                return text;
            }
        }
        return Languages.TryGetValue(SourceLanguage, out var source) && source.TryGetValue(key, out var fallback) ? fallback : null;
    }
}

public sealed class JsonStringLocalizer : IStringLocalizer
{
    public LocalizedString this[string name]
    {
        get
        {
            var text = UiTexts.Instance.Find(name, CultureInfo.CurrentUICulture);
            return new LocalizedString(name, text ?? name, resourceNotFound: text is null);
        }
    }

    public LocalizedString this[string name, params object[] arguments]
    {
        get
        {
            var s = this[name];
            return new LocalizedString(name, string.Format(CultureInfo.CurrentCulture, s.Value, arguments), s.ResourceNotFound);
        }
    }

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) =>
        UiTexts.Instance.Languages.TryGetValue(CultureInfo.CurrentUICulture.Name, out var map)
            ? map.Select(kv => new LocalizedString(kv.Key, kv.Value))
            : [];
}

public sealed class JsonStringLocalizerFactory : IStringLocalizerFactory
{
    private static readonly JsonStringLocalizer Localizer = new();
    public IStringLocalizer Create(Type resourceSource) => Localizer;
    public IStringLocalizer Create(string baseName, string location) => Localizer;
}
