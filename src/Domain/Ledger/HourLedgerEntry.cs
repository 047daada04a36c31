using IntroProgram.Domain.Programme;

namespace IntroProgram.Domain.Ledger;

/// <summary>
/// Hours one participant spent in one part of the programme on one day. Never edited or deleted: a mistake is
/// corrected by voiding the entry (who, when, why) and logging a new one. The database refuses any other change.
/// </summary>
public class HourLedgerEntry : IVoidableRow
{
    public Guid TenantId { get; set; }
    public Guid Id { get; set; }
    public Guid ParticipantId { get; set; }
    public DateOnly Date { get; set; }
    public HourCategory Category { get; set; }
    public decimal Hours { get; set; }
    public EntrySource Source { get; set; }
    public Guid? ClassSessionId { get; set; }
    public Guid? ImportBatchId { get; set; }
    /// <summary>The school system's identity of an imported row, so the same row is never imported twice.</summary>
    public string? ExternalRef { get; set; }
    public string? Note { get; set; }
    public Guid? RecordedBy { get; set; }
    public DateTimeOffset RecordedAt { get; set; }

    public DateTimeOffset? VoidedAt { get; set; }
    public Guid? VoidedBy { get; set; }
    public string? VoidReason { get; set; }

    public bool IsVoided => VoidedAt is not null;
}
