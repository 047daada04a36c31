using IntroProgram.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace IntroProgram.Infrastructure.Identity;

/// <summary>A staff member as a choice in a form: the id, the name shown, and whether they are still active.</summary>
public sealed record StaffRow(Guid Id, string DisplayName, bool IsActive);

public static class UserNames
{
    /// <summary>
    /// The municipality's active staff with the role, by name, and <paramref name="current"/> too when it is an
    /// inactive one of them (a form then shows who was chosen instead of silently dropping them). Compiled: the
    /// participant list's filter and the class-session form read it on every request (docs/performance.md).
    /// </summary>
    public static Task<List<StaffRow>> StaffWithRoleAsync(this AppDbContext db, string role, Guid? current, CancellationToken ct = default) =>
        StaffWithRole(db, role, current).ListAsync(ct);

    private static readonly Func<AppDbContext, string, Guid?, IAsyncEnumerable<StaffRow>> StaffWithRole =
        EF.CompileAsyncQuery((AppDbContext db, string role, Guid? current) => db.Users.AsNoTracking()
            .Where(u => (u.IsActive || u.Id == current)
                && db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == role)))
            .OrderBy(u => u.DisplayName)
            .Select(u => new StaffRow(u.Id, u.DisplayName, u.IsActive)));

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
