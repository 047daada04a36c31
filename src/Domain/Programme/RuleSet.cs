namespace IntroProgram.Domain.Programme;

/// <summary>
/// One version of the programme rules, as data. A change in the law is a new <see cref="RuleSet"/> in the
/// <see cref="RuleSetCatalog"/>, never a code change; each participant is tied to the rule set in force for their
/// permit date. Durations are in whole months because the law counts them that way ("two years", "three months").
/// </summary>
public sealed record RuleSet
{
    /// <summary>Stable key stored with each participant, e.g. "introduksjonsloven-2003". Never reuse or rename one.</summary>
    public required string Id { get; init; }

    public required string DisplayName { get; init; }

    /// <summary>First permit date covered (inclusive); null means no lower bound.</summary>
    public DateOnly? PermitDatesFrom { get; init; }

    /// <summary>Last permit date covered (inclusive); null means still in force.</summary>
    public DateOnly? PermitDatesTo { get; init; }

    /// <summary>
    /// False for proposals and what-if variants: they can be looked up by id (for simulations), but the catalog
    /// never assigns them to a participant by permit date.
    /// </summary>
    public bool IsEnacted { get; init; } = true;

    /// <summary>Youngest eligible age in whole years at the permit date (inclusive).</summary>
    public required int MinimumAge { get; init; }

    /// <summary>Oldest eligible age in whole years at the permit date (inclusive).</summary>
    public required int MaximumAge { get; init; }

    /// <summary>The programme should start within this many months of settlement; later starts are flagged.</summary>
    public required int StartDeadlineMonths { get; init; }

    public required int NormalDurationMonths { get; init; }

    /// <summary>Total duration including any extension a caseworker may decide.</summary>
    public required int MaximumDurationMonths { get; init; }

    public required decimal NorwegianHoursRequired { get; init; }

    public required decimal SocialStudiesHoursRequired { get; init; }

    /// <summary>Ceiling on extra Norwegian tuition beyond the required hours; the actual grant is a decision.</summary>
    public required decimal MaximumExtraNorwegianHours { get; init; }

    public required decimal FullTimeHoursPerWeek { get; init; }

    public required int HolidayWeeksPerYear { get; init; }

    /// <summary>The yearly benefit divided by this gives the hourly rate used for absence deductions.</summary>
    public required decimal BenefitHoursPerYear { get; init; }

    /// <summary>The yearly benefit in multiples of the base amount G.</summary>
    public required decimal BenefitBaseAmountMultiplier { get; init; }

    /// <summary>Participants younger than this (in whole years) get the reduced benefit.</summary>
    public required int ReducedBenefitAgeLimit { get; init; }

    public required Fraction ReducedBenefitFactor { get; init; }

    /// <summary>Unexcused absence as a share of scheduled hours above which the participant is flagged (0.10 = 10 %).</summary>
    public required decimal UnexcusedAbsenceThreshold { get; init; }

    /// <summary>The required hours must be completed within this many months of programme start (moved by leave).</summary>
    public required int EvidenceDeadlineMonths { get; init; }

    /// <summary>True when this enacted rule set governs a participant whose permit was granted on <paramref name="permitDate"/>.</summary>
    public bool AppliesToPermitDate(DateOnly permitDate) =>
        IsEnacted
        && (PermitDatesFrom is null || permitDate >= PermitDatesFrom.Value)
        && (PermitDatesTo is null || permitDate <= PermitDatesTo.Value);
}
