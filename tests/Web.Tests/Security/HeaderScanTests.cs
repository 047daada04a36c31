using IntroProgram.Infrastructure.Time;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;
using IntroProgram.Web.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit.Abstractions;

namespace IntroProgram.Web.Tests.Security;

/// <summary>
/// Every page each demo role can reach by following links, and the public pages, answer with the security headers and
/// cookie attributes a production deployment needs. The app runs as in Production: real Kestrel over HTTPS (a
/// throw-away certificate), addressed by a public-looking host name, since HSTS is never sent for localhost.
/// </summary>
[Collection(AppSuite.Name)]
public sealed partial class HeaderScanTests(AppFactory app, ITestOutputHelper output)
{
    private const string Host = "introprogram.test";
    private const int PagesPerRole = 300;
    private const int PagesPerShape = 3;
    private static readonly string[] SafeReferrerPolicies = ["no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin"];

    [Fact]
    public async Task Every_reachable_page_sends_the_security_headers_and_safe_cookies()
    {
        using var certificate = SelfSignedCertificate();
        // Production refuses a set clock: this app runs on the system clock even when the suite's clock is set.
        using var production = app.WithWebHostBuilder(b => b.UseEnvironment("Production").UseSetting(AppClock.Setting, ""));
        production.UseKestrel(o => o.Listen(IPAddress.Loopback, 0, l => l.UseHttps(certificate)));
        production.StartServer();
        var port = new Uri(production.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()).Port;
        var scan = new Scan();

        // The public pages, and the language switcher's cookie.
        using (var anonymous = NewClient(port, certificate))
        {
            var code = await VerificationCodeAsync();
            foreach (var url in new[]
            {
                "/account/login", "/accessibility", "/health/live", "/health/ready", "/verify/" + code, "/verify/XXXX-0000",
                "/account/access-denied", "/no-such-page", "/participants",
            })
            {
                scan.Check(url, await anonymous.GetAsync(url));
            }
            var login = await anonymous.GetPageAsync("/account/login");
            scan.Check("POST /language", await anonymous.Http.PostAsync("/language", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["culture"] = "en", ["returnUrl"] = "/account/login", ["__RequestVerificationToken"] = TestClient.AntiforgeryToken(login),
            })));
        }
        var anonymousPages = scan.Pages;
        output.WriteLine($"anonymous: {anonymousPages} responses");

        foreach (var email in new[] { Demo.Operator, Demo.BergenAdmin, Demo.BergenCoordinator, Demo.BergenCaseworker, Demo.BergenParticipant })
        {
            using var client = NewClient(port, certificate);
            var before = scan.Pages;
            scan.Check("GET /account/login", await client.GetAsync("/account/login"));
            var signIn = await client.LoginAsync(email);
            scan.Check("POST /account/login", signIn);
            Assert.True(signIn.StatusCode == HttpStatusCode.Redirect, $"{email} could not sign in: {(int)signIn.StatusCode}");
            await CrawlAsync(client, scan);
            output.WriteLine($"{email}: {scan.Pages - before} responses");
        }

        output.WriteLine($"Checked {scan.Pages} responses ({scan.Headers} header checks, {scan.Cookies} cookies); {scan.Failures.Count} problems.");
        Assert.True(scan.Pages > 50, $"Only {scan.Pages} pages were reached; the crawl is not finding the app's links.");
        Assert.True(scan.Cookies >= 5, $"Only {scan.Cookies} cookies were seen; sign-in should set some.");
        Assert.True(scan.Failures.Count == 0, string.Join("\n", scan.Failures.Distinct().Take(40)));
    }

    /// <summary>Breadth-first over same-host links, a few pages of each shape (ids replaced), GET only.</summary>
    private static async Task CrawlAsync(TestClient client, Scan scan)
    {
        var queue = new Queue<string>(["/"]);
        var seen = new HashSet<string>(StringComparer.Ordinal) { "/" };
        var shapes = new Dictionary<string, int>(StringComparer.Ordinal);
        var visited = 0;
        while (queue.Count > 0 && visited < PagesPerRole)
        {
            var url = queue.Dequeue();
            var shape = Shape(url);
            shapes[shape] = shapes.GetValueOrDefault(shape) + 1;
            if (shapes[shape] > PagesPerShape)
            {
                continue;
            }
            visited++;
            var response = await client.GetAsync(url);
            scan.Check(url, response);
            var links = new List<string>();
            if (response.Headers.Location is { } location)
            {
                links.Add(location.OriginalString);
            }
            if (response.Content.Headers.ContentType?.MediaType == "text/html")
            {
                var html = await response.Content.ReadAsStringAsync();
                links.AddRange(LinkPattern().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[2].Value)));
            }
            foreach (var link in links)
            {
                if (SameHostPath(link) is { } path && !path.Contains("logout", StringComparison.OrdinalIgnoreCase) && seen.Add(path))
                {
                    queue.Enqueue(path);
                }
            }
        }
    }

    private static string? SameHostPath(string link)
    {
        link = link.Split('#')[0];
        if (link.Length == 0)
        {
            return null;
        }
        if (link.StartsWith('/') && !link.StartsWith("//", StringComparison.Ordinal))
        {
            return link;
        }
        return Uri.TryCreate(link, UriKind.Absolute, out var uri) && uri.Host == Host && uri.Scheme == "https" ? uri.PathAndQuery : null;
    }

    private static string Shape(string url)
    {
        var parts = url.Split('?', 2);
        var path = IdPattern().Replace(parts[0], "{}");
        var keys = parts.Length > 1
            ? string.Join('&', parts[1].Split('&').Select(p => p.Split('=')[0]).Order(StringComparer.Ordinal))
            : "";
        return path + "?" + keys;
    }

    private sealed class Scan
    {
        public int Pages { get; private set; }
        public int Headers { get; private set; }
        public int Cookies { get; private set; }
        public List<string> Failures { get; } = [];

        public void Check(string url, HttpResponseMessage response)
        {
            Pages++;
            string? Header(string name) =>
                response.Headers.TryGetValues(name, out var v) ? string.Join(", ", v)
                : response.Content.Headers.TryGetValues(name, out var c) ? string.Join(", ", c) : null;
            void Expect(bool ok, string what)
            {
                Headers++;
                if (!ok)
                {
                    Failures.Add($"{url} ({(int)response.StatusCode}): {what}");
                }
            }

            var csp = Header("Content-Security-Policy");
            Expect(csp is not null, "no Content-Security-Policy");
            if (csp is not null)
            {
                var directives = csp.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                    .Select(d => d.Split(' ', 2))
                    .ToDictionary(d => d[0].ToLowerInvariant(), d => d.Length > 1 ? d[1] : "");
                var scripts = directives.GetValueOrDefault("script-src") ?? directives.GetValueOrDefault("default-src");
                Expect(scripts is not null, "the CSP does not restrict scripts (no script-src or default-src)");
                Expect(scripts is null || (!scripts.Contains("'unsafe-inline'", StringComparison.OrdinalIgnoreCase)
                    && !scripts.Contains("'unsafe-eval'", StringComparison.OrdinalIgnoreCase) && !scripts.Contains('*')),
                    "the CSP allows inline, eval'd or any-origin script: " + scripts);
                Expect(directives.GetValueOrDefault("frame-ancestors") == "'none'", "the CSP does not say frame-ancestors 'none'");
                Expect(directives.GetValueOrDefault("object-src") == "'none'", "the CSP does not say object-src 'none'");
            }
            Expect(Header("X-Content-Type-Options") == "nosniff", "X-Content-Type-Options is not nosniff");
            Expect(string.Equals(Header("X-Frame-Options"), "DENY", StringComparison.OrdinalIgnoreCase), "X-Frame-Options is not DENY");
            Expect(Header("Referrer-Policy") is { } referrer && SafeReferrerPolicies.Contains(referrer), "Referrer-Policy missing or leaky: " + Header("Referrer-Policy"));
            Expect(Header("Server") is null, "Server header: " + Header("Server"));
            foreach (var banner in new[] { "X-Powered-By", "X-AspNet-Version", "X-AspNetMvc-Version", "X-SourceFiles" })
            {
                Expect(Header(banner) is null, $"{banner} header: {Header(banner)}");
            }
            var hsts = Header("Strict-Transport-Security");
            var maxAge = hsts is null ? 0 : MaxAgePattern().Match(hsts) is { Success: true } m ? long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
            Expect(maxAge >= 15_724_800, "Strict-Transport-Security missing or shorter than six months: " + hsts);
            Expect(hsts?.Contains("includeSubDomains", StringComparison.OrdinalIgnoreCase) == true, "Strict-Transport-Security without includeSubDomains: " + hsts);

            foreach (var cookie in response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [])
            {
                Cookies++;
                var name = cookie.Split('=', 2)[0];
                var attributes = cookie.Split(';', StringSplitOptions.TrimEntries).Skip(1).Select(a => a.ToLowerInvariant()).ToList();
                Expect(attributes.Contains("secure"), $"cookie {name} is not Secure");
                Expect(attributes.Contains("httponly"), $"cookie {name} is not HttpOnly");
                Expect(attributes.Any(a => a is "samesite=lax" or "samesite=strict"), $"cookie {name} has no SameSite=Lax/Strict");
            }
        }
    }

    private static TestClient NewClient(int port, X509Certificate2 certificate)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = true,
            CookieContainer = new CookieContainer(),
            // The public host name leads to the test server.
            ConnectCallback = async (_, ct) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                await socket.ConnectAsync(IPAddress.Loopback, port, ct);
                return new NetworkStream(socket, ownsSocket: true);
            },
            // Exactly the throw-away certificate the test server was given, nothing else.
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, presented, _, _) => presented?.GetCertHashString() == certificate.GetCertHashString(),
            },
        };
        return new TestClient(new HttpClient(handler) { BaseAddress = new Uri($"https://{Host}:{port}/") });
    }

    private async Task<string> VerificationCodeAsync()
    {
        await using var connection = new NpgsqlConnection(app.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT code FROM certificate_verifications ORDER BY code LIMIT 1", connection);
        return await command.ExecuteScalarAsync() as string ?? "NONE-0000";
    }

    private static X509Certificate2 SelfSignedCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={Host}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName(Host);
        request.CertificateExtensions.Add(san.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        // Kestrel needs the private key in a form the platform's TLS stack can use.
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }

    [GeneratedRegex("(href|src)=\"([^\"]+)\"", RegexOptions.IgnoreCase)]
    private static partial Regex LinkPattern();

    [GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|[0-9]+")]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"max-age=(\d+)", RegexOptions.IgnoreCase)]
    private static partial Regex MaxAgePattern();
}
