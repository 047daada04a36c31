namespace IntroProgram.Web.Tests.BadInput;

/// <summary>What a field is, which decides which hostile values it must refuse.</summary>
public enum FieldKind
{
    /// <summary>Free text that is stored: must refuse NUL and 10,000 characters, and empty when required.</summary>
    Text,
    /// <summary>A date: every value that is not a real date is refused.</summary>
    Date,
    /// <summary>A number: every hostile value is refused (none of them is a usable number).</summary>
    Number,
    /// <summary>A choice from a list (a select, radio, enum, id): only the listed values are accepted.</summary>
    Choice,
    /// <summary>An e-mail address.</summary>
    Email,
    /// <summary>A checkbox: "true" or "false", nothing else.</summary>
    Bool,
    /// <summary>A return address: whatever is typed, the answer never redirects off the site.</summary>
    Url,
    /// <summary>Text that is searched for or checked, never stored: any answer but a 500 or unescaped markup will do.</summary>
    Probe,
}

public sealed record HostileValue(string Label, string Text)
{
    public override string ToString() => Label;
}

/// <summary>The boundary and hostile values every form and import field is tried with.</summary>
public static class HostileValues
{
    public const string Script = "<script>alert(1)</script>";
    public const string AttributeBreak = "\"><img src=x onerror=alert(1)>";

    public static readonly HostileValue Empty = new("empty", "");
    public static readonly HostileValue Whitespace = new("whitespace only", "   \t ");
    public static readonly HostileValue Huge = new("10,000 characters", new string('x', 10_000));
    public static readonly HostileValue Nul = new("NUL byte", "a\u0000b");

    public static readonly IReadOnlyList<HostileValue> All =
    [
        Empty,
        Whitespace,
        Huge,
        new("script tag", Script),
        new("attribute breaking quote", AttributeBreak),
        new("single quote", "'"),
        new("SQL injection", "'; DROP TABLE participants;--"),
        new("percent", "%"),
        new("underscore", "_"),
        new("backslash", "\\"),
        new("right-to-left override", "Ab\u202Ecba"),
        new("zero-width space", "A\u200Bb"),
        new("byte order mark", "\uFEFFAb"),
        new("emoji", "Ab 😀👩🏽‍🏫"),
        Nul,
        new("impossible date 2026-02-30", "2026-02-30"),
        new("impossible date 31.13.2026", "31.13.2026"),
        new("zero date", "0000-00-00"),
        new("two decimal commas", "1,5,5"),
        new("overflowing exponent", "1e309"),
        new("negative", "-1"),
        new("NaN", "NaN"),
        new("too precise", "550.000001"),
        new("local path outside ascii", "/søk?ø=😀"),
        new("line break", "/accessibility\r\nSet-Cookie: x=y"),
        new("first day of year 1", "0001-01-01"),
        new("last day of year 9999", "9999-12-31"),
    ];

    /// <summary>
    /// For query-string and route values (<see cref="QueryAndRouteMatrixTests"/>): every value above, and numbers at
    /// the ends of the integer range, which a page number or a year must survive.
    /// </summary>
    public static readonly IReadOnlyList<HostileValue> ForAddresses =
    [
        .. All,
        new("largest int", "2147483647"),
        new("beyond int", "2147483648"),
        new("smallest int", "-2147483648"),
        new("zero", "0"),
    ];

    /// <summary>
    /// The values a field is tried with: free text gets all of them; a date, number, choice or address field, whose
    /// binding and parsing are shared across forms, gets the ones that reach a different path in a parser.
    /// </summary>
    public static IReadOnlyList<HostileValue> For(FieldKind kind) => kind == FieldKind.Text
        ? All
        : All.Where(v => v.Label is "empty" or "whitespace only" or "10,000 characters" or "script tag" or "attribute breaking quote"
            or "SQL injection" or "right-to-left override" or "NUL byte" or "impossible date 2026-02-30" or "impossible date 31.13.2026"
            or "zero date" or "two decimal commas" or "overflowing exponent" or "negative" or "NaN" or "too precise"
            or "local path outside ascii" or "line break" or "first day of year 1" or "last day of year 9999").ToList();

    /// <summary>True when the field must refuse the value: a form accepting it is a bug.</summary>
    public static bool MustRefuse(FieldKind kind, bool required, HostileValue value)
    {
        var blank = string.IsNullOrWhiteSpace(value.Text);
        return kind switch
        {
            FieldKind.Text => (blank && required) || value == Nul || value == Huge,
            FieldKind.Date or FieldKind.Choice or FieldKind.Number or FieldKind.Email or FieldKind.Bool => !blank || required,
            _ => false,
        };
    }

    /// <summary>The raw (undecoded) body contains markup that would run in a browser.</summary>
    public static string? UnescapedMarkup(string rawBody)
    {
        foreach (var marker in new[] { Script, "onerror=alert(1)>", "<img src=x" })
        {
            if (rawBody.Contains(marker, StringComparison.OrdinalIgnoreCase))
            {
                return marker;
            }
        }
        return null;
    }

    /// <summary>A value for test output: no control characters, never longer than a few dozen characters.</summary>
    public static string Show(string value) =>
        value.Length > 200 ? value[..200].Replace("\0", "\\0", StringComparison.Ordinal) + $"…({value.Length} chars)" : value.Replace("\0", "\\0", StringComparison.Ordinal);
}
