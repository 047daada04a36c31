using Microsoft.AspNetCore.Authentication.Cookies;
using IntroProgram.Infrastructure.Identity;
using IntroProgram.Infrastructure.Tenancy;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace IntroProgram.Web.Identity;

/// <summary>
/// Re-checks a session's security stamp (after logout, a role change, deactivation) with the municipality of the
/// cookie bound, because row-level security would otherwise hide the user's own row.
/// </summary>
public sealed class TenantAwareSecurityStampValidator(
    IOptions<SecurityStampValidatorOptions> options, SignInManager<AppUser> signInManager,
    ILoggerFactory logger, TenantContext tenant)
    : SecurityStampValidator<AppUser>(options, signInManager, logger)
{
    public override async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        if (context.Principal is null)
        {
            await base.ValidateAsync(context);
            return;
        }
        // Both the stamp check and the rebuilt principal (roles, claims) read the user's own rows.
        using (tenant.BindWhileValidating(context.Principal))
        {
            await base.ValidateAsync(context);
        }
    }
}
