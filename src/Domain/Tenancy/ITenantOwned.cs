namespace IntroProgram.Domain.Tenancy;

/// <summary>A record that belongs to exactly one municipality. The infrastructure stamps and guards TenantId.</summary>
public interface ITenantOwned
{
    Guid TenantId { get; set; }
}
