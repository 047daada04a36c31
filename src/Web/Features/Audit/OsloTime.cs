namespace IntroProgram.Web.Features.Audit;

/// <summary>
/// Instants are stored in UTC and shown in Norwegian local time: every municipality is in Norway, whatever time zone
/// the server runs in.
/// </summary>
public static class OsloTime
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Oslo");

    public static DateTimeOffset ToOslo(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    /// <summary>The first instant of a Norwegian calendar day.</summary>
    public static DateTimeOffset StartOfDay(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local)).ToUniversalTime();
    }
}
