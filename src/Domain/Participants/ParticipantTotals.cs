using IntroProgram.Domain.Programme;
using IntroProgram.Domain.Tenancy;

namespace IntroProgram.Domain.Participants;

/// <summary>
/// Running sums of a participant's live ledger and absence, updated in the same transaction as every entry and
/// void, so progress pages never sum the ledger. The row is also the lock that serialises concurrent logging for
/// one participant.
/// </summary>
public class ParticipantTotals : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid ParticipantId { get; set; }

    public decimal NorwegianHours { get; set; }
    public decimal SocialStudiesHours { get; set; }
    public decimal CareerGuidanceHours { get; set; }
    public decimal WorkOrientedHours { get; set; }
    public decimal EducationOrientedHours { get; set; }
    public decimal ExtraNorwegianHours { get; set; }
    public decimal UnexcusedAbsenceHours { get; set; }
    public decimal ExcusedAbsenceHours { get; set; }
    /// <summary>Date of the latest live hour entry, for the "no hours for 14 days" check.</summary>
    public DateOnly? LastEntryDate { get; set; }
    public int LiveEntryCount { get; set; }

    public HourTotals Hours => new(NorwegianHours, SocialStudiesHours, CareerGuidanceHours, WorkOrientedHours, EducationOrientedHours, ExtraNorwegianHours);

    /// <summary>Scheduled time is what was attended plus what was missed.</summary>
    public AbsenceTotals Absence => new(Hours.Total + UnexcusedAbsenceHours + ExcusedAbsenceHours, UnexcusedAbsenceHours, ExcusedAbsenceHours);

    public void AddHours(HourCategory category, decimal hours)
    {
        switch (category)
        {
            case HourCategory.Norwegian: NorwegianHours += hours; break;
            case HourCategory.SocialStudies: SocialStudiesHours += hours; break;
            case HourCategory.CareerGuidance: CareerGuidanceHours += hours; break;
            case HourCategory.WorkOriented: WorkOrientedHours += hours; break;
            case HourCategory.EducationOriented: EducationOrientedHours += hours; break;
            case HourCategory.ExtraNorwegian: ExtraNorwegianHours += hours; break;
            default: throw new ArgumentOutOfRangeException(nameof(category), category, "Unknown hour category.");
        }
    }

    public void AddAbsence(bool excused, decimal hours)
    {
        if (excused)
        {
            ExcusedAbsenceHours += hours;
        }
        else
        {
            UnexcusedAbsenceHours += hours;
        }
    }
}

/// <summary>Live hours per participant and week (weeks start on Monday), for the weekly chart and pace projections.</summary>
public class ParticipantWeek : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid ParticipantId { get; set; }
    public DateOnly WeekStart { get; set; }
    public decimal NorwegianHours { get; set; }
    public decimal SocialStudiesHours { get; set; }
    public decimal OtherHours { get; set; }

    public decimal TotalHours => NorwegianHours + SocialStudiesHours + OtherHours;

    public static DateOnly StartOf(DateOnly date) => date.AddDays(-(((int)date.DayOfWeek + 6) % 7));
}
