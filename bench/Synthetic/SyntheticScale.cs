using System.Globalization;

namespace IntroProgram.Bench.Synthetic;

/// <summary>
/// How much synthetic data to generate: from one municipality up to national size. Municipality sizes follow a
/// long-tailed (Zipf) curve, as in Norway, where a few cities settle many refugees and most municipalities a few: at
/// national scale the largest has about 5,800 participants and the smallest about 90.
/// </summary>
public sealed record SyntheticScale(string Name, int Municipalities, int Participants)
{
    public static readonly SyntheticScale One = new("one", 1, 1_000);
    public static readonly SyntheticScale County = new("county", 40, 10_000);
    public static readonly SyntheticScale Region = new("region", 200, 50_000);
    public static readonly SyntheticScale National = new("national", 400, 100_000);

    public static readonly IReadOnlyList<SyntheticScale> Named = [One, County, Region, National];

    /// <summary>A named scale, or "PARTICIPANTSxMUNICIPALITIES" (e.g. 20000x80).</summary>
    public static bool TryParse(string? text, out SyntheticScale scale)
    {
        scale = National;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }
        if (Named.FirstOrDefault(s => s.Name.Equals(text, StringComparison.OrdinalIgnoreCase)) is { } named)
        {
            scale = named;
            return true;
        }
        var parts = text.Split('x');
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var participants)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var municipalities)
            && municipalities is >= 1 and <= 999 && participants >= municipalities && participants <= 2_000_000)
        {
            scale = new SyntheticScale(text, municipalities, participants);
            return true;
        }
        return false;
    }

    /// <summary>
    /// Participants per municipality, largest first: weight 1/rank^0.7, every municipality at least one, and the sum
    /// exactly <see cref="Participants"/>.
    /// </summary>
    public int[] Sizes()
    {
        var weights = Enumerable.Range(1, Municipalities).Select(rank => Math.Pow(rank, -0.7)).ToArray();
        var spare = Participants - Municipalities;
        var sum = weights.Sum();
        var sizes = weights.Select(w => 1 + (int)Math.Floor(spare * w / sum)).ToArray();
        // What the rounding left over goes to the largest, one each, from the top.
        var left = Participants - sizes.Sum();
        for (var i = 0; left > 0; i = (i + 1) % sizes.Length, left--)
        {
            sizes[i]++;
        }
        return sizes;
    }
}
