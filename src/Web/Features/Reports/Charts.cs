using System.Globalization;

namespace IntroProgram.Web.Features.Reports;

/// <summary>One bar of a chart: its text, its count, and a stable key the data table carries for tests and tools.</summary>
/// <param name="Detail">Extra text for the table, e.g. "12 of 20" beside a share.</param>
public sealed record ChartItem(string Key, string Label, decimal Value, string? Detail = null);

/// <summary>
/// A horizontal bar chart laid out on the server as SVG (no script, no CDN; presentation attributes only, which the
/// strict content security policy allows). The same items fill the data table beside it, for screen readers and for
/// anyone who prefers numbers.
/// </summary>
public sealed class BarChart
{
    public const int Width = 640;
    public const int LabelWidth = 210;
    public const int RowHeight = 30;
    public const int BarHeight = 20;
    public const int ValueGap = 6;
    private const int ValueSpace = 60;

    public required string Id { get; init; }
    public required string Title { get; init; }
    public required string Description { get; init; }
    /// <summary>Header of the table's label column.</summary>
    public required string LabelHeader { get; init; }
    public required string ValueHeader { get; init; }
    /// <summary>Header of the detail column; the column is shown only when set.</summary>
    public string? DetailHeader { get; init; }
    /// <summary>Appended to each value in the chart ("%" for shares).</summary>
    public string Unit { get; init; } = "";
    public required IReadOnlyList<ChartItem> Items { get; init; }
    /// <summary>The table's last row, when the items add up to something meaningful.</summary>
    public decimal? Total { get; init; }
    public string? TotalLabel { get; init; }
    public string CssClass { get; init; } = "bar-primary";

    public int Height => Math.Max(1, Items.Count) * RowHeight + 10;

    private decimal Max => Items.Count == 0 ? 0 : Items.Max(i => i.Value);

    public double BarLength(ChartItem item) =>
        Max <= 0 ? 0 : Math.Round((double)(item.Value / Max) * (Width - LabelWidth - ValueSpace), 1);

    public static string Num(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}

/// <summary>A series of a month chart (starts, completions, other ends).</summary>
public sealed record MonthSeries(string Key, string Label, string CssClass, IReadOnlyList<int> Values);

/// <summary>Grouped columns per calendar month, several series side by side; scrolls sideways on a narrow screen.</summary>
public sealed class MonthChart
{
    public const int Height = 240;
    public const int Top = 16;
    public const int Bottom = 40;
    public const int Left = 40;
    public const int BarWidth = 10;
    public const int GroupGap = 14;

    public required string Id { get; init; }
    public required string Title { get; init; }
    public required string Description { get; init; }
    public required IReadOnlyList<string> MonthLabels { get; init; }
    public required IReadOnlyList<MonthSeries> Series { get; init; }

    public int GroupWidth => Series.Count * BarWidth + GroupGap;

    public int Width => Math.Max(320, Left + MonthLabels.Count * GroupWidth + 10);

    public int PlotHeight => Height - Top - Bottom;

    public int Max => Math.Max(1, Series.SelectMany(s => s.Values).DefaultIfEmpty(0).Max());

    /// <summary>Whole-number gridlines: about four steps up to the largest value.</summary>
    public IReadOnlyList<int> Gridlines
    {
        get
        {
            var step = Math.Max(1, (int)Math.Ceiling(Max / 4.0));
            return Enumerable.Range(0, Max / step + 1).Select(i => i * step).ToList();
        }
    }

    public double Y(int value) => Top + PlotHeight - (double)value / Math.Max(Max, Gridlines[^1]) * PlotHeight;

    public double X(int month, int series) => Left + month * GroupWidth + GroupGap / 2.0 + series * BarWidth;
}
