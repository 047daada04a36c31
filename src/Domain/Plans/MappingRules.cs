using IntroProgram.Domain.Participants;

namespace IntroProgram.Domain.Plans;

/// <summary>
/// The competence mapping is done before the programme starts, because the plan is built on it. A programme that
/// runs without a completed mapping is flagged until the mapping is completed.
/// </summary>
public static class MappingRules
{
    /// <summary>The risk flag's stable rule key.</summary>
    public const string MissingRule = "mapping.missing";

    public const RiskSeverity MissingSeverity = RiskSeverity.Warning;

    /// <summary>
    /// True while the programme runs (active or on leave) and the current mapping is missing or still a draft.
    /// <paramref name="mappingCompletedOn"/> is the completion date of the participant's current mapping version.
    /// </summary>
    public static bool IsMissingAtStart(ParticipantStatus status, DateOnly? mappingCompletedOn) =>
        status is ParticipantStatus.Active or ParticipantStatus.OnLeave && mappingCompletedOn is null;
}
