using IntroProgram.Domain.Tenancy;

namespace IntroProgram.Domain.Decisions;

/// <summary>A test sitting: the Norwegian test per skill, or the social-studies test (passed or not).</summary>
public class TestResult : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid Id { get; set; }
    public Guid ParticipantId { get; set; }
    public TestKind Kind { get; set; }
    public DateOnly TakenOn { get; set; }
    public CefrLevel? Reading { get; set; }
    public CefrLevel? Listening { get; set; }
    public CefrLevel? Writing { get; set; }
    public CefrLevel? Oral { get; set; }
    public bool? Passed { get; set; }
    /// <summary>The language the social-studies test was taken in.</summary>
    public string? Language { get; set; }
    public string? Note { get; set; }
    public Guid? RecordedBy { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
}
