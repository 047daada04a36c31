using IntroProgram.Domain.Tenancy;

namespace IntroProgram.Domain.Ledger;

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
