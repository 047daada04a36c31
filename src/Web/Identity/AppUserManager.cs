using IntroProgram.Infrastructure.Data;
using IntroProgram.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IntroProgram.Web.Identity;

/// <summary>
/// Identity's user manager, except that a failed attempt is counted in one statement. Identity counts on the user
/// row it read, then saves the row with an optimistic check: attempts made at the same moment read the same count,
/// all but one save were refused as conflicts, and a burst of parallel guesses counted as one. Here the database adds
/// one to what is stored and locks the account when the limit is reached, so every attempt counts.
/// </summary>
public sealed class AppUserManager(
    IUserStore<AppUser> store, IOptions<IdentityOptions> optionsAccessor, IPasswordHasher<AppUser> passwordHasher,
    IEnumerable<IUserValidator<AppUser>> userValidators, IEnumerable<IPasswordValidator<AppUser>> passwordValidators,
    ILookupNormalizer keyNormalizer, IdentityErrorDescriber errors, IServiceProvider services,
    ILogger<UserManager<AppUser>> logger, AppDbContext db)
    : UserManager<AppUser>(store, optionsAccessor, passwordHasher, userValidators, passwordValidators, keyNormalizer, errors, services, logger)
{
    private sealed record Counted(int AccessFailedCount, DateTimeOffset? LockoutEnd, string ConcurrencyStamp);

    public override async Task<IdentityResult> AccessFailedAsync(AppUser user)
    {
        ThrowIfDisposed();
        ArgumentNullException.ThrowIfNull(user);
        var limit = Options.Lockout.MaxFailedAccessAttempts;
        var lockedUntil = DateTimeOffset.UtcNow.Add(Options.Lockout.DefaultLockoutTimeSpan);
        // A new concurrency stamp, as any change of the row gets: a copy of the user read before this (another
        // request's) is then refused when saved, instead of writing back an older count or lockout.
        var stamp = Guid.NewGuid().ToString();
        // Reaching the limit locks the account and starts the count again, as Identity does.
        var counted = await db.Database.SqlQuery<Counted>($"""
            UPDATE users SET
                access_failed_count = CASE WHEN access_failed_count + 1 >= {limit} THEN 0 ELSE access_failed_count + 1 END,
                lockout_end = CASE WHEN access_failed_count + 1 >= {limit} THEN {lockedUntil} ELSE lockout_end END,
                concurrency_stamp = {stamp}
            WHERE id = {user.Id}
            RETURNING access_failed_count, lockout_end, concurrency_stamp
            """).ToListAsync(CancellationToken);
        if (counted.Count == 0)
        {
            return IdentityResult.Failed(ErrorDescriber.ConcurrencyFailure());
        }
        // The row read at sign-in now matches the database, and is not saved again with the old values.
        var entry = db.Entry(user);
        user.AccessFailedCount = counted[0].AccessFailedCount;
        user.LockoutEnd = counted[0].LockoutEnd;
        user.ConcurrencyStamp = counted[0].ConcurrencyStamp;
        if (entry.State != EntityState.Detached)
        {
            entry.Property(u => u.AccessFailedCount).OriginalValue = user.AccessFailedCount;
            entry.Property(u => u.LockoutEnd).OriginalValue = user.LockoutEnd;
            entry.Property(u => u.ConcurrencyStamp).OriginalValue = user.ConcurrencyStamp;
        }
        return IdentityResult.Success;
    }
}
