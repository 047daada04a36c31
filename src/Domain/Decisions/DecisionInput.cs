using IntroProgram.Domain.Participants;

namespace IntroProgram.Domain.Decisions;

/// <summary>A decision as the caseworker gives it; which fields count depends on <see cref="Kind"/>.</summary>
public sealed record DecisionInput
{
    public DecisionKind Kind { get; init; }
    public DateOnly? DecidedOn { get; init; }
    public string? Reason { get; init; }
    public DateOnly? PeriodStart { get; init; }
    public DateOnly? PeriodEnd { get; init; }
    public LeaveType? LeaveType { get; init; }
    public DateOnly? ExtendedTo { get; init; }
    public decimal? ExtraHoursTotal { get; init; }
    public ParticipantStatus? Outcome { get; init; }
}
