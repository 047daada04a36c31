using IntroProgram.Domain.Tenancy;

namespace IntroProgram.Domain.Ledger;

/// <summary>A ledger row that is corrected by voiding it (who, when, why), never by editing or deleting it.</summary>
public interface IVoidableRow : ITenantOwned
{
    Guid Id { get; }
    Guid ParticipantId { get; }
    DateTimeOffset? VoidedAt { get; set; }
    Guid? VoidedBy { get; set; }
    string? VoidReason { get; set; }
}
