using System.Security.Claims;
using IntroProgram.Domain.Auditing;
using IntroProgram.Domain.Tenancy;
using IntroProgram.Infrastructure.Auditing;
using IntroProgram.Infrastructure.Data;
using IntroProgram.Infrastructure.Identity;
using IntroProgram.Infrastructure.Tenancy;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IntroProgram.Web.Identity;

/// <summary>The client secret of a municipality's provider, encrypted with the Data Protection keys every node shares.</summary>
public sealed class StaffProviderSecrets(IDataProtectionProvider dataProtection)
{
    private readonly IDataProtector _protector = dataProtection.CreateProtector("IntroProgram.StaffSignInProvider.ClientSecret.v1");

    public string Protect(string secret) => _protector.Protect(secret);

    public string Unprotect(string protectedSecret) => _protector.Unprotect(protectedSecret);
}

/// <summary>
/// One OpenID Connect scheme per municipality with a provider, added when first needed (a sign-in, or a callback
/// arriving at a node that has not seen the municipality yet). Each scheme has its own callback path, its own options
/// (issuer, client, keys) and its own state protection, so a response meant for one municipality's scheme is never
/// accepted by another's. The scheme's name carries a tag of the settings it was built from
/// ("staff-4601~3f2a…"): every sign-in and callback reads the stored settings' tag (one small read), and when another
/// node has saved new settings, this node drops the old scheme and adds one built from the new — a sign-in started just
/// before the change is refused rather than finished with the old provider.
/// </summary>
public sealed class StaffProviderSchemes(IAuthenticationSchemeProvider schemes, IServiceScopeFactory scopeFactory)
{
    /// <summary>The scheme for the municipality's current settings (null when it has no provider).</summary>
    public async Task<string?> EnsureAsync(string municipalityNumber)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var tag = await SettingsTagAsync(scope.ServiceProvider, municipalityNumber);
        if (tag is null)
        {
            await ForgetAsync(municipalityNumber);
            return null;
        }
        var name = FederatedSignIn.StaffScheme(municipalityNumber, tag);
        if (await schemes.GetSchemeAsync(name) is null)
        {
            await ForgetAsync(municipalityNumber);
            schemes.TryAddScheme(new AuthenticationScheme(name, "Kommunens innlogging", typeof(OpenIdConnectHandler)));
        }
        return name;
    }

    /// <summary>Drops this node's schemes for the municipality (after its settings changed, or it has no provider now).</summary>
    public async Task ForgetAsync(string municipalityNumber)
    {
        foreach (var scheme in await schemes.GetAllSchemesAsync())
        {
            if (FederatedSignIn.MunicipalityNumberOf(scheme.Name) == municipalityNumber)
            {
                schemes.RemoveScheme(scheme.Name);
            }
        }
    }

    /// <summary>A short tag of one saving of the settings (a new secret is encrypted afresh, so it changes the tag too).</summary>
    internal static async Task<string?> SettingsTagAsync(IServiceProvider services, string number)
    {
        var tenantId = await MunicipalityWithProviderAsync(services, number);
        if (tenantId is null)
        {
            return null;
        }
        await using var scope = services.GetRequiredService<TenantScopeFactory>().ForTenant(tenantId);
        var p = await scope.ServiceProvider.GetRequiredService<AppDbContext>().StaffSignInProviders.AsNoTracking().SingleAsync();
        return Tag(p);
    }

    internal static string Tag(StaffSignInProvider p)
    {
        var text = string.Join('\n', p.UpdatedAt.UtcTicks, p.Authority, p.ClientId, p.ClientSecretProtected, p.EmailClaim);
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)))[..16];
    }

    /// <summary>Callbacks go to /signin-staff/{kommunenummer}: the scheme is added there first if this node lacks it.</summary>
    public static IApplicationBuilder UseStaffProviderCallbacks(IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var path = context.Request.Path.Value;
        if (path is not null && path.StartsWith(FederatedSignIn.StaffCallbackPrefix, StringComparison.Ordinal))
        {
            var number = path[FederatedSignIn.StaffCallbackPrefix.Length..];
            if (Municipality.IsValidNumber(number))
            {
                await context.RequestServices.GetRequiredService<StaffProviderSchemes>().EnsureAsync(number);
            }
        }
        await next();
    });

    /// <summary>The municipality with this number when it is active and has a provider; null otherwise.</summary>
    public static async Task<Guid?> MunicipalityWithProviderAsync(IServiceProvider services, string number)
    {
        var scopes = services.GetRequiredService<TenantScopeFactory>();
        Guid tenantId;
        await using (var platform = scopes.ForTenant(null))
        {
            var db = platform.ServiceProvider.GetRequiredService<AppDbContext>();
            var found = await db.Municipalities.AsNoTracking().Where(m => m.Number == number && m.IsActive).Select(m => (Guid?)m.Id).SingleOrDefaultAsync();
            if (found is null)
            {
                return null;
            }
            tenantId = found.Value;
        }
        await using var scope = scopes.ForTenant(tenantId);
        var tenantDb = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await tenantDb.StaffSignInProviders.AnyAsync() ? tenantId : null;
    }
}

