using Microsoft.EntityFrameworkCore;

namespace IntroProgram.Infrastructure.Identity;

public static class UserNames
{
    /// <summary>
    /// The display names of some users, by id, in one statement that reads only the id and the name (not the whole
    /// user row with its password hash and security stamp). Ids of no user (or of another municipality) are left out.
    /// </summary>
    public static async Task<Dictionary<Guid, string>> DisplayNamesAsync(this IQueryable<AppUser> users, IReadOnlyCollection<Guid> ids,
        CancellationToken ct = default)
    {
        if (ids.Count == 0)
        {
            return [];
        }
        var rows = await users.AsNoTracking().Where(u => ids.Contains(u.Id)).Select(u => new { u.Id, u.DisplayName }).ToListAsync(ct);
        return rows.ToDictionary(r => r.Id, r => r.DisplayName);
    }
}
