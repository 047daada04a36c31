using System.Globalization;
using IntroProgram.Domain.Participants;
using IntroProgram.Domain.Programme;
using IntroProgram.Infrastructure.Participants;

namespace IntroProgram.Web.Features.Participants;

/// <summary>Everything the participant page shows, read from the maintained totals and weekly sums.</summary>
public sealed class ParticipantPage
{
    public const int TimelinePageSize = 20;

    public required ParticipantProgress Data { get; init; }
    public required DateOnly Today { get; init; }
    public PaceProjection? NorwegianPace { get; init; }
    public PaceProjection? SocialStudiesPace { get; init; }
    public required WeeklyChart Chart { get; init; }
    /// <summary>Started after the start deadline, or not started and the deadline has passed.</summary>
    public bool StartIsLate { get; init; }

    public IReadOnlyList<TimelineItem> Timeline { get; init; } = [];
    public bool TimelineHasMore { get; init; }
    public int TimelinePage { get; init; } = 1;

    /// <summary>Display names of the caseworkers behind the decisions and the staff who recorded tests.</summary>
    public IReadOnlyDictionary<Guid, string> StaffNames { get; init; } = new Dictionary<Guid, string>();

    /// <summary>The status changes a coordinator may make here (start, leave started, back from leave).</summary>
    public IReadOnlyList<ParticipantStatus> StatusChanges { get; init; } = [];
    public bool CanCoordinate { get; init; }
    public bool CanDecide { get; init; }

    public Participant Participant => Data.Participant;

    /// <summary>Status changes outside a decision: the ones the registry's ChangeStatusAsync accepts.</summary>
    public static IReadOnlyList<ParticipantStatus> CoordinatorStatusChanges(ParticipantStatus from) =>
        from == ParticipantStatus.Stopped
            ? []
            : new[] { ParticipantStatus.Active, ParticipantStatus.OnLeave }.Where(to => ParticipantStatusRules.CanChange(from, to)).ToList();
}

/// <summary>The geometry of the weekly-hours bar chart, computed here so the view only prints numbers.</summary>
public sealed class WeeklyChart
{
    public const int BarWidth = 16;
    public const int BarGap = 8;
    public const int PlotHeight = 180;
    public const int LeftMargin = 44;
    public const int TopMargin = 12;
    public const int BottomMargin = 28;

    private WeeklyChart()
    {
    }

    public IReadOnlyList<WeekBar> Bars { get; private init; } = [];
    public IReadOnlyList<decimal> Ticks { get; private init; } = [];
    public decimal Max { get; private init; }
    public int Width => LeftMargin + (Bars.Count * (BarWidth + BarGap)) + BarGap;
    public int Height => TopMargin + PlotHeight + BottomMargin;
    public int Baseline => TopMargin + PlotHeight;

    public static WeeklyChart From(IReadOnlyList<ParticipantWeek> weeks)
    {
        var highest = weeks.Count == 0 ? 0m : weeks.Max(w => w.TotalHours);
        decimal[] steps = [1m, 2m, 5m, 10m, 20m, 25m, 50m, 100m];
        var step = steps.FirstOrDefault(s => Math.Ceiling(highest / s) <= 5m, 100m);
        var max = Math.Max(step, Math.Ceiling(highest / step) * step);
        var ticks = Enumerable.Range(0, (int)(max / step) + 1).Select(i => i * step).ToList();

        var bars = weeks.Select((w, i) =>
        {
            var x = LeftMargin + BarGap + (i * (BarWidth + BarGap));
            var norwegian = Segment(w.NorwegianHours, max);
            var social = Segment(w.SocialStudiesHours, max);
            var other = Segment(w.OtherHours, max);
            var top = TopMargin + PlotHeight;
            return new WeekBar(w.WeekStart, ISOWeek.GetWeekOfYear(w.WeekStart.ToDateTime(TimeOnly.MinValue)), x,
                w.NorwegianHours, w.SocialStudiesHours, w.OtherHours,
                new BarSegment(top - norwegian, norwegian),
                new BarSegment(top - norwegian - social, social),
                new BarSegment(top - norwegian - social - other, other));
        }).ToList();
        return new WeeklyChart { Bars = bars, Ticks = ticks, Max = max };
    }

    public double YOf(decimal hours) => TopMargin + PlotHeight - (double)(hours / Max * PlotHeight);

    private static double Segment(decimal hours, decimal max) => max <= 0m ? 0 : (double)(hours / max * PlotHeight);

    /// <summary>SVG wants dots as decimal separators whatever the user's language.</summary>
    public static string Svg(double value) => Math.Round(value, 2).ToString(CultureInfo.InvariantCulture);
}

public sealed record BarSegment(double Y, double Height);

public sealed record WeekBar(
    DateOnly WeekStart, int IsoWeek, int X, decimal Norwegian, decimal SocialStudies, decimal Other,
    BarSegment NorwegianBar, BarSegment SocialStudiesBar, BarSegment OtherBar)
{
    public decimal Total => Norwegian + SocialStudies + Other;
}
