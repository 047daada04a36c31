namespace IntroProgram.Domain.Tenancy;

/// <summary>A municipality (kommune): the tenant. Owned by the platform, not by any tenant.</summary>
public class Municipality
{
    public Guid Id { get; set; }
    public string Name { get; set; } = "";
    /// <summary>The 4-digit kommunenummer, unique nationally.</summary>
    public string Number { get; set; } = "";
    public string Slug { get; set; } = "";
    public bool IsActive { get; set; } = true;
    /// <summary>Staff must use two-factor authentication. On for every new municipality.</summary>
    public bool RequireTwoFactorForStaff { get; set; } = true;
    public DateTimeOffset CreatedAt { get; set; }

    public const int MaxSlugLength = 60;

    public static bool IsValidNumber(string? number) =>
        number is { Length: 4 } && number.All(char.IsAsciiDigit);

    /// <summary>Lower-case letters a–z and digits, in words joined by single hyphens: "bergen", "nord-fron".</summary>
    public static bool IsValidSlug(string? slug) =>
        !string.IsNullOrEmpty(slug) && slug.Length <= MaxSlugLength &&
        slug.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-') &&
        slug[0] != '-' && slug[^1] != '-' && !slug.Contains("--", StringComparison.Ordinal);
}
