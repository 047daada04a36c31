using IntroProgram.Domain.Participants;

namespace IntroProgram.Web.Features.Participants;

/// <summary>
/// What the register and edit forms post, under the prefix "Input". Property names equal <see cref="ParticipantFields"/>,
/// so the service's field errors land next to the right field. What it accepts is <see cref="ParticipantInputValidator"/>.
/// </summary>
public class ParticipantInput
{
    public const string Prefix = "Input";

    public string? GivenName { get; set; }
    public string? FamilyName { get; set; }
    public DateOnly? BirthDate { get; set; }
    public string? NationalId { get; set; }
    public Gender Gender { get; set; } = Gender.Unspecified;
    public string? CountryOfOrigin { get; set; }
    public string? PreferredLanguage { get; set; }
    public string? SocialStudiesLanguage { get; set; }
    public DateOnly? PermitDate { get; set; }
    public DateOnly? SettlementDate { get; set; }
    public DateOnly? ProgrammeStart { get; set; }
    public EducationBackground EducationBackground { get; set; } = EducationBackground.Unknown;
    public string? EndGoal { get; set; }
    public bool ResearchOptOut { get; set; }
    public Guid? CoordinatorId { get; set; }
    public Guid? CaseworkerId { get; set; }

    /// <param name="nationalId">The full number to send, which on edit may come from the stored encrypted copy.</param>
    public ParticipantDetails ToDetails(string? nationalId) => new()
    {
        GivenName = GivenName,
        FamilyName = FamilyName,
        BirthDate = BirthDate,
        NationalId = nationalId,
        Gender = Gender,
        CountryOfOrigin = CountryOfOrigin,
        PreferredLanguage = PreferredLanguage,
        SocialStudiesLanguage = SocialStudiesLanguage,
        PermitDate = PermitDate,
        SettlementDate = SettlementDate,
        ProgrammeStart = ProgrammeStart,
        EducationBackground = EducationBackground,
        EndGoal = EndGoal,
        ResearchOptOut = ResearchOptOut,
        CoordinatorId = CoordinatorId,
        CaseworkerId = CaseworkerId,
    };

    /// <summary>The stored values, for the edit form. The national id is left empty: the form shows the masked one.</summary>
    public static ParticipantInput From(Participant p) => new()
    {
        GivenName = p.GivenName,
        FamilyName = p.FamilyName,
        BirthDate = p.BirthDate,
        Gender = p.Gender,
        CountryOfOrigin = p.CountryOfOrigin,
        PreferredLanguage = p.PreferredLanguage,
        SocialStudiesLanguage = p.SocialStudiesLanguage,
        PermitDate = p.PermitDate,
        SettlementDate = p.SettlementDate,
        ProgrammeStart = p.ProgrammeStart,
        EducationBackground = p.EducationBackground,
        EndGoal = p.EndGoal,
        ResearchOptOut = p.ResearchOptOut,
        CoordinatorId = p.CoordinatorId,
        CaseworkerId = p.CaseworkerId,
    };
}

/// <summary>What the edit form posts: an empty national id keeps the registered number.</summary>
public sealed class ParticipantEditInput : ParticipantInput;

public sealed record Choice(string Value, string Text);

/// <summary>The register or edit page: the input plus what the selects offer.</summary>
public sealed class ParticipantFormPage
{
    public ParticipantInput Input { get; set; } = new();

    /// <summary>Register only: makes a double submit create one participant.</summary>
    public Guid FormToken { get; set; }

    /// <summary>Edit only: the participant and the version the form was opened at.</summary>
    public Guid? ParticipantId { get; set; }
    public uint Version { get; set; }
    public string? MaskedNationalId { get; set; }
    public string? ParticipantName { get; set; }

    public bool IsEdit => ParticipantId is not null;

    public IReadOnlyList<Choice> CommonCountries { get; set; } = [];
    public IReadOnlyList<Choice> OtherCountries { get; set; } = [];
    public IReadOnlyList<Choice> Languages { get; set; } = [];
    public IReadOnlyList<Choice> Coordinators { get; set; } = [];
    public IReadOnlyList<Choice> Caseworkers { get; set; } = [];
}
