using IntroProgram.Domain.Programme;

namespace IntroProgram.Domain.Participants;

public static class ParticipantFields
{
    public const string GivenName = nameof(ParticipantDetails.GivenName);
    public const string FamilyName = nameof(ParticipantDetails.FamilyName);
    public const string BirthDate = nameof(ParticipantDetails.BirthDate);
    public const string NationalId = nameof(ParticipantDetails.NationalId);
    public const string Gender = nameof(ParticipantDetails.Gender);
    public const string CountryOfOrigin = nameof(ParticipantDetails.CountryOfOrigin);
    public const string PreferredLanguage = nameof(ParticipantDetails.PreferredLanguage);
    public const string SocialStudiesLanguage = nameof(ParticipantDetails.SocialStudiesLanguage);
    public const string PermitDate = nameof(ParticipantDetails.PermitDate);
    public const string SettlementDate = nameof(ParticipantDetails.SettlementDate);
    public const string ProgrammeStart = nameof(ParticipantDetails.ProgrammeStart);
    public const string EndGoal = nameof(ParticipantDetails.EndGoal);
    public const string CoordinatorId = nameof(ParticipantDetails.CoordinatorId);
    public const string CaseworkerId = nameof(ParticipantDetails.CaseworkerId);
}
