namespace IntroProgram.Domain.Decisions;

public static class DecisionErrors
{
    public const string Required = "Decision.Required";
    public const string ReasonRequired = "Decision.ReasonRequired";
    public const string TooLong = "Decision.TooLong";
    public const string DateInFuture = "Decision.DateInFuture";
    public const string NoProgrammeStart = "Decision.NoProgrammeStart";
    public const string ProgrammeEnded = "Decision.ProgrammeEnded";
    /// <summary>Shows the programme start.</summary>
    public const string LeaveBeforeStart = "Decision.LeaveBeforeStart";
    /// <summary>Shows the last day the programme can run.</summary>
    public const string LeaveAfterProgrammeEnd = "Decision.LeaveAfterProgrammeEnd";
    /// <summary>Shows the programme start.</summary>
    public const string BeforeProgrammeStart = "Decision.BeforeProgrammeStart";
    /// <summary>Shows the day the programme was stopped.</summary>
    public const string ResumptionBeforeStop = "Decision.ResumptionBeforeStop";
    /// <summary>Shows the last day the programme can run.</summary>
    public const string ResumptionAfterLatestEnd = "Decision.ResumptionAfterLatestEnd";
    /// <summary>Shows the day, the number of live entries after it and their hours.</summary>
    public const string HoursAfterDate = "Decision.HoursAfterDate";
    /// <summary>Shows the day, the number of live absence records after it and their hours.</summary>
    public const string AbsenceAfterDate = "Decision.AbsenceAfterDate";
    public const string InvalidOutcome = "Decision.InvalidOutcome";
    public const string NotStopped = "Decision.NotStopped";
    public const string TestNeedsAResult = "Decision.TestNeedsAResult";
    /// <summary>Shows the programme start.</summary>
    public const string TestBeforeProgrammeStart = "Decision.TestBeforeProgrammeStart";
}
