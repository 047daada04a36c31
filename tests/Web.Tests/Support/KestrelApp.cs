namespace IntroProgram.Web.Tests.Support;

/// <summary>
/// The built app on real Kestrel (<see cref="AppProcess"/>), started on first use and stopped when the test class is
/// done. For checks the in-process test server cannot make: it writes any response header, where Kestrel refuses a
/// header with characters outside ASCII or control characters by throwing (a 500), and it parses no raw request line.
/// </summary>
public sealed class KestrelApp : IAsyncLifetime
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private AppProcess? _process;

    /// <summary>Generous limits: the matrices send thousands of requests from one address.</summary>
    private static readonly IReadOnlyDictionary<string, string> Settings = new Dictionary<string, string>(TestClock.AppSettings)
    {
        ["Security:VerificationRequestsPerMinute"] = "100000",
    };

    public async Task<AppProcess> StartAsync(AppFactory app)
    {
        await _gate.WaitAsync();
        try
        {
            return _process ??= await AppProcess.StartAsync(app, Settings);
        }
        finally
        {
            _gate.Release();
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }
    }
}