/// <summary>Options of a "staff-{kommunenummer}" scheme, read from that municipality's own settings.</summary>
public sealed class StaffProviderOptionsSetup(
    IServiceScopeFactory scopeFactory, IOptions<FederatedSignInOptions> federated, IWebHostEnvironment environment)
    : IConfigureNamedOptions<OpenIdConnectOptions>
{
    public void Configure(OpenIdConnectOptions options)
    {
    }

    public void Configure(string? name, OpenIdConnectOptions options)
    {
        var number = name is null ? null : FederatedSignIn.MunicipalityNumberOf(name);
        if (number is null)
        {
            return;
        }
        var secure = environment.IsDevelopment() || environment.IsEnvironment("Testing")
            ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        FederatedSignIn.Common(options, federated.Value, secure);
        options.Scope.Add("profile");
        options.Scope.Add("email");
        options.CallbackPath = FederatedSignIn.StaffCallbackPrefix + number;
        options.SignedOutCallbackPath = "/signout-callback-staff/" + number;
        options.RemoteSignOutPath = "/signout-staff/" + number;
        options.EventsType = typeof(StaffProviderEvents);
        // Options are built synchronously; this runs once per scheme and node until the settings change.
        var provider = LoadAsync(number).GetAwaiter().GetResult();
        if (provider is null)
        {
            // No provider (removed since): a scheme that cannot reach anything, so every attempt is refused.
            options.Authority = "https://invalid.invalid/";
            options.ClientId = "none";
            return;
        }
        options.Authority = provider.Value.Authority;
        options.ClientId = provider.Value.ClientId;
        options.ClientSecret = provider.Value.Secret;
    }

    private async Task<(string Authority, string ClientId, string Secret)?> LoadAsync(string number)
    {
        await using var outer = scopeFactory.CreateAsyncScope();
        var tenantId = await StaffProviderSchemes.MunicipalityWithProviderAsync(outer.ServiceProvider, number);
        if (tenantId is null)
        {
            return null;
        }
        await using var scope = outer.ServiceProvider.GetRequiredService<TenantScopeFactory>().ForTenant(tenantId);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var p = await db.StaffSignInProviders.AsNoTracking().SingleAsync();
        var secret = scope.ServiceProvider.GetRequiredService<StaffProviderSecrets>().Unprotect(p.ClientSecretProtected);
        return (p.Authority, p.ClientId, secret);
    }
}

