namespace IntroProgram.Domain.Participants;

public static class ParticipantErrors
{
    public const string Required = "Participant.Required";
    public const string TooLong = "Participant.TooLong";
    public const string BirthDateMismatch = "Participant.BirthDateMismatch";
    public const string DateInFuture = "Participant.DateInFuture";
    public const string InvalidCountry = "Participant.InvalidCountry";
    public const string InvalidLanguage = "Participant.InvalidLanguage";
    public const string DuplicateNationalId = "Participant.DuplicateNationalId";
    public const string UnknownStaff = "Participant.UnknownStaff";
    public const string StartAfterLoggedHours = "Participant.StartAfterLoggedHours";
    public const string StartAfterProgrammeEnd = "Participant.StartAfterProgrammeEnd";
    public const string StartTooFarAhead = "Participant.StartTooFarAhead";
    public const string InvalidStatusChange = "Participant.InvalidStatusChange";
    public const string NoProgrammeStart = "Participant.NoProgrammeStart";
    public const string ChangedByOthers = "Participant.ChangedByOthers";
}
