namespace IntroProgram.Domain.Decisions;

/// <summary>The names of the decision and test-result form fields, which refusals are shown next to.</summary>
public static class DecisionFields
{
    public const string DecidedOn = nameof(Decision.DecidedOn);
    public const string Reason = nameof(Decision.Reason);
    public const string PeriodStart = nameof(Decision.PeriodStart);
    public const string PeriodEnd = nameof(Decision.PeriodEnd);
    public const string LeaveType = nameof(Decision.LeaveType);
    public const string ExtendedTo = nameof(Decision.ExtendedTo);
    public const string ExtraHoursTotal = nameof(Decision.ExtraHoursTotal);
    public const string Outcome = nameof(Decision.Outcome);
    public const string TakenOn = nameof(TestResult.TakenOn);
    public const string Passed = nameof(TestResult.Passed);
    public const string Note = nameof(TestResult.Note);
    public const string Reading = nameof(TestResult.Reading);
    public const string Language = nameof(TestResult.Language);
}
