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

    /// <summary>
    /// The day the live Norwegian hours, summed in date order, reached the rule set's requirement (null: not reached).
    /// Kept with the totals so the dashboard reads one row per participant instead of summing the ledger.
    /// </summary>
    public DateOnly? NorwegianReachedOn { get; set; }
    /// <summary>The same for social studies.</summary>
    public DateOnly? SocialStudiesReachedOn { get; set; }
    /// <summary>
    /// The rule set whose requirements the two days were worked out against. Another value than the participant's own
    /// rule set (or null, for rows from before the days were kept) means the days must be worked out again.
    /// </summary>
    public string? ReachedRuleSetId { get; set; }

    public HourTotals Hours => new(NorwegianHours, SocialStudiesHours, CareerGuidanceHours, WorkOrientedHours, EducationOrientedHours, ExtraNorwegianHours);

    /// <summary>Scheduled time is what was attended plus what was missed.</summary>
    public AbsenceTotals Absence => new(Hours.Total + UnexcusedAbsenceHours + ExcusedAbsenceHours, UnexcusedAbsenceHours, ExcusedAbsenceHours);

    /// <summary>
    /// Whether an entry of <paramref name="category"/> dated <paramref name="date"/>, just added to (or voided from) these
    /// totals, can move the day a requirement of <paramref name="rules"/> was reached. The running sum only grows with
    /// the date, so hours dated after the day change nothing; hours on or before it, the crossing of the line, or days
    /// worked out for another rule set do. The totals must already include the change.
    /// </summary>
    public bool RequirementDayMayMove(RuleSet rules, HourCategory category, DateOnly date, bool voided)
    {
        if (ReachedRuleSetId != rules.Id)
        {
            return true;
        }
        if (category is not (HourCategory.Norwegian or HourCategory.SocialStudies))
        {
            return false;
        }
        var (reachedOn, total, required) = category == HourCategory.Norwegian
            ? (NorwegianReachedOn, NorwegianHours, rules.NorwegianHoursRequired)
            : (SocialStudiesReachedOn, SocialStudiesHours, rules.SocialStudiesHoursRequired);
        if (reachedOn is not { } day)
        {
            // Not reached before: only an addition that brings the total to the line can reach it.
            return !voided && total >= required;
        }
        // An entry on the day itself may have been the one that crossed the line, so voiding it may move the day later.
        return voided ? date <= day : date < day;
    }

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
