using IntroProgram.Infrastructure.Data;
using IntroProgram.Infrastructure.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IntroProgram.Web.Identity;

/// <summary>
/// A deactivated user, or any user of a deactivated municipality, cannot sign in. Refusing costs the same password
/// hashing as checking a password, so the time of the answer does not tell a locked or deactivated account (or one
/// that has no password yet) from a wrong password.
/// </summary>
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

    /// <summary>Hashed once per process, only to spend the same work on a refusal as on a real check.</summary>
    private static readonly Lazy<string> TimingHash =
        new(() => new PasswordHasher<AppUser>().HashPassword(new AppUser(), "timing-equaliser-" + Guid.NewGuid()));

    /// <summary>Spends the work of verifying <paramref name="password"/> against a password hash; the result is thrown away.</summary>
    public void SpendPasswordCheck(string password) =>
        UserManager.PasswordHasher.VerifyHashedPassword(new AppUser(), TimingHash.Value, password);

    public override async Task<SignInResult> CheckPasswordSignInAsync(AppUser user, string password, bool lockoutOnFailure)
    {
        // Identity answers "locked out" or "not allowed" before it looks at the password, and "wrong" without hashing
        // when there is no password: answers much faster than a wrong password, so timing told the account's state.
        if (user.PasswordHash is null || await PreSignInCheck(user) is not null)
        {
            SpendPasswordCheck(password);
        }
        return await base.CheckPasswordSignInAsync(user, password, lockoutOnFailure);
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
