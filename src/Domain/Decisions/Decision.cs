using IntroProgram.Domain.Participants;
using IntroProgram.Domain.Tenancy;

namespace IntroProgram.Domain.Decisions;

/// <summary>
/// A formal decision (vedtak) by a caseworker: date, reason and who decided, plus the fields of its kind. Decisions
/// are records of what was decided and are never changed.
/// </summary>
public class Decision : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid Id { get; set; }
    public Guid ParticipantId { get; set; }
    public DecisionKind Kind { get; set; }
    public DateOnly DecidedOn { get; set; }
    public string Reason { get; set; } = "";
    public Guid? DecidedBy { get; set; }
    public DateTimeOffset RecordedAt { get; set; }

    /// <summary>Leave: first and last day.</summary>
    public DateOnly? PeriodStart { get; set; }
    public DateOnly? PeriodEnd { get; set; }
    public LeaveType? LeaveType { get; set; }
    /// <summary>Extension: the new end of the programme.</summary>
    public DateOnly? ExtendedTo { get; set; }
    /// <summary>Extra Norwegian hours: the new total granted (not an increment).</summary>
    public decimal? ExtraHoursTotal { get; set; }
    /// <summary>Programme end: completed, stopped or exited.</summary>
    public ParticipantStatus? Outcome { get; set; }
}
