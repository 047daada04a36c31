using System.Security.Claims;
using IntroProgram.Domain.Tenancy;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace IntroProgram.Web.Identity;

/// <summary>ID-porten for participants (section "IdPorten" of the configuration).</summary>
public sealed class IdPortenOptions
{
    /// <summary>The issuer, e.g. https://idporten.no; empty means ID-porten sign-in is off (invitations are used).</summary>
    public string? Authority { get; set; }
    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }
    /// <summary>The level asked for; the returned acr must be this level or a higher one.</summary>
    public string AcrValues { get; set; } = FederatedSignIn.Substantial;

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority) && !string.IsNullOrWhiteSpace(ClientId);
}

/// <summary>What holds for every federated sign-in (section "FederatedSignIn").</summary>
public sealed class FederatedSignInOptions
{
    /// <summary>Plain-http providers on loopback: development and tests only. Everywhere else metadata must be https.</summary>
    public bool AllowHttpProviders { get; set; }
}

/// <summary>Scheme names, claim names and the levels of assurance of federated sign-in (see docs/security.md).</summary>
public static class FederatedSignIn
{
    public const string IdPortenScheme = "idporten";
    public const string StaffSchemePrefix = "staff-";
    public const string IdPortenCallbackPath = "/signin-idporten";
    public const string StaffCallbackPrefix = "/signin-staff/";
    /// <summary>Where ID-porten's front-channel logout lands (the handler's built-in remote sign-out).</summary>
    public const string IdPortenFrontChannelLogoutPath = "/signout-idporten/frontchannel";

    public const string Substantial = "idporten-loa-substantial";
    public const string High = "idporten-loa-high";

    /// <summary>How the session was opened: "idporten" or "staff-provider" (kept through cookie refreshes).</summary>
    public const string SignInClaim = "ip:signin";
    /// <summary>Present when the municipality's provider showed multi-factor authentication in its amr.</summary>
    public const string ProviderMfaClaim = "ip:provider-mfa";
    /// <summary>The provider's session id and issuer, for its front-channel logout.</summary>
    public const string SessionIdClaim = "sid";
    public const string IssuerClaim = "iss";
    /// <summary>Item of the sign-in's properties that keeps the ID token for RP-initiated logout.</summary>
    public const string IdTokenItem = "ip.id_token";

    public static readonly string[] KeptClaims = [SignInClaim, ProviderMfaClaim, SessionIdClaim, IssuerClaim];

    /// <summary>Levels that satisfy a request for <paramref name="asked"/>: high satisfies substantial, never the reverse.</summary>
    public static bool LevelSatisfies(string? returned, string asked) => asked switch
    {
        High => returned == High,
        _ => returned is Substantial or High,
    };

    /// <summary>"staff-{kommunenummer}~{settings}": a new name for every saving of the settings (see <see cref="StaffProviderSchemes"/>).</summary>
    public static string StaffScheme(string municipalityNumber, string settingsTag) => StaffSchemePrefix + municipalityNumber + "~" + settingsTag;

    public static string? MunicipalityNumberOf(string scheme)
    {
        if (!scheme.StartsWith(StaffSchemePrefix, StringComparison.Ordinal))
        {
            return null;
        }
        var rest = scheme[StaffSchemePrefix.Length..];
        var tilde = rest.IndexOf('~', StringComparison.Ordinal);
        var number = tilde < 0 ? rest : rest[..tilde];
        return Municipality.IsValidNumber(number) ? number : null;
    }

    /// <summary>True when the provider's amr names a second factor (Entra ID and most providers say "mfa").</summary>
    public static bool ShowsMfa(ClaimsPrincipal principal) =>
        principal.FindAll("amr").Any(c => c.Value is "mfa" or "otp" or "hwk" or "swk" or "fido");

