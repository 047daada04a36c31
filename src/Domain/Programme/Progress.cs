namespace IntroProgram.Domain.Programme;

/// <summary>
/// A participant's progress towards the requirements, as shown to staff and to the participant. Built from totals
/// the caller keeps up to date, so reading progress never scans the ledger.
/// </summary>
public sealed class Progress
{
    private Progress()
    {
    }

    public decimal NorwegianHours { get; private init; }

    public decimal NorwegianHoursRequired { get; private init; }

    public decimal SocialStudiesHours { get; private init; }

    public decimal SocialStudiesHoursRequired { get; private init; }

    public decimal ExtraNorwegianHoursUsed { get; private init; }

    public decimal ExtraNorwegianHoursGranted { get; private init; }

    /// <summary>Granted extra hours not yet used; never negative.</summary>
    public decimal ExtraNorwegianHoursLeft => Math.Max(0m, ExtraNorwegianHoursGranted - ExtraNorwegianHoursUsed);

    public decimal CareerGuidanceHours { get; private init; }

    public decimal WorkOrientedHours { get; private init; }

    public decimal EducationOrientedHours { get; private init; }

    public decimal TotalHours { get; private init; }

    public decimal NorwegianHoursMissing => Math.Max(0m, NorwegianHoursRequired - NorwegianHours);

    public decimal SocialStudiesHoursMissing => Math.Max(0m, SocialStudiesHoursRequired - SocialStudiesHours);

    public bool NorwegianRequirementMet => NorwegianHours >= NorwegianHoursRequired;

    public bool SocialStudiesRequirementMet => SocialStudiesHours >= SocialStudiesHoursRequired;

    /// <summary>
    /// Both hour requirements are met by the totals given. For the evidence certificate, pass totals of entries dated
    /// on or before the evidence deadline: hours after it do not count.
    /// </summary>
    public bool RequirementsMet => NorwegianRequirementMet && SocialStudiesRequirementMet;

    public decimal ScheduledHours { get; private init; }

    public decimal UnexcusedAbsenceHours { get; private init; }

    public decimal ExcusedAbsenceHours { get; private init; }

    /// <summary>Unexcused absence as a share of scheduled hours (0.125 = 12.5 %); 0 when nothing was scheduled.</summary>
    public decimal UnexcusedAbsenceRate { get; private init; }

    public decimal UnexcusedAbsenceThreshold { get; private init; }

    /// <summary>Unexcused absence is above the rule set's threshold; exactly at the threshold is not.</summary>
    public bool AbsenceAboveThreshold => UnexcusedAbsenceRate > UnexcusedAbsenceThreshold;

    public DateOnly EvidenceDeadline { get; private init; }

    /// <summary>0 on the deadline itself, negative once it has passed.</summary>
    public int DaysToEvidenceDeadline { get; private init; }

    public bool IsEvidenceDeadlinePassed => DaysToEvidenceDeadline < 0;

    public static Progress Calculate(
        HourTotals hours,
        AbsenceTotals absence,
        decimal extraNorwegianHoursGranted,
        RuleSet ruleSet,
        ProgrammeDeadlines deadlines,
        DateOnly today) => new()
    {
        NorwegianHours = hours.Norwegian,
        NorwegianHoursRequired = ruleSet.NorwegianHoursRequired,
        SocialStudiesHours = hours.SocialStudies,
        SocialStudiesHoursRequired = ruleSet.SocialStudiesHoursRequired,
        ExtraNorwegianHoursUsed = hours.ExtraNorwegian,
        ExtraNorwegianHoursGranted = extraNorwegianHoursGranted,
        CareerGuidanceHours = hours.CareerGuidance,
        WorkOrientedHours = hours.WorkOriented,
        EducationOrientedHours = hours.EducationOriented,
        TotalHours = hours.Total,
        ScheduledHours = absence.ScheduledHours,
        UnexcusedAbsenceHours = absence.UnexcusedHours,
        ExcusedAbsenceHours = absence.ExcusedHours,
        UnexcusedAbsenceRate = absence.ScheduledHours > 0m ? absence.UnexcusedHours / absence.ScheduledHours : 0m,
        UnexcusedAbsenceThreshold = ruleSet.UnexcusedAbsenceThreshold,
        EvidenceDeadline = deadlines.EvidenceDeadline,
        DaysToEvidenceDeadline = deadlines.DaysUntilEvidenceDeadline(today),
    };
}
