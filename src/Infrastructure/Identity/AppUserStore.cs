using IntroProgram.Infrastructure.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace IntroProgram.Infrastructure.Identity;

/// <summary>
/// Identity's store, except that an update refused as a concurrency conflict (two sign-ins of one user at the same
/// moment both counting a failure) is dropped from the context. Identity turns the conflict into a failed result but
/// leaves the row marked as changed, so the request's next save (its audit event) sent the stale update again and
/// failed with a 500.
/// </summary>
public sealed class AppUserStore(AppDbContext context, IdentityErrorDescriber? describer = null)
    : UserStore<AppUser, AppRole, AppDbContext, Guid, AppUserClaim, AppUserRole, AppUserLogin, AppUserToken, AppRoleClaim>(context, describer)
{
    public override async Task<IdentityResult> UpdateAsync(AppUser user, CancellationToken cancellationToken = default)
    {
        var result = await base.UpdateAsync(user, cancellationToken);
        if (!result.Succeeded)
        {
            Context.Entry(user).State = EntityState.Detached;
        }
        return result;
    }
}
