using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace IntroProgram.Web.Features.Participants;

/// <summary>
/// The list's free-text search is a name or a national id, which must never appear in an address (browser history,
/// proxy and server logs, Referer headers). The search form is posted and the text travels on as an encrypted,
/// time-limited token that only this user can read back.
/// </summary>
public static class ParticipantSearchTokens
{
    public const string Purpose = "IntroProgram.Participants.Search";
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(8);

    public static string Protect(IDataProtectionProvider provider, Guid userId, string text) =>
        ProtectorFor(provider, userId).Protect(text, Lifetime);

    /// <summary>False for a token that is expired, altered or issued to someone else.</summary>
    public static bool TryUnprotect(IDataProtectionProvider provider, Guid userId, string token, out string text)
    {
        try
        {
            text = ProtectorFor(provider, userId).Unprotect(token, out _);
            return true;
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            text = "";
            return false;
        }
    }

    private static ITimeLimitedDataProtector ProtectorFor(IDataProtectionProvider provider, Guid userId) =>
        provider.CreateProtector(Purpose, userId.ToString("N")).ToTimeLimitedDataProtector();
}
