using IntroProgram.Domain.Programme;
using IntroProgram.Domain.Tenancy;

namespace IntroProgram.Domain.Ledger;

/// <summary>How an entry came into the ledger. Stored values; never renumber.</summary>
public enum EntrySource
{
    Manual = 0,
    ClassSession = 1,
    Import = 2,
}

/// <summary>A ledger row that is corrected by voiding it (who, when, why), never by editing or deleting it.</summary>
public interface IVoidableRow : ITenantOwned
{
    Guid Id { get; }
    Guid ParticipantId { get; }
    DateTimeOffset? VoidedAt { get; set; }
    Guid? VoidedBy { get; set; }
    string? VoidReason { get; set; }
}

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

/// <summary>One lesson for a group: attendees get a ledger entry, the others absence, in one transaction.</summary>
public class ClassSession : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid Id { get; set; }
    public DateOnly Date { get; set; }
    public HourCategory Category { get; set; }
    public decimal Hours { get; set; }
    public string? Title { get; set; }
    public int AttendedCount { get; set; }
    public int AbsentCount { get; set; }
    public Guid? RecordedBy { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
}

/// <summary>A committed CSV import from the adult-education school's system.</summary>
public class ImportBatch : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid Id { get; set; }
    public string FileName { get; set; } = "";
    /// <summary>SHA-256 of the file's bytes, hex: the same file is recognised when uploaded again.</summary>
    public string FileSha256 { get; set; } = "";
    public int RowCount { get; set; }
    public int ImportedCount { get; set; }
    public int SkippedCount { get; set; }
    public decimal ImportedHours { get; set; }
    public Guid? ImportedBy { get; set; }
    public DateTimeOffset ImportedAt { get; set; }
}

/// <summary>
/// A form that has been processed, keyed by the token rendered into it: a second submit of the same form finds the
/// token and shows the first result instead of writing again.
/// </summary>
public class FormSubmission : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid Token { get; set; }
    public string Kind { get; set; } = "";
    public string? ResultId { get; set; }
    public DateTimeOffset At { get; set; }
}
