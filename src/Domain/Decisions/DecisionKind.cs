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
