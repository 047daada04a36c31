using IntroProgram.Domain.Participants;
using IntroProgram.Domain.Tenancy;

namespace IntroProgram.Domain.Plans;

/// <summary>How well a participant speaks a language. Stored values; never renumber.</summary>
public enum LanguageLevel
{
    Native = 0,
    Fluent = 1,
    Good = 2,
    Basic = 3,
}

/// <summary>Reading and writing in the Latin alphabet, which decides the kind of Norwegian class. Stored values; never renumber.</summary>
public enum LatinLiteracy
{
    None = 0,
    Emerging = 1,
    Functional = 2,
}

/// <summary>A language the participant speaks and how well.</summary>
public sealed class SpokenLanguage
{
    /// <summary>ISO 639 code, one of <see cref="CompetenceMappingRules.Languages"/>.</summary>
    public string Language { get; set; } = "";
    public LanguageLevel Level { get; set; }
}

/// <summary>Vocational training or work experience in one field.</summary>
public sealed class WorkExperience
{
    public string Field { get; set; } = "";
    public int Years { get; set; }
}

/// <summary>
/// One version of a participant's competence mapping (kartlegging). A save never changes a row: it adds the next
/// version, so what was known and when stays on record. The current mapping is the highest version. The fields a
/// municipality counts or filters by are columns; the lists and free texts are as entered.
/// </summary>
public class CompetenceMapping : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid Id { get; set; }
    public Guid ParticipantId { get; set; }

    /// <summary>1, 2, 3… per participant.</summary>
    public int Version { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public Guid? RecordedBy { get; set; }
    /// <summary>Why a correction was made; required from version 2.</summary>
    public string? Reason { get; set; }

    public List<SpokenLanguage> Languages { get; set; } = [];

    public int? SchoolingYears { get; set; }
    public EducationBackground HighestEducation { get; set; }
    /// <summary>ISO 3166-1 alpha-2 code of the country the schooling was in.</summary>
    public string? SchoolingCountry { get; set; }

    public List<WorkExperience> WorkExperience { get; set; } = [];

    public string? DocumentedQualifications { get; set; }
    public string? UndocumentedQualifications { get; set; }
    /// <summary>Holds the qualifications passport for refugees (Europarådets kvalifikasjonspass for flyktninger).</summary>
    public bool HoldsQualificationsPassport { get; set; }
    /// <summary>Has had foreign education recognised (godkjent utenlandsk utdanning).</summary>
    public bool ForeignEducationRecognised { get; set; }

    public LatinLiteracy? LatinLiteracy { get; set; }
    public string? OwnWishes { get; set; }

    /// <summary>The day the mapping was completed; null while it is a draft.</summary>
    public DateOnly? CompletedOn { get; set; }

    public bool IsCompleted => CompletedOn is not null;
}
