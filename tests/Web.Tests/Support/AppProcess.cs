using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace IntroProgram.Web.Tests.Support;

/// <summary>
/// The built app (IntroProgram.Web.dll beside the tests) running as an operating-system process of its own on a free
/// loopback port, over the database of an <see cref="AppFactory"/> and with the same test configuration. Unlike the
/// in-process app it can be killed with SIGKILL, as a crash or an out-of-memory kill would end it.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _logPath;

    private AppProcess(Process process, string baseUrl, string logPath)
    {
        _process = process;
        BaseUrl = baseUrl;
        _logPath = logPath;
    }

    public string BaseUrl { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>Starts the app and waits until its readiness check answers 200 (the database is reachable).</summary>
    public static async Task<AppProcess> StartAsync(AppFactory app, IReadOnlyDictionary<string, string>? settings = null)
    {
        var port = FreePort();
        var logPath = Path.Combine(Path.GetTempPath(), $"introprogram-app-{Guid.NewGuid():N}.log");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "IntroProgram.Web.dll"));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in app.TestConfiguration.Concat(settings ?? new Dictionary<string, string>()))
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = new Process { StartInfo = start };
        var log = new StreamWriter(logPath) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (log) { log.WriteLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (log) { log.WriteLine(e.Data); } } };
        process.Exited += (_, _) => { lock (log) { log.Flush(); } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var running = new AppProcess(process, $"http://127.0.0.1:{port}", logPath);
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(120);
        while (DateTime.UtcNow < until)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The app exited with {process.ExitCode} while starting:\n{running.Log()}");
            }
            try
            {
                if ((await probe.GetAsync(running.BaseUrl + "/health/ready")).StatusCode == HttpStatusCode.OK)
                {
                    return running;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Busy starting.
            }
            await Task.Delay(200);
        }
        await running.DisposeAsync();
        throw new TimeoutException($"The app was not ready within 120 s:\n{running.Log()}");
    }

    /// <summary>A browser-like client of this process: cookies kept, redirects not followed.</summary>
    public TestClient CreateTestClient() =>
        new(new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() })
        {
            BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromMinutes(5),
        });

    /// <summary>
    /// SIGKILL, no shutdown of any kind. Its child processes (the PDF renderer's Chromium and driver) lose their parent
    /// as they would in a crash; those still alive a few seconds later are killed too, so nothing outlives the test.
    /// </summary>
    public async Task KillAsync()
    {
        var children = Descendants(_process.Id);
        _process.Kill(entireProcessTree: false);
        await _process.WaitForExitAsync();
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (DateTime.UtcNow < until && children.Any(IsAlive))
        {
            await Task.Delay(100);
        }
        foreach (var pid in children.Where(IsAlive))
        {
            try { Process.GetProcessById(pid).Kill(); } catch (ArgumentException) { } catch (InvalidOperationException) { }
        }
    }

    /// <summary>What the app wrote to its console, for a failure message (the app logs no personal data).</summary>
    public string Log()
    {
        try
        {
            using var stream = new FileStream(_logPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            var text = new StreamReader(stream).ReadToEnd();
            return text.Length > 8000 ? text[^8000..] : text;
        }
        catch (IOException)
        {
            return "";
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await KillAsync();
        }
        _process.Dispose();
        try { File.Delete(_logPath); } catch (IOException) { }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static bool IsAlive(int pid) => Directory.Exists($"/proc/{pid}");

    /// <summary>Every process below <paramref name="pid"/>, read from /proc.</summary>
    private static List<int> Descendants(int pid)
    {
        var found = new List<int>();
        var queue = new Queue<int>([pid]);
        while (queue.TryDequeue(out var parent))
        {
            foreach (var task in Directory.Exists($"/proc/{parent}/task") ? Directory.GetDirectories($"/proc/{parent}/task") : [])
            {
                string children;
                try { children = File.ReadAllText(Path.Combine(task, "children")); } catch (IOException) { continue; }
                foreach (var child in children.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse))
                {
                    found.Add(child);
                    queue.Enqueue(child);
                }
            }
        }
        return found;
    }
}
