using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace IntroProgram.Web.Tests.Support;

/// <summary>
/// The local OpenID provider of tools/test-idp (Node, oidc-provider) as a process of its own on a free loopback port,
/// with three issuers: "idporten" (participants), "bergen" and "tromso" (staff providers of two municipalities). Its
/// test switches are on (a wrong audience, a wrong nonce, a token from the other issuer), so the tests can show each
/// is refused. Installed by ./build.sh test (npm ci from the lock file).
/// </summary>
public sealed class TestIdp : IAsyncDisposable
{
    public const string IdPortenClientId = "introprogram-test";
    public const string Secret = "test-only-client-secret-0123456789abcdef";
    public static string StaffClientId(string issuer) => "introprogram-" + issuer;

    private readonly Process _process;
    private readonly string _logPath;

    private TestIdp(Process process, string baseUrl, string logPath)
    {
        _process = process;
        BaseUrl = baseUrl;
        _logPath = logPath;
    }

    public string BaseUrl { get; }

    public string Issuer(string name) => $"{BaseUrl}/{name}";

    /// <summary>Starts the provider for an app whose address is <paramref name="appBaseUrl"/> (http://localhost in process).</summary>
    public static Task<TestIdp> StartAsync(string appBaseUrl) => StartAsync(appBaseUrl, FreePort());

    /// <summary>On a port chosen beforehand (the app must know the provider's address before either starts).</summary>
    public static async Task<TestIdp> StartAsync(string appBaseUrl, int port)
    {
        var root = SourceRoot();
        var dir = Path.Combine(root, "tools", "test-idp");
        if (!Directory.Exists(Path.Combine(dir, "node_modules", "oidc-provider")))
        {
            throw new InvalidOperationException("The local OpenID provider is not installed: run `npm ci` in tools/test-idp (./build.sh test does).");
        }
        var config = new
        {
            issuers = new object[]
            {
                new
                {
                    name = "idporten", kind = "idporten",
                    clients = new object[]
                    {
                        new
                        {
                            client_id = IdPortenClientId, client_secret = Secret,
                            redirect_uris = new[] { appBaseUrl + "/signin-idporten" },
                            post_logout_redirect_uris = new[] { appBaseUrl + "/signout-callback-idporten" },
                            frontchannel_logout_uri = appBaseUrl + "/signout-idporten/frontchannel",
                        },
                    },
                },
                StaffIssuer("bergen", appBaseUrl),
                StaffIssuer("tromso", appBaseUrl),
            },
        };
        var logPath = Path.Combine(Path.GetTempPath(), $"introprogram-test-idp-{Guid.NewGuid():N}.log");
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = dir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(dir, "server.js"));
        start.Environment["TEST_IDP_CONFIG_JSON"] = JsonSerializer.Serialize(config);
        start.Environment["TEST_IDP_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["TEST_IDP_ALLOW_TAMPERING"] = "1";
        var process = new Process { StartInfo = start };
        var log = new StreamWriter(logPath) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (log) { log.WriteLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (log) { log.WriteLine(e.Data); } } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var idp = new TestIdp(process, $"http://127.0.0.1:{port}", logPath);
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        for (var i = 0; i < 150; i++)
        {
            if (process.HasExited)
            {
                break;
            }
            try
            {
                if ((await probe.GetAsync(idp.BaseUrl + "/health")).StatusCode == HttpStatusCode.OK)
                {
                    return idp;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            await Task.Delay(200);
        }
        await idp.DisposeAsync();
        throw new InvalidOperationException("The local OpenID provider did not start: " + File.ReadAllText(logPath));
    }

    private static object StaffIssuer(string name, string appBaseUrl) => new
    {
        name, kind = "staff", title = name,
        clients = new object[]
        {
            new
            {
                client_id = StaffClientId(name), client_secret = Secret,
                // Any municipality number: the tests make municipalities of their own.
                redirect_uris = new[] { appBaseUrl + "/signin-staff/0000" },
                callback_prefix = appBaseUrl + "/signin-staff/",
            },
        },
    };

    /// <summary>A client for the provider's pages: keeps the provider's cookies, follows no redirects.</summary>
    public HttpClient CreateBrowserSide() =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() })
        {
            Timeout = TimeSpan.FromSeconds(30),
        };

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static string SourceRoot([System.Runtime.CompilerServices.CallerFilePath] string thisFile = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "..", ".."));
}
