namespace IntroProgram.Domain.Ledger;

/// <summary>Ledger refusals beyond the hour rules in <see cref="Programme.ErrorCodes"/>.</summary>
public static class LedgerErrors
{
    public const string Required = "Ledger.Required";
    /// <summary>After the day a decision ended the programme.</summary>
    public const string AfterProgrammeEnd = "Ledger.AfterProgrammeEnd";
    /// <summary>After the last day the programme can run (the maximum duration plus leave, or the extension's end).</summary>
    public const string AfterLatestEnd = "Ledger.AfterLatestEnd";
    public const string AlreadyVoided = "Ledger.AlreadyVoided";
    public const string ReasonRequired = "Ledger.ReasonRequired";
    public const string TooLong = "Ledger.TooLong";
    public const string NoAttendees = "Ledger.NoAttendees";
    public const string ParticipantNotInSession = "Ledger.ParticipantNotInSession";
    public const string AbsenceDayTotalAbove24 = "Ledger.AbsenceDayTotalAbove24";
}

/// <summary>How a participant took part in a class session.</summary>
public enum Attendance
{
    Attended = 0,
    AbsentExcused = 1,
    AbsentUnexcused = 2,
}
