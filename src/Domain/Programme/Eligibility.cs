namespace IntroProgram.Domain.Programme;

/// <summary>Whether a person may be registered in the programme, and whether their start is late.</summary>
public static class Eligibility
{
    /// <summary>
    /// Checks a registration. Age is measured in completed years at the permit date (see <see cref="ParticipantAge"/>
    /// for birthdays and 29 February). A late start is a flag, not an error: meeting the start deadline is the
    /// municipality's duty, not the participant's fault.
    /// </summary>
    /// <param name="programmeStart">Null while no start date has been set.</param>
    public static EligibilityResult Evaluate(
        DateOnly birthDate,
        DateOnly permitDate,
        DateOnly settlementDate,
        DateOnly? programmeStart,
        RuleSet ruleSet)
    {
        var errors = new List<string>();
        var age = ParticipantAge.YearsOn(birthDate, permitDate);

        if (age < ruleSet.MinimumAge)
        {
            errors.Add(ErrorCodes.ParticipantTooYoung);
        }

        if (age > ruleSet.MaximumAge)
        {
            errors.Add(ErrorCodes.ParticipantTooOld);
        }

        // Settlement in a municipality follows the permit; the reverse is a data-entry mistake.
        if (permitDate > settlementDate)
        {
            errors.Add(ErrorCodes.ParticipantPermitAfterSettlement);
        }

        if (programmeStart is { } start && start < settlementDate)
        {
            errors.Add(ErrorCodes.ParticipantStartBeforeSettlement);
        }

        var startDeadline = StartDeadline(settlementDate, ruleSet);
        return new EligibilityResult(
            errors.AsReadOnly(),
            age,
            startDeadline,
            IsLateStart: programmeStart is { } s && s > startDeadline);
    }

    /// <summary>
    /// The last day on which the programme can start without being late: settlement date plus the rule set's months.
    /// When that month is shorter, the deadline is its last day (30 November + 3 months = 28/29 February).
    /// </summary>
    public static DateOnly StartDeadline(DateOnly settlementDate, RuleSet ruleSet) =>
        settlementDate.AddMonths(ruleSet.StartDeadlineMonths);

    /// <summary>
    /// True when the start is late: the programme started after the deadline, or has not started and the deadline
    /// has passed. Used by the nightly risk evaluation, which must flag a missing start before it happens.
    /// </summary>
    public static bool IsStartLate(DateOnly settlementDate, DateOnly? programmeStart, DateOnly today, RuleSet ruleSet)
    {
        var deadline = StartDeadline(settlementDate, ruleSet);
        return programmeStart is { } start ? start > deadline : today > deadline;
    }
}

/// <param name="Errors">Codes from <see cref="ErrorCodes"/>; empty when the person may be registered.</param>
/// <param name="AgeAtPermitDate">Completed years at the permit date.</param>
/// <param name="StartDeadline">Last day for a timely programme start.</param>
/// <param name="IsLateStart">The programme start is after <paramref name="StartDeadline"/>.</param>
public sealed record EligibilityResult(
    IReadOnlyList<string> Errors,
    int AgeAtPermitDate,
    DateOnly StartDeadline,
    bool IsLateStart)
{
    public bool IsEligible => Errors.Count == 0;
}
