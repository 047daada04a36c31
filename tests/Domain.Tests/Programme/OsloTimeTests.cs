using System.Globalization;
using IntroProgram.Domain.Programme;

namespace IntroProgram.Domain.Tests.Programme;

public sealed class OsloTimeTests
{
    private sealed class At(DateTimeOffset instant) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => instant;
    }

    private static DateTimeOffset Utc(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture).ToUniversalTime();

    [Theory]
    [InlineData("2027-01-15T22:59:59Z", "2027-01-15")] // 23:59:59 CET
    [InlineData("2027-01-15T23:00:00Z", "2027-01-16")] // midnight CET, still the 15th in UTC
    [InlineData("2027-01-15T23:30:00Z", "2027-01-16")]
    [InlineData("2027-07-15T21:59:59Z", "2027-07-15")] // 23:59:59 CEST
    [InlineData("2027-07-15T22:00:00Z", "2027-07-16")] // midnight CEST, two hours before the UTC day
    [InlineData("2026-12-31T23:30:00Z", "2027-01-01")] // the new year comes to Oslo first
    [InlineData("2028-02-28T23:30:00Z", "2028-02-29")] // a leap day
    public void Today_is_the_Oslo_calendar_day_whatever_the_UTC_date(string utc, string osloDay)
    {
        Assert.Equal(TestDates.D(osloDay), new At(Utc(utc)).OsloToday());
    }

    [Theory]
    [InlineData("2027-01-16", "2027-01-15T23:00:00Z")]
    [InlineData("2027-07-16", "2027-07-15T22:00:00Z")]
    [InlineData("2027-03-28", "2027-03-27T23:00:00Z")] // the night summer time begins: midnight is still CET
    [InlineData("2027-03-29", "2027-03-28T22:00:00Z")]
    [InlineData("2027-10-31", "2027-10-30T22:00:00Z")] // the night it ends: midnight is still CEST
    public void A_day_starts_at_Oslo_midnight(string day, string utc)
    {
        Assert.Equal(Utc(utc), OsloTime.StartOfDay(TestDates.D(day)));
    }

    [Theory]
    [InlineData("2027-03-28T01:59", "2027-03-28T00:59:00Z")]
    [InlineData("2027-03-28T02:30", "2027-03-28T01:30:00Z")] // does not exist: read as 03:30 CEST, as clocks jump
    [InlineData("2027-03-28T03:00", "2027-03-28T01:00:00Z")]
    [InlineData("2027-10-31T02:30", "2027-10-31T00:30:00Z")] // happens twice: the first, summer-time one
    [InlineData("2027-12-31T23:59", "2027-12-31T22:59:00Z")]
    public void Oslo_wall_clock_times_become_instants(string local, string utc)
    {
        var time = DateTime.ParseExact(local, "yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);
        Assert.Equal(Utc(utc), OsloTime.FromLocal(time));
    }

    [Fact]
    public void Moments_are_shown_in_Oslo_time()
    {
        Assert.Equal(new DateTime(2027, 7, 16, 0, 30, 0), OsloTime.ToOslo(Utc("2027-07-15T22:30:00Z")).DateTime);
        Assert.Equal(TestDates.D("2027-07-16"), OsloTime.DateOf(Utc("2027-07-15T22:30:00Z")));
    }
}
