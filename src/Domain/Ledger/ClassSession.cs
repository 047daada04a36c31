using IntroProgram.Domain.Programme;
using IntroProgram.Domain.Tenancy;

namespace IntroProgram.Domain.Ledger;

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
