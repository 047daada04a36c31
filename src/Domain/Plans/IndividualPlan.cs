using IntroProgram.Domain.Decisions;
using IntroProgram.Domain.Programme;
using IntroProgram.Domain.Tenancy;

namespace IntroProgram.Domain.Plans;

/// <summary>Where the programme leads. Stored values; never renumber.</summary>
public enum PlanGoal
{
    Work = 0,
    UpperSecondary = 1,
    HigherEducation = 2,
    Other = 3,
}

/// <summary>One measure of the plan: a part of the programme, who provides it, when, and how many hours a week.</summary>
public sealed class PlanMeasure
{
    public HourCategory Category { get; set; }
    public string Provider { get; set; } = "";
    public DateOnly Start { get; set; }
    public DateOnly End { get; set; }
    /// <summary>Planned hours per week, 0–37.5 in quarter hours.</summary>
    public decimal HoursPerWeek { get; set; }

    public bool Covers(DateOnly date) => Start <= date && date <= End;
}

/// <summary>
/// One version of a participant's individual plan (individuell plan). The plan is a formal decision: a change never
/// edits a row but adds the next version with who decided it, when and why. The current plan is the highest version.
/// </summary>
public class IndividualPlan : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid Id { get; set; }
    public Guid ParticipantId { get; set; }

    /// <summary>1, 2, 3… per participant.</summary>
    public int Version { get; set; }
    /// <summary>The day the version was decided; reviews on or before it are covered by it.</summary>
    public DateOnly DecidedOn { get; set; }
    public DateTimeOffset DecidedAt { get; set; }
    public Guid? DecidedBy { get; set; }
    /// <summary>Why the plan was changed; required from version 2.</summary>
    public string? Reason { get; set; }

    public PlanGoal Goal { get; set; }
    public string? GoalDescription { get; set; }
    public DateOnly TargetDate { get; set; }
    public CefrLevel NorwegianLevel { get; set; }

    public List<PlanMeasure> Measures { get; set; } = [];
    /// <summary>The days the plan is to be reviewed with the participant, in date order.</summary>
    public List<DateOnly> ReviewDates { get; set; } = [];
}
