namespace IntroProgram.Domain.Programme;

/// <summary>An approved leave (permisjon) or other period, first and last day inclusive.</summary>
public sealed record LeavePeriod
{
    /// <exception cref="ArgumentException"><paramref name="end"/> is before <paramref name="start"/>; check user input with <see cref="Validate"/> first.</exception>
    public LeavePeriod(DateOnly start, DateOnly end)
    {
        if (end < start)
        {
            throw new ArgumentException("A leave period cannot end before it starts.", nameof(end));
        }

        Start = start;
        End = end;
    }

    public DateOnly Start { get; }

    public DateOnly End { get; }

    /// <summary>Calendar days in the period, both ends included.</summary>
    public int Days => End.DayNumber - Start.DayNumber + 1;

    public bool Contains(DateOnly date) => date >= Start && date <= End;

    public static ValidationOutcome Validate(DateOnly start, DateOnly end) =>
        end < start ? new ValidationOutcome([ErrorCodes.LeaveEndBeforeStart]) : ValidationOutcome.Valid;

    /// <summary>
    /// Merges overlapping and adjacent periods into disjoint ones, in date order, so that every calendar day is
    /// counted once however the decisions overlap.
    /// </summary>
    public static IReadOnlyList<LeavePeriod> Merge(IEnumerable<LeavePeriod> periods)
    {
        var merged = new List<LeavePeriod>();
        foreach (var period in periods.OrderBy(p => p.Start))
        {
            if (merged.Count > 0 && period.Start.DayNumber <= merged[^1].End.DayNumber + 1)
            {
                if (period.End > merged[^1].End)
                {
                    merged[^1] = new LeavePeriod(merged[^1].Start, period.End);
                }
            }
            else
            {
                merged.Add(period);
            }
        }

        return merged.AsReadOnly();
    }
}
