using System.Security.Claims;
using IntroProgram.Infrastructure.Data;
using IntroProgram.Infrastructure.Identity;
using IntroProgram.Infrastructure.Tenancy;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IntroProgram.Web.Identity;

/// <summary>Puts the municipality, the display name and the two-factor duty into the sign-in cookie.</summary>
public sealed class AppClaimsPrincipalFactory(
    UserManager<AppUser> users, RoleManager<AppRole> roles, IOptions<IdentityOptions> options,
    AppDbContext db, IOptions<SecurityOptions> security)
    : UserClaimsPrincipalFactory<AppUser, AppRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        var municipality = user.TenantId is { } tenant
            ? await db.Municipalities.Where(m => m.Id == tenant).Select(m => new { m.Name, m.RequireTwoFactorForStaff }).FirstOrDefaultAsync()
            : null;
        if (user.TenantId is { } tenantId)
        {
            identity.AddClaim(new Claim(TenantContext.TenantClaim, tenantId.ToString()));
        }
        if (municipality is not null)
        {
            // Shown in the page header: staff and participants see whose service they are in.
            identity.AddClaim(new Claim(AppClaims.MunicipalityName, municipality.Name));
        }
        identity.AddClaim(new Claim(AppClaims.DisplayName, user.DisplayName));
        if (identity.HasClaim(Options.ClaimsIdentity.RoleClaimType, Roles.Participant))
        {
            // The participant record is where staff and the participant keep the language; the account's copy is a fallback.
            var language = await db.Participants.Where(p => p.UserId == user.Id).Select(p => p.PreferredLanguage).FirstOrDefaultAsync()
                ?? user.PreferredLanguage;
            if (Localization.Languages.Find(language) is { } known)
            {
                identity.AddClaim(new Claim(AppClaims.Language, known.Code));
            }
        }
        if (!user.TwoFactorEnabled && MustUseTwoFactor(user, identity, municipality?.RequireTwoFactorForStaff == true))
        {
            identity.AddClaim(new Claim(AppClaims.TwoFactorSetupRequired, "true"));
        }
        return identity;
    }

    private bool MustUseTwoFactor(AppUser user, ClaimsIdentity identity, bool municipalityRequiresIt)
    {
        var roleType = Options.ClaimsIdentity.RoleClaimType;
        if (identity.HasClaim(roleType, Roles.PlatformOperator))
        {
            return security.Value.RequireTwoFactorForOperators;
        }
        var isStaff = Roles.Staff.Any(r => identity.HasClaim(roleType, r));
        if (!isStaff || user.TenantId is null)
        {
            return false;
        }
        return municipalityRequiresIt;
    }
}
