namespace IntroProgram.Domain.Ledger;

/// <summary>Scheduled time a participant missed. Voided like ledger entries, never edited.</summary>
public class AbsenceEntry : IVoidableRow
{
    public Guid TenantId { get; set; }
    public Guid Id { get; set; }
    public Guid ParticipantId { get; set; }
    public DateOnly Date { get; set; }
    public decimal Hours { get; set; }
    public bool Excused { get; set; }
    public string? Reason { get; set; }
    public Guid? ClassSessionId { get; set; }
    public Guid? RecordedBy { get; set; }
    public DateTimeOffset RecordedAt { get; set; }

    public DateTimeOffset? VoidedAt { get; set; }
    public Guid? VoidedBy { get; set; }
    public string? VoidReason { get; set; }

    public bool IsVoided => VoidedAt is not null;
}