/// <summary>
/// A municipality's provider signs in only an existing, active staff user of that same municipality with the e-mail
/// address the provider names; roles stay ours, and no account is ever made from a token. Where the municipality
/// requires two-factor, the provider's amr must show it.
/// </summary>
public sealed class StaffProviderEvents(
    TenantContext tenant, AppDbContext db, UserLookup lookup, Microsoft.AspNetCore.Identity.UserManager<AppUser> users,
    AppSignInManager signIn, AuditLog audit, IServiceProvider services, ILogger<StaffProviderEvents> logger) : OpenIdConnectEvents
{
    public const string LoginHintItem = "login_hint";

    public override Task RedirectToIdentityProvider(RedirectContext context)
    {
        if (context.Properties.Items.TryGetValue(LoginHintItem, out var hint) && hint is { Length: > 0 and <= 256 })
        {
            context.ProtocolMessage.LoginHint = hint;
        }
        return Task.CompletedTask;
    }

    /// <summary>
    /// After every check of the handler, the nonce included (which the handler checks only after TokenValidated): nothing
    /// is looked up or audited as a sign-in before the answer is known to be genuine.
    /// </summary>
    public override async Task TicketReceived(TicketReceivedContext context)
    {
        var number = FederatedSignIn.MunicipalityNumberOf(context.Scheme.Name)!;
        var tenantId = await StaffProviderSchemes.MunicipalityWithProviderAsync(services, number);
        if (tenantId is null)
        {
            Refuse(context, "failed");
            return;
        }
        tenant.Use(tenantId);
        var provider = await db.StaffSignInProviders.AsNoTracking().SingleAsync();
        var principal = context.Principal!;
        // The handler has checked signature, issuer, audience, nonce and lifetime against this scheme's own provider;
        // the issuer is compared once more with the municipality's settings, so nothing else can ever count.
        var issuer = principal.FindFirst("iss")?.Value;
        if (issuer is null || !SameIssuer(issuer, provider.Authority))
        {
            await audit.WriteAsync(AuditAction.LoginFailed, "Municipality", tenantId.ToString(), details: "municipality's provider: token from another issuer");
            Refuse(context, "failed");
            return;
        }
        var email = principal.FindFirst(provider.EmailClaim)?.Value?.Trim();
        var home = string.IsNullOrEmpty(email) || email.Length > 256 ? null : await lookup.FindByEmailAsync(email);
        if (home is null || home.TenantId != tenantId)
        {
            // The address is not this municipality's user (perhaps another municipality's): refused, and not named.
            await audit.WriteAsync(AuditAction.LoginFailed, "Municipality", tenantId.ToString(),
                details: "municipality's provider: no user of this municipality has the e-mail address the provider named");
            Refuse(context, "unknown");
            return;
        }
        var user = await users.FindByIdAsync(home.UserId.ToString());
        var isStaff = user is not null && (await users.GetRolesAsync(user)).Any(r => Roles.Staff.Contains(r));
        if (user is null || !isStaff || !await signIn.CanSignInAsync(user))
        {
            await audit.WriteAsync(AuditAction.LoginFailed, "User", home.UserId.ToString(), actorId: home.UserId,
                details: "municipality's provider: user deactivated or not staff");
            Refuse(context, "inactive");
            return;
        }
        var mfa = FederatedSignIn.ShowsMfa(principal);
        var requireMfa = await db.Municipalities.Where(m => m.Id == tenantId).Select(m => m.RequireTwoFactorForStaff).SingleAsync();
        if (requireMfa && !mfa)
        {
            await audit.WriteAsync(AuditAction.LoginFailed, "User", user.Id.ToString(), actorId: user.Id,
                details: "municipality's provider: no multi-factor authentication in amr, and the municipality requires it");
            Refuse(context, "mfa");
            return;
        }
        var session = await signIn.CreateUserPrincipalAsync(user);
        var identity = (ClaimsIdentity)session.Identity!;
        identity.AddClaim(new Claim("amr", mfa ? "mfa" : "external"));
        identity.AddClaim(new Claim(FederatedSignIn.SignInClaim, "staff-provider"));
        if (mfa)
        {
            // The provider's second factor counts: no enrolment in our own authenticator is asked for.
            identity.AddClaim(new Claim(FederatedSignIn.ProviderMfaClaim, "true"));
            foreach (var setup in identity.FindAll(AppClaims.TwoFactorSetupRequired).ToList())
            {
                identity.RemoveClaim(setup);
            }
        }
        context.Principal = session;
        context.Properties!.IsPersistent = false;
        context.Properties.IssuedUtc = null;
        context.Properties.ExpiresUtc = null;
        await audit.WriteAsync(AuditAction.Login, "User", user.Id.ToString(), actorId: user.Id,
            details: "municipality's provider" + (mfa ? " (multi-factor)" : ""));
    }

    public override async Task RemoteFailure(RemoteFailureContext context)
    {
        logger.LogWarning("Staff sign-in at {Scheme} failed: {Failure}", context.Scheme.Name, context.Failure?.GetType().Name);
        if (FederatedSignIn.MunicipalityNumberOf(context.Scheme.Name) is { } number &&
            await StaffProviderSchemes.MunicipalityWithProviderAsync(services, number) is { } tenantId)
        {
            tenant.Use(tenantId);
            await audit.WriteAsync(AuditAction.LoginFailed, "Municipality", tenantId.ToString(),
                details: "municipality's provider: the answer was refused (" + (context.Failure?.GetType().Name ?? "unknown") + ")");
        }
        context.Response.Redirect(IdPortenEvents.RefusedPath + "?reason=failed");
        context.HandleResponse();
    }

    private static void Refuse(TicketReceivedContext context, string reason)
    {
        context.HandleResponse();
        context.Response.Redirect(IdPortenEvents.RefusedPath + "?reason=" + reason);
    }

    private static bool SameIssuer(string a, string b) =>
        string.Equals(a.TrimEnd('/'), b.TrimEnd('/'), StringComparison.Ordinal);
}
