using IntroProgram.Domain.Programme;
using IntroProgram.Infrastructure.Time;
using Microsoft.Extensions.Configuration;

namespace IntroProgram.Web.Tests;

/// <summary>The app's clock can be set to a chosen instant for trials and tests, never in Production.</summary>
public sealed class AppClockTests
{
    private static IConfiguration Settings(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value))).Build();

    [Theory]
    [InlineData("2028-02-29T00:30", "2028-02-28T23:30:00Z")] // Oslo time when no offset is given
    [InlineData("2027-03-28T02:30", "2027-03-28T01:30:00Z")] // an hour that does not exist in Oslo: read as 03:30 CEST
    [InlineData("2027-01-01T00:30", "2026-12-31T23:30:00Z")]
    [InlineData("2027-06-05T12:00:00Z", "2027-06-05T12:00:00Z")]
    [InlineData("2027-06-05T12:00:00+02:00", "2027-06-05T10:00:00Z")]
    public void A_chosen_instant_is_read_as_Oslo_time_unless_it_has_an_offset(string chosen, string utc)
    {
        Assert.Equal(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture), AppClock.ParseInstant(chosen));
    }

    [Fact]
    public void A_set_clock_reads_the_chosen_instant_at_the_moment_it_was_set_and_runs_on_from_there()
    {
        var setAt = DateTimeOffset.UtcNow.AddMinutes(-5);
        var clock = AppClock.FromConfiguration(Settings((AppClock.Setting, "2027-12-31T23:59"),
            (AppClock.SetAtSetting, setAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture))), isProduction: false);

        var elapsed = clock.GetUtcNow() - new DateTimeOffset(2027, 12, 31, 22, 59, 0, TimeSpan.Zero);
        Assert.InRange(elapsed, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(6));
        Assert.Equal(new DateOnly(2028, 1, 1), clock.OsloToday()); // five minutes after 23:59 it is the new year in Oslo
        Assert.Equal(OsloTime.Zone, clock.LocalTimeZone);
    }

    [Fact]
    public void Without_a_chosen_instant_the_clock_is_the_systems()
    {
        Assert.Same(TimeProvider.System, AppClock.FromConfiguration(Settings(), isProduction: true));
    }

    [Fact]
    public void A_set_clock_is_refused_in_Production()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            AppClock.FromConfiguration(Settings((AppClock.Setting, "2028-02-29T00:30")), isProduction: true));
        Assert.Contains("App:Clock", error.Message, StringComparison.Ordinal);
    }
}
