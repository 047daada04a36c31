using System.Globalization;
using IntroProgram.Domain.Programme;
using IntroProgram.Infrastructure.Time;

namespace IntroProgram.Web.Tests.Support;

/// <summary>
/// The clock the app under test runs on, for the tests' own "now" and "today". Normally the system clock; when the
/// suite is run with the clock set (<c>INTROPROGRAM_CLOCK=… ./build.sh test</c>, which exports <c>App__Clock</c> and
/// <c>App__ClockSetAt</c>), the same set clock as every app the tests start, in process or as a process of its own.
/// </summary>
public static class TestClock
{
    private static readonly string? Chosen = Environment.GetEnvironmentVariable("App__Clock") is { Length: > 0 } c ? c : null;

    /// <summary>The real instant at which the chosen one holds; fixed once for this process if the script did not.</summary>
    private static readonly string SetAt = Environment.GetEnvironmentVariable("App__ClockSetAt") is { Length: > 0 } s
        ? s : DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);

    public static TimeProvider Clock { get; } = Chosen is null ? TimeProvider.System : AppClock.Set(Chosen, SetAt);

    public static DateTimeOffset Now => Clock.GetUtcNow();

    /// <summary>The Oslo calendar day, as the app reads it.</summary>
    public static DateOnly Today => Clock.OsloToday();

    /// <summary>The settings that give an app the same clock as the tests (none when the clock is not set).</summary>
    public static IReadOnlyDictionary<string, string> AppSettings => Chosen is null
        ? new Dictionary<string, string>()
        : new Dictionary<string, string> { [AppClock.Setting] = Chosen, [AppClock.SetAtSetting] = SetAt };
}
