using IntroProgram.Domain.Tenancy;

namespace IntroProgram.Domain.Ledger;

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
