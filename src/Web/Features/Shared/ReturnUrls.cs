using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Mvc;

namespace IntroProgram.Web.Features.Shared;

/// <summary>
/// The one way back to a return address a form or link carries (returnUrl): only a path on this site, and written
/// as a response header can carry it. Kestrel refuses a header with characters outside ASCII or with control
/// characters by throwing, which answered a typed or pasted address such as "/søk" with a 500 (after the form had
/// been saved). Such an address is sent back percent-encoded, as a browser would send it; one with control characters
/// (a header-splitting attempt) is not followed at all.
/// </summary>
public static class ReturnUrls
{
    /// <summary>Redirects to <paramref name="returnUrl"/> when it is a path on this site, otherwise to <paramref name="fallback"/>.</summary>
    public static LocalRedirectResult RedirectBack(this Controller controller, string? returnUrl, string fallback = "/") =>
        controller.LocalRedirect(LocalOr(controller.Url, returnUrl, fallback));

    /// <summary>The address to go back to: <paramref name="returnUrl"/> made safe for a header, or <paramref name="fallback"/>.</summary>
    public static string LocalOr(IUrlHelper url, string? returnUrl, string fallback) =>
        !string.IsNullOrEmpty(returnUrl) && !returnUrl.Any(char.IsControl) && url.IsLocalUrl(returnUrl) ? HeaderSafe(returnUrl) : fallback;

    /// <summary>Every character outside printable ASCII (and the space) as its UTF-8 bytes, percent-encoded.</summary>
    private static string HeaderSafe(string path)
    {
        if (path.All(c => c is > ' ' and < '\u007f'))
        {
            return path;
        }
        var safe = new StringBuilder(path.Length * 2);
        Span<byte> bytes = stackalloc byte[4];
        foreach (var rune in path.EnumerateRunes())
        {
            if (rune.Value is > ' ' and < 0x7f)
            {
                safe.Append((char)rune.Value);
                continue;
            }
            var length = rune.EncodeToUtf8(bytes);
            foreach (var b in bytes[..length])
            {
                safe.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }
        return safe.ToString();
    }
}
