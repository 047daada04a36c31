namespace IntroProgram.Domain.Tenancy;

/// <summary>
/// A municipality's own OpenID provider for its staff (usually Microsoft Entra ID). At most one per municipality; set by
/// its tenant admin. The provider only proves who a person is: it signs in an existing, active user of this
/// municipality with the same e-mail address, and the roles stay ours.
/// </summary>
public class StaffSignInProvider : ITenantOwned
{
    public Guid TenantId { get; set; }
    /// <summary>The issuer URL; its /.well-known/openid-configuration is read for the endpoints and keys.</summary>
    public string Authority { get; set; } = "";
    public string ClientId { get; set; } = "";
    /// <summary>The client secret, encrypted with the app's Data Protection keys; never shown again once saved.</summary>
    public string ClientSecretProtected { get; set; } = "";
    /// <summary>The claim of the ID token that holds the e-mail address ("email", or "preferred_username" for Entra ID).</summary>
    public string EmailClaim { get; set; } = "email";
    /// <summary>Whether staff may still sign in with a password here as well.</summary>
    public bool PasswordSignInAllowed { get; set; } = true;
    public DateTimeOffset UpdatedAt { get; set; }

    public const int MaxAuthorityLength = 300;
    public const int MaxClientIdLength = 200;
    public const int MaxClaimLength = 100;

    /// <summary>An absolute http(s) address without query or fragment; https unless <paramref name="allowHttp"/>.</summary>
    public static bool IsValidAuthority(string? authority, bool allowHttp) =>
        authority is { Length: > 0 and <= MaxAuthorityLength } &&
        Uri.TryCreate(authority, UriKind.Absolute, out var uri) &&
        (uri.Scheme == Uri.UriSchemeHttps || (allowHttp && uri.Scheme == Uri.UriSchemeHttp)) &&
        string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.Fragment) && string.IsNullOrEmpty(uri.UserInfo);
}
