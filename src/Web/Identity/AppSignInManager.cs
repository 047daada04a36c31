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
