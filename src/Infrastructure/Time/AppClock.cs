using System.Globalization;
using IntroProgram.Domain.Programme;
using Microsoft.Extensions.Configuration;

namespace IntroProgram.Infrastructure.Time;

/// <summary>
/// The app's one clock. Normally the system clock; outside Production it can be set to a chosen instant
/// (<c>App:Clock</c>), from which it runs on at real speed, so that the whole app, the demo seed and the test suite can
/// be tried on any date and at any hour. <c>App:ClockSetAt</c> is the real instant at which the chosen one holds, so
/// that several processes (the test suite and the apps it starts) agree to the second; without it, the process start.
/// </summary>
public static class AppClock
{
    public const string Setting = "App:Clock";
    public const string SetAtSetting = "App:ClockSetAt";

    private static readonly DateTimeOffset ProcessStart = DateTimeOffset.UtcNow;

    public static TimeProvider FromConfiguration(IConfiguration configuration, bool isProduction)
    {
        var chosen = configuration[Setting];
        if (string.IsNullOrWhiteSpace(chosen))
        {
            return TimeProvider.System;
        }
        if (isProduction)
        {
            throw new InvalidOperationException($"{Setting} sets the clock for trials and tests; it must not be set in Production.");
        }
        return Set(chosen, configuration[SetAtSetting]);
    }

    /// <summary>A clock that reads <paramref name="chosen"/> at <paramref name="setAt"/> (default: this process's start).</summary>
    public static TimeProvider Set(string chosen, string? setAt = null)
    {
        var anchor = string.IsNullOrWhiteSpace(setAt)
            ? ProcessStart
            : DateTimeOffset.Parse(setAt, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        return new SetClock(ParseInstant(chosen), anchor, TimeProvider.System);
    }

    /// <summary>
    /// An instant as ISO 8601: with an offset or Z it is that instant; without one it is Oslo wall-clock time
    /// ("2027-03-28T02:30" is read as 03:30 summer time, the hour 02:00–03:00 not existing that night).
    /// </summary>
    public static DateTimeOffset ParseInstant(string text)
    {
        text = text.Trim();
        var hasOffset = text.EndsWith('Z') || text.EndsWith('z') || System.Text.RegularExpressions.Regex.IsMatch(text, @"T.*[+-]\d{2}:?\d{2}$");
        if (hasOffset)
        {
            return DateTimeOffset.Parse(text, CultureInfo.InvariantCulture).ToUniversalTime();
        }
        var local = DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.None);
        return OsloTime.FromLocal(local);
    }

    /// <summary>Runs at real speed from the chosen instant; the local zone is Oslo's.</summary>
    private sealed class SetClock(DateTimeOffset chosen, DateTimeOffset anchor, TimeProvider real) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => chosen + (real.GetUtcNow() - anchor);

        public override TimeZoneInfo LocalTimeZone => OsloTime.Zone;
    }
}
