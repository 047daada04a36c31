using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace IntroProgram.Infrastructure;

/// <summary>
/// The app's public address (App:PublicBaseUrl, e.g. https://intro.kommune.no): the one source of the links sent to
/// people (invitations) and printed on documents (a certificate's QR code and verification link). Never a request's
/// Host header, which the client chooses: a forged one would put another site into a mail or a certificate.
/// </summary>
public sealed class PublicAddressOptions
{
    public const string Setting = "App:PublicBaseUrl";
    /// <summary>What Development and the tests use when no public address is set (a local address, never a request's).</summary>
    public const string LocalSetting = "App:LocalBaseUrl";

    public const string Missing =
        "Set App:PublicBaseUrl (environment variable App__PublicBaseUrl) to the app's public address, for example " +
        "https://intro.kommune.no, without a path, query or fragment. Invitation links and certificate QR codes are made from it, " +
        "never from a request's Host header; only Development and Testing fall back to App:LocalBaseUrl.";

    public string BaseUrl { get; set; } = "";

    /// <summary>An absolute link to <paramref name="path"/> (starting with "/") on the public address.</summary>
    public string Link(string path) => BaseUrl.TrimEnd('/') + path;

    public static string Resolve(IConfiguration configuration, IHostEnvironment environment) =>
        configuration[Setting] is { Length: > 0 } configured ? configured
        : environment.IsDevelopment() || environment.IsEnvironment("Testing") ? configuration[LocalSetting] ?? ""
        : "";

    /// <summary>An absolute http(s) address of a site, with nothing a link could not be built on.</summary>
    public static bool IsUsable(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
        && uri.Query.Length == 0 && uri.Fragment.Length == 0 && uri.UserInfo.Length == 0;
}
