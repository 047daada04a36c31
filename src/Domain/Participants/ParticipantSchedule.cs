using IntroProgram.Domain.Programme;

namespace IntroProgram.Domain.Participants;

/// <summary>Keeps a participant's stored deadlines in step with the rules, leave and any extension.</summary>
public static class ParticipantSchedule
{
    /// <summary>The participant's deadlines, or null before a programme start is set.</summary>
    public static ProgrammeDeadlines? Deadlines(Participant participant, RuleSet ruleSet, IEnumerable<LeavePeriod> approvedLeave) =>
        participant.ProgrammeStart is { } start
            ? ProgrammeDeadlines.Calculate(start, ruleSet, approvedLeave, participant.ExtendedTo)
            : null;

    /// <summary>The days the participant's programme covers, or null before a programme start is set.</summary>
    public static ProgrammePeriod? Period(Participant participant, RuleSet ruleSet, IEnumerable<LeavePeriod> approvedLeave) =>
        Deadlines(participant, ruleSet, approvedLeave) is { } deadlines ? ProgrammePeriod.Of(deadlines, participant.EndedOn) : null;

    /// <summary>Recomputes and stores the planned end and evidence deadline.</summary>
    public static ProgrammeDeadlines? Apply(Participant participant, RuleSet ruleSet, IEnumerable<LeavePeriod> approvedLeave)
    {
        var deadlines = Deadlines(participant, ruleSet, approvedLeave);
        participant.PlannedEnd = deadlines?.PlannedEnd;
        participant.EvidenceDeadline = deadlines?.EvidenceDeadline;
        return deadlines;
    }
}
