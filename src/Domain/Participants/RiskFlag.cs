using IntroProgram.Domain.Tenancy;

namespace IntroProgram.Domain.Participants;

public enum RiskSeverity
{
    Watch = 0,
    Warning = 1,
    Critical = 2,
}

/// <summary>
/// A reason to act on a participant, raised by the nightly evaluation. Open while <see cref="ResolvedAt"/> is null;
/// a coordinator acknowledges it with a note.
/// </summary>
public class RiskFlag : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid Id { get; set; }
    public Guid ParticipantId { get; set; }
    /// <summary>The rule's stable key, e.g. "pace.norwegian".</summary>
    public string Rule { get; set; } = "";
    public RiskSeverity Severity { get; set; }
    /// <summary>The numbers behind the flag as JSON, rendered in plain language in the user's language.</summary>
    public string Facts { get; set; } = "{}";
    public DateTimeOffset FirstSeenAt { get; set; }
    public DateTimeOffset LastEvaluatedAt { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
    public DateTimeOffset? AcknowledgedAt { get; set; }
    public Guid? AcknowledgedBy { get; set; }
    public string? AcknowledgementNote { get; set; }
}
