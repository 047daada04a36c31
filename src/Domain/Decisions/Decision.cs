using IntroProgram.Domain.Participants;
using IntroProgram.Domain.Tenancy;

namespace IntroProgram.Domain.Decisions;

/// <summary>Stored values; never renumber.</summary>
public enum DecisionKind
{
    Leave = 0,
    Extension = 1,
    ExtraHoursGrant = 2,
    ProgrammeEnd = 3,
    Resumption = 4,
}

public enum LeaveType
{
    Parental = 0,
    Illness = 1,
    Welfare = 2,
    Other = 3,
}

/// <summary>
/// A formal decision (vedtak) by a caseworker: date, reason and who decided, plus the fields of its kind. Decisions
/// are records of what was decided and are never changed.
/// </summary>
public class Decision : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid Id { get; set; }
    public Guid ParticipantId { get; set; }
    public DecisionKind Kind { get; set; }
    public DateOnly DecidedOn { get; set; }
    public string Reason { get; set; } = "";
    public Guid? DecidedBy { get; set; }
    public DateTimeOffset RecordedAt { get; set; }

    /// <summary>Leave: first and last day.</summary>
    public DateOnly? PeriodStart { get; set; }
    public DateOnly? PeriodEnd { get; set; }
    public LeaveType? LeaveType { get; set; }
    /// <summary>Extension: the new end of the programme.</summary>
    public DateOnly? ExtendedTo { get; set; }
    /// <summary>Extra Norwegian hours: the new total granted (not an increment).</summary>
    public decimal? ExtraHoursTotal { get; set; }
    /// <summary>Programme end: completed, stopped or exited.</summary>
    public ParticipantStatus? Outcome { get; set; }
}

public enum TestKind
{
    Norwegian = 0,
    SocialStudies = 1,
}

/// <summary>Common European Framework levels as the Norwegian test reports them. Stored values; never renumber.</summary>
public enum CefrLevel
{
    BelowA1 = 0,
    A1 = 1,
    A2 = 2,
    B1 = 3,
    B2 = 4,
}

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