    public static void AddFederatedSignIn(this IServiceCollection services, IConfiguration configuration,
        CookieSecurePolicy cookieSecurePolicy)
    {
        services.Configure<IdPortenOptions>(configuration.GetSection("IdPorten"));
        services.Configure<FederatedSignInOptions>(configuration.GetSection("FederatedSignIn"));
        var idPorten = configuration.GetSection("IdPorten").Get<IdPortenOptions>() ?? new IdPortenOptions();
        var federated = configuration.GetSection("FederatedSignIn").Get<FederatedSignInOptions>() ?? new FederatedSignInOptions();
        services.AddScoped<IdPortenEvents>();
        services.AddScoped<StaffProviderEvents>();
        services.AddSingleton<StaffProviderSchemes>();
        services.AddSingleton<IConfigureOptions<OpenIdConnectOptions>, StaffProviderOptionsSetup>();
        var authentication = services.AddAuthentication();
        if (idPorten.Enabled)
        {
            authentication.AddOpenIdConnect(IdPortenScheme, "ID-porten", o =>
            {
                Common(o, federated, cookieSecurePolicy);
                o.Authority = idPorten.Authority;
                o.ClientId = idPorten.ClientId;
                o.ClientSecret = idPorten.ClientSecret;
                o.CallbackPath = IdPortenCallbackPath;
                o.SignedOutCallbackPath = "/signout-callback-idporten";
                o.RemoteSignOutPath = IdPortenFrontChannelLogoutPath;
                o.Scope.Add("profile");
                o.EventsType = typeof(IdPortenEvents);
            });
        }
        // Claims that say how the session was opened survive the periodic re-check, which rebuilds the principal.
        services.Configure<SecurityStampValidatorOptions>(o => o.OnRefreshingPrincipal = context =>
        {
            if (context.CurrentPrincipal?.Identity is ClaimsIdentity current && context.NewPrincipal?.Identity is ClaimsIdentity fresh)
            {
                foreach (var claim in current.Claims.Where(c => KeptClaims.Contains(c.Type) && !fresh.HasClaim(c.Type, c.Value)))
                {
                    fresh.AddClaim(new Claim(claim.Type, claim.Value));
                }
                if (fresh.HasClaim(c => c.Type == ProviderMfaClaim))
                {
                    foreach (var setup in fresh.FindAll(AppClaims.TwoFactorSetupRequired).ToList())
                    {
                        fresh.RemoveClaim(setup);
                    }
                }
            }
            return Task.CompletedTask;
        });
    }

    /// <summary>Authorization code with PKCE, answered in the query; claims as the provider names them; our cookie.</summary>
    internal static void Common(OpenIdConnectOptions o, FederatedSignInOptions federated, CookieSecurePolicy cookieSecurePolicy)
    {
        o.ResponseType = "code";
        o.ResponseMode = "query";
        o.UsePkce = true;
        o.Scope.Clear();
        o.Scope.Add("openid");
        o.MapInboundClaims = false;
        // The handler drops acr and iss from the signed-in principal by default; the checks after validation need them.
        o.ClaimActions.Remove("acr");
        o.ClaimActions.Remove("iss");
        o.GetClaimsFromUserInfoEndpoint = false;
        o.SaveTokens = false;
        o.SignInScheme = IdentityConstants.ApplicationScheme;
        o.SignOutScheme = IdentityConstants.ApplicationScheme;
        o.RequireHttpsMetadata = !federated.AllowHttpProviders;
        o.DisableTelemetry = true;
        o.CorrelationCookie.SecurePolicy = cookieSecurePolicy;
        o.CorrelationCookie.SameSite = SameSiteMode.Lax;
        o.NonceCookie.SecurePolicy = cookieSecurePolicy;
        o.NonceCookie.SameSite = SameSiteMode.Lax;
        o.RemoteAuthenticationTimeout = TimeSpan.FromMinutes(10);
        o.BackchannelTimeout = TimeSpan.FromSeconds(10);
    }
}
