using IntroProgram.Domain.Programme;
using IntroProgram.Domain.Tenancy;

namespace IntroProgram.Domain.Participants;

/// <summary>Stored values; never renumber.</summary>
public enum ParticipantStatus
{
    Registered = 0,
    Active = 1,
    OnLeave = 2,
    Completed = 3,
    Stopped = 4,
    Exited = 5,
}

public enum Gender
{
    Female = 0,
    Male = 1,
    Other = 2,
    Unspecified = 3,
}

/// <summary>Highest completed education before arrival, as registered at the competence mapping.</summary>
public enum EducationBackground
{
    Unknown = 0,
    None = 1,
    Primary = 2,
    Secondary = 3,
    Vocational = 4,
    Higher = 5,
}

/// <summary>
/// A person in the introduction programme of one municipality. The national id is kept three ways: a keyed hash for
/// duplicate checks and exact search, an encrypted copy for the certificate, and a masked form for screens. The full
/// number is never stored in clear.
/// </summary>
public class Participant : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid Id { get; set; }

    public string GivenName { get; set; } = "";
    public string FamilyName { get; set; } = "";
    public DateOnly BirthDate { get; set; }

    /// <summary>HMAC of the municipality and the 11 digits: equal ids give equal hashes within a municipality only.</summary>
    public byte[] NationalIdHash { get; set; } = [];
    /// <summary>The 11 digits, encrypted with the shared data-protection keys.</summary>
    public string NationalIdProtected { get; set; } = "";
    /// <summary>"ddmmyy*****": what lists and pages show.</summary>
    public string NationalIdMasked { get; set; } = "";
    public NationalIdKind NationalIdKind { get; set; }

    public Gender Gender { get; set; }
    /// <summary>ISO 3166-1 alpha-2 code.</summary>
    public string CountryOfOrigin { get; set; } = "";
    /// <summary>Language code of the participant's pages (nb, en, ar, uk, ti, so, prs…).</summary>
    public string PreferredLanguage { get; set; } = "nb";
    /// <summary>The language social studies is taught in; recorded because it should be the participant's own where feasible.</summary>
    public string? SocialStudiesLanguage { get; set; }

    public DateOnly PermitDate { get; set; }
    public DateOnly SettlementDate { get; set; }
    public string RuleSetId { get; set; } = "";

    public DateOnly? ProgrammeStart { get; set; }
    /// <summary>Derived from the start, the rule set, leave and any extension; kept for lists and sorting.</summary>
    public DateOnly? PlannedEnd { get; set; }
    /// <summary>Last day hours count towards the permanent-residence evidence (moved by leave); kept for lists and sorting.</summary>
    public DateOnly? EvidenceDeadline { get; set; }
    /// <summary>An extension decided by a caseworker: the new end date.</summary>
    public DateOnly? ExtendedTo { get; set; }
    public decimal ExtraNorwegianHoursGranted { get; set; }

    public ParticipantStatus Status { get; set; }
    public DateOnly StatusChangedOn { get; set; }
    public DateOnly? EndedOn { get; set; }

    public EducationBackground EducationBackground { get; set; }
    public string? EndGoal { get; set; }
    public bool ResearchOptOut { get; set; }

    public Guid? CoordinatorId { get; set; }
    public Guid? CaseworkerId { get; set; }
    /// <summary>The participant's own sign-in, once invited.</summary>
    public Guid? UserId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public Guid? CreatedBy { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Optimistic concurrency: two people editing the same participant cannot overwrite each other.</summary>
    public uint Version { get; set; }

    public string FullName => GivenName + " " + FamilyName;
}
