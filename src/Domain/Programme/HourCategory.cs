namespace IntroProgram.Domain.Programme;

/// <summary>
/// The parts of the programme hours are logged against. Values are explicit because they are stored; never
/// renumber them.
/// </summary>
public enum HourCategory
{
    Norwegian = 0,
    SocialStudies = 1,
    CareerGuidance = 2,
    WorkOriented = 3,
    EducationOriented = 4,

    /// <summary>Norwegian tuition beyond the required hours; only as much as a caseworker has granted.</summary>
    ExtraNorwegian = 5,
}
