using IntroProgram.Domain.Tenancy;

namespace IntroProgram.Domain.Auditing;

public enum AuditAction
{
    Read,
    Create,
    Change,
    Decide,
    Download,
    Login,
    Logout,
    LoginFailed,
    Export,
    Import,
}

/// <summary>One append-only audit record. Never updated or deleted (the app's database role cannot).</summary>
public class AuditEvent : ITenantOwned
{
    public long Id { get; set; }
    public Guid TenantId { get; set; }
    public DateTimeOffset At { get; set; }
    /// <summary>The acting user's id; null for anonymous or system actions.</summary>
    public Guid? ActorId { get; set; }
    public AuditAction Action { get; set; }
    /// <summary>The kind of record, e.g. "User", "Participant".</summary>
    public string RecordType { get; set; } = "";
    public string? RecordId { get; set; }
    /// <summary>The participant the event concerns, if any, for filtering.</summary>
    public Guid? ParticipantId { get; set; }
    /// <summary>A short, non-personal description (e.g. "roles: coordinator").</summary>
    public string? Details { get; set; }
}
