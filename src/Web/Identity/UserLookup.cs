using IntroProgram.Infrastructure.Data;
using IntroProgram.Infrastructure.Tenancy;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace IntroProgram.Web.Identity;

public sealed record UserHome(Guid UserId, Guid? TenantId);

/// <summary>
/// Finds which municipality a user belongs to before anyone is signed in. The query runs in a scope that row-level
/// security lets read exactly the one user row it names, nothing else.
/// </summary>
public sealed class UserLookup(TenantScopeFactory scopes, ILookupNormalizer normalizer)
{
    public Task<UserHome?> FindByEmailAsync(string email) => FindAsync(normalizer.NormalizeEmail(email.Trim()));

    public Task<UserHome?> FindByIdAsync(Guid userId) => FindAsync(userId.ToString());

    private async Task<UserHome?> FindAsync(string key)
    {
        await using var scope = scopes.ForLoginLookup(key);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.Users.IgnoreQueryFilters([AppDbContext.TenantFilter])
            .Where(u => u.NormalizedEmail == key || u.Id.ToString() == key)
            .Select(u => new UserHome(u.Id, u.TenantId))
            .FirstOrDefaultAsync();
    }
}
