using IntroProgram.Infrastructure.Data;
using IntroProgram.Infrastructure.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IntroProgram.Web.Identity;

/// <summary>A deactivated user, or any user of a deactivated municipality, cannot sign in.</summary>
public sealed class AppSignInManager(
    UserManager<AppUser> userManager, IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<AppUser> claimsFactory, IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<AppUser>> logger, IAuthenticationSchemeProvider schemes,
    IUserConfirmation<AppUser> confirmation, AppDbContext db)
    : SignInManager<AppUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    /// <summary>
    /// The periodic session check also asks whether the user may still sign in, so deactivating a user or a whole
    /// municipality ends open sessions at the next check, not only new sign-ins.
    /// </summary>
    public override async Task<AppUser?> ValidateSecurityStampAsync(System.Security.Claims.ClaimsPrincipal? principal)
    {
        var user = await base.ValidateSecurityStampAsync(principal);
        return user is not null && await CanSignInAsync(user) ? user : null;
    }

    public override async Task<bool> CanSignInAsync(AppUser user)
    {
        if (!user.IsActive || !await base.CanSignInAsync(user))
        {
            return false;
        }
        return user.TenantId is null ||
               await db.Municipalities.AnyAsync(m => m.Id == user.TenantId && m.IsActive);
    }
}
