using IntroProgram.Domain.Programme;

namespace IntroProgram.Domain.Participants;

/// <summary>What a coordinator enters when registering or editing a participant, before it is checked.</summary>
public sealed record ParticipantDetails
{
    public string? GivenName { get; init; }
    public string? FamilyName { get; init; }
    public DateOnly? BirthDate { get; init; }
    public string? NationalId { get; init; }
    public Gender Gender { get; init; } = Gender.Unspecified;
    public string? CountryOfOrigin { get; init; }
    public string? PreferredLanguage { get; init; }
    public string? SocialStudiesLanguage { get; init; }
    public DateOnly? PermitDate { get; init; }
    public DateOnly? SettlementDate { get; init; }
    public DateOnly? ProgrammeStart { get; init; }
    public EducationBackground EducationBackground { get; init; }
    public string? EndGoal { get; init; }
    public bool ResearchOptOut { get; init; }
    public Guid? CoordinatorId { get; init; }
    public Guid? CaseworkerId { get; init; }
}
