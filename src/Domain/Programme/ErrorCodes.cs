namespace IntroProgram.Domain.Programme;

/// <summary>
/// Every error code the programme rules return. Codes, not messages: the web layer looks them up in its
/// resource files, so the same rule reads correctly in bokmål, English, Arabic or Ukrainian.
/// </summary>
public static class ErrorCodes
{
    public const string ParticipantTooYoung = "Participant.TooYoung";
    public const string ParticipantTooOld = "Participant.TooOld";
    public const string ParticipantStartBeforeSettlement = "Participant.StartBeforeSettlement";
    public const string ParticipantPermitAfterSettlement = "Participant.PermitAfterSettlement";

    public const string NationalIdRequired = "NationalId.Required";
    public const string NationalIdInvalidCharacters = "NationalId.InvalidCharacters";
    public const string NationalIdInvalidLength = "NationalId.InvalidLength";
    public const string NationalIdInvalidChecksum = "NationalId.InvalidChecksum";
    public const string NationalIdInvalidDate = "NationalId.InvalidDate";
    public const string NationalIdSyntheticNotAllowed = "NationalId.SyntheticNotAllowed";

    public const string HoursNotPositive = "Hours.NotPositive";
    public const string HoursNotQuarterHour = "Hours.NotQuarterHour";
    public const string HoursDayTotalAbove24 = "Hours.DayTotalAbove24";
    public const string HoursBeforeProgrammeStart = "Hours.BeforeProgrammeStart";
    public const string HoursInFuture = "Hours.InFuture";
    public const string HoursNoProgrammeStart = "Hours.NoProgrammeStart";
    public const string HoursUnknownCategory = "Hours.UnknownCategory";
    public const string HoursExtraNorwegianBeyondGrant = "Hours.ExtraNorwegianBeyondGrant";

    public const string ExtraHoursGrantNegative = "ExtraHours.GrantNegative";
    public const string ExtraHoursGrantNotQuarterHour = "ExtraHours.GrantNotQuarterHour";
    public const string ExtraHoursGrantAboveMaximum = "ExtraHours.GrantAboveMaximum";
    public const string ExtraHoursGrantBelowUsed = "ExtraHours.GrantBelowUsed";

    public const string LeaveEndBeforeStart = "Leave.EndBeforeStart";

    public const string ExtensionNotAfterNormalEnd = "Extension.NotAfterNormalEnd";
    public const string ExtensionBeyondMaximumDuration = "Extension.BeyondMaximumDuration";

    public const string BenefitNoBaseAmount = "Benefit.NoBaseAmount";
    public const string BenefitInvalidAbsenceHours = "Benefit.InvalidAbsenceHours";
}
