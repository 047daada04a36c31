namespace IntroProgram.Domain.Programme;

/// <summary>Live ledger hours per category (voided entries excluded).</summary>
public sealed record HourTotals(
    decimal Norwegian,
    decimal SocialStudies,
    decimal CareerGuidance,
    decimal WorkOriented,
    decimal EducationOriented,
    decimal ExtraNorwegian)
{
    public static HourTotals Zero { get; } = new(0m, 0m, 0m, 0m, 0m, 0m);

    public decimal Total => Norwegian + SocialStudies + CareerGuidance + WorkOriented + EducationOriented + ExtraNorwegian;

    public decimal For(HourCategory category) => category switch
    {
        HourCategory.Norwegian => Norwegian,
        HourCategory.SocialStudies => SocialStudies,
        HourCategory.CareerGuidance => CareerGuidance,
        HourCategory.WorkOriented => WorkOriented,
        HourCategory.EducationOriented => EducationOriented,
        HourCategory.ExtraNorwegian => ExtraNorwegian,
        _ => throw new ArgumentOutOfRangeException(nameof(category), category, "Unknown hour category."),
    };

    /// <summary>These totals with <paramref name="hours"/> more in <paramref name="category"/>.</summary>
    public HourTotals Add(HourCategory category, decimal hours) => category switch
    {
        HourCategory.Norwegian => this with { Norwegian = Norwegian + hours },
        HourCategory.SocialStudies => this with { SocialStudies = SocialStudies + hours },
        HourCategory.CareerGuidance => this with { CareerGuidance = CareerGuidance + hours },
        HourCategory.WorkOriented => this with { WorkOriented = WorkOriented + hours },
        HourCategory.EducationOriented => this with { EducationOriented = EducationOriented + hours },
        HourCategory.ExtraNorwegian => this with { ExtraNorwegian = ExtraNorwegian + hours },
        _ => throw new ArgumentOutOfRangeException(nameof(category), category, "Unknown hour category."),
    };

    /// <summary>Totals from per-category sums, e.g. the result of a GROUP BY category query; missing categories are 0.</summary>
    public static HourTotals FromCategorySums(IEnumerable<KeyValuePair<HourCategory, decimal>> sums) =>
        sums.Aggregate(Zero, (totals, sum) => totals.Add(sum.Key, sum.Value));
}
