namespace IntroProgram.Seeds;

/// <summary>
/// Days the adult-education school and the programme are closed: weekends, Norwegian public holidays, five weeks of
/// summer holiday and the Christmas break. Demo hours are only logged on the other days.
/// </summary>
public sealed class SchoolCalendar
{
    private readonly Dictionary<int, HashSet<DateOnly>> _closedByYear = [];

    public bool IsOpen(DateOnly date) =>
        date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !ClosedDays(date.Year).Contains(date);

    /// <summary>The first open day on or after <paramref name="date"/>.</summary>
    public DateOnly NextOpen(DateOnly date)
    {
        while (!IsOpen(date))
        {
            date = date.AddDays(1);
        }
        return date;
    }

    /// <summary>The last open day on or before <paramref name="date"/>.</summary>
    public DateOnly PreviousOpen(DateOnly date)
    {
        while (!IsOpen(date))
        {
            date = date.AddDays(-1);
        }
        return date;
    }

    private HashSet<DateOnly> ClosedDays(int year)
    {
        if (_closedByYear.TryGetValue(year, out var closed))
        {
            return closed;
        }
        var easter = EasterSunday(year);
        closed =
        [
            new DateOnly(year, 1, 1),
            easter.AddDays(-3), easter.AddDays(-2), easter.AddDays(1), // Maundy Thursday, Good Friday, Easter Monday
            new DateOnly(year, 5, 1),
            new DateOnly(year, 5, 17),
            easter.AddDays(39), // Ascension Day
            easter.AddDays(50), // Whit Monday
        ];
        for (var d = new DateOnly(year, 7, 1); d <= new DateOnly(year, 8, 4); d = d.AddDays(1))
        {
            closed.Add(d);
        }
        for (var d = new DateOnly(year, 12, 22); d <= new DateOnly(year, 12, 31); d = d.AddDays(1))
        {
            closed.Add(d);
        }
        closed.Add(new DateOnly(year, 1, 2));
        _closedByYear[year] = closed;
        return closed;
    }

    /// <summary>Easter Sunday in the Gregorian calendar (the anonymous Gregorian algorithm).</summary>
    public static DateOnly EasterSunday(int year)
    {
        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = ((19 * a) + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        var m = (a + (11 * h) + (22 * l)) / 451;
        var month = (h + l - (7 * m) + 114) / 31;
        var day = ((h + l - (7 * m) + 114) % 31) + 1;
        return new DateOnly(year, month, day);
    }
}
