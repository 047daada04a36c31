using IntroProgram.Infrastructure.Data;
using IntroProgram.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OtpNet;

namespace IntroProgram.Web.Identity;

/// <summary>
/// Authenticator-app (TOTP) codes, each usable once per user. Identity's own provider accepts a code again for as long
/// as it is in its window, so a code seen over a shoulder or replayed from a proxy signed in a second time. Here the
/// time step a code matched is stored on the user row, and a code of that step or an earlier one is refused. Checking
/// and recording are one conditional UPDATE, so of two sign-ins racing with the same code only one passes. The time
/// is the app's clock, so a set clock and the codes a test computes from it agree.
/// </summary>
public sealed class OneTimeAuthenticatorTokenProvider(AppDbContext db, TimeProvider clock) : IUserTwoFactorTokenProvider<AppUser>
{
    /// <summary>As Identity's provider: two 30-second steps either side of now, for a phone whose clock drifts.</summary>
    private static readonly VerificationWindow Window = new(previous: 2, future: 2);

    /// <summary>The codes come from the user's authenticator app, never from the server.</summary>
    public Task<string> GenerateAsync(string purpose, UserManager<AppUser> manager, AppUser user) =>
        throw new NotSupportedException("Authenticator codes are made by the user's app.");

    public async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<AppUser> manager, AppUser user) =>
        !string.IsNullOrWhiteSpace(await manager.GetAuthenticatorKeyAsync(user));

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<AppUser> manager, AppUser user)
    {
        var key = await manager.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrWhiteSpace(key) || token.Length != 6 || !token.All(char.IsAsciiDigit))
        {
            return false;
        }
        var totp = new Totp(Base32Encoding.ToBytes(key));
        if (!totp.VerifyTotp(clock.GetUtcNow().UtcDateTime, token, out var step, Window))
        {
            return false;
        }
        var userId = user.Id;
        var recorded = await db.Users
            .Where(u => u.Id == userId && (u.AuthenticatorTimeStep == null || u.AuthenticatorTimeStep < step))
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.AuthenticatorTimeStep, step));
        if (recorded == 1)
        {
            user.AuthenticatorTimeStep = step;
        }
        return recorded == 1;
    }
}
