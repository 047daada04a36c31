namespace IntroProgram.Domain.Programme;

/// <summary>The rule sets shipped with the product. Figures a legal owner has not confirmed are marked as such.</summary>
public static class StandardRuleSets
{
    /// <summary>
    /// The Introduction Act regime (introduksjonsloven, LOV-2003-07-04-80) with the numbers in DESIGN.md §2.
    /// It governs permits granted before 1 January 2021; there is no lower bound because it is the first regime
    /// the product knows.
    /// </summary>
    public static RuleSet IntroductionAct2003 { get; } = new()
    {
        Id = "introduksjonsloven-2003",
        DisplayName = "Introduksjonsloven (2003)",
        PermitDatesFrom = null,
        PermitDatesTo = new DateOnly(2020, 12, 31),
        MinimumAge = 18,
        MaximumAge = 55,
        StartDeadlineMonths = 3,
        NormalDurationMonths = 24,
        MaximumDurationMonths = 36,
        NorwegianHoursRequired = 550m,
        SocialStudiesHoursRequired = 50m,
        MaximumExtraNorwegianHours = 2400m,
        FullTimeHoursPerWeek = 37.5m,
        HolidayWeeksPerYear = 5,
        BenefitHoursPerYear = 1850m,
        BenefitBaseAmountMultiplier = 2m,
        ReducedBenefitAgeLimit = 25,
        ReducedBenefitFactor = new Fraction(2, 3),
        UnexcusedAbsenceThreshold = 0.10m,
        EvidenceDeadlineMonths = 36,
    };

    /// <summary>
    /// The Integration Act regime (integreringsloven, LOV-2020-11-06-127), for permits granted from 1 January 2021.
    /// Social studies rose from 50 to 75 hours. The act replaced the Norwegian hour requirement with a minimum
    /// level, which this hour-based model cannot express yet; until a legal owner confirms the figures, the
    /// remaining numbers mirror the 2003 regime. (People with an older permit who arrived after 1 January 2021 are
    /// also under the new act; a permit date alone cannot tell, so a caseworker must pick the rule set by id.)
    /// </summary>
    public static RuleSet IntegrationAct2021 { get; } = IntroductionAct2003 with
    {
        Id = "integreringsloven-2021",
        DisplayName = "Integreringsloven (2021)",
        PermitDatesFrom = new DateOnly(2021, 1, 1),
        PermitDatesTo = null,
        SocialStudiesHoursRequired = 75m,
    };

    /// <summary>
    /// A proposal to raise the upper age limit to 60. Not enacted, so it is never chosen by permit date; it exists
    /// for what-if simulations and to prove that such a change is data.
    /// </summary>
    public static RuleSet UpperAge60Proposal { get; } = IntegrationAct2021 with
    {
        Id = "forslag-aldersgrense-60",
        DisplayName = "Forslag: øvre aldersgrense 60 år",
        PermitDatesFrom = null,
        PermitDatesTo = null,
        IsEnacted = false,
        MaximumAge = 60,
    };
}
