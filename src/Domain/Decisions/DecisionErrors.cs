namespace IntroProgram.Domain.Decisions;

public static class DecisionErrors
{
    public const string Required = "Decision.Required";
    public const string ReasonRequired = "Decision.ReasonRequired";
    public const string TooLong = "Decision.TooLong";
    public const string DateInFuture = "Decision.DateInFuture";
    public const string NoProgrammeStart = "Decision.NoProgrammeStart";
    public const string ProgrammeEnded = "Decision.ProgrammeEnded";
    public const string LeaveBeforeStart = "Decision.LeaveBeforeStart";
    public const string InvalidOutcome = "Decision.InvalidOutcome";
    public const string NotStopped = "Decision.NotStopped";
    public const string TestNeedsAResult = "Decision.TestNeedsAResult";
    public const string TestDateBeforeBirth = "Decision.TestDateBeforeBirth";
}
