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
        if (user.TenantId is { } tenant)
        {
            identity.AddClaim(new Claim(TenantContext.TenantClaim, tenant.ToString()));
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
        if (!user.TwoFactorEnabled && await MustUseTwoFactorAsync(user, identity))
        {
            identity.AddClaim(new Claim(AppClaims.TwoFactorSetupRequired, "true"));
        }
        return identity;
    }

    private async Task<bool> MustUseTwoFactorAsync(AppUser user, ClaimsIdentity identity)
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
        return await db.Municipalities.Where(m => m.Id == user.TenantId)
            .Select(m => m.RequireTwoFactorForStaff).FirstOrDefaultAsync();
    }
}
