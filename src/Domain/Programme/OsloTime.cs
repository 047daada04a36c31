namespace IntroProgram.Domain.Programme;

/// <summary>
/// Every municipality is in Norway: "today" is the Oslo calendar day and moments are shown in Oslo time, whatever time
/// zone the server runs in (containers run in UTC, where the Oslo day begins an hour or two before the UTC day).
/// The one definition of the zone: everything that asks for today or shows a moment goes through here.
/// </summary>
public static class OsloTime
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Oslo");

    /// <summary>The Oslo calendar day at the clock's current instant.</summary>
    public static DateOnly OsloToday(this TimeProvider clock) => DateOf(clock.GetUtcNow());

    /// <summary>The Oslo wall-clock time at the clock's current instant.</summary>
    public static DateTimeOffset OsloNow(this TimeProvider clock) => ToOslo(clock.GetUtcNow());

    public static DateTimeOffset ToOslo(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    /// <summary>The Oslo calendar day an instant falls on.</summary>
    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(ToOslo(instant).DateTime);

    /// <summary>The first instant of an Oslo calendar day (Norway never changes its clocks at midnight).</summary>
    public static DateTimeOffset StartOfDay(DateOnly day) => FromLocal(day.ToDateTime(TimeOnly.MinValue));

    /// <summary>
    /// The instant of an Oslo wall-clock time. A time in the hour skipped when summer time begins (02:00–03:00 on the
    /// last Sunday of March) is read as the same number of minutes after the jump, as clocks do; a time in the hour
    /// repeated when it ends is read as the first (summer-time) one.
    /// </summary>
    public static DateTimeOffset FromLocal(DateTime local)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (Zone.IsInvalidTime(local))
        {
            local = local.AddHours(1);
        }
        var offset = Zone.IsAmbiguousTime(local) ? Zone.GetAmbiguousTimeOffsets(local).Max() : Zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }
}
