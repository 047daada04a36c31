using IntroProgram.Domain.Tenancy;

namespace IntroProgram.Domain.Risk;

public enum RunTrigger
{
    Scheduled = 0,
    OnDemand = 1,
}

/// <summary>One run of the risk evaluation across municipalities: counts only, never personal data.</summary>
public class RiskEvaluationRun
{
    public Guid Id { get; set; }
    public RunTrigger Trigger { get; set; }
    /// <summary>Which scheduler node ran it.</summary>
    public string Node { get; set; } = "";
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public int Municipalities { get; set; }
    public int FailedMunicipalities { get; set; }
    public int ParticipantsEvaluated { get; set; }
    public int FlagsRaised { get; set; }
    public int FlagsUpdated { get; set; }
    public int FlagsResolved { get; set; }
}

/// <summary>What one run did in one municipality; the tenant admin sees their own.</summary>
public class RiskEvaluationResult : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid Id { get; set; }
    public Guid RunId { get; set; }
    public RunTrigger Trigger { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset FinishedAt { get; set; }
    public int ParticipantsEvaluated { get; set; }
    public int FlagsRaised { get; set; }
    public int FlagsUpdated { get; set; }
    public int FlagsResolved { get; set; }
    /// <summary>The failure's type and message when the municipality's evaluation failed; never personal data.</summary>
    public string? Error { get; set; }

    public TimeSpan Duration => FinishedAt - StartedAt;
}
