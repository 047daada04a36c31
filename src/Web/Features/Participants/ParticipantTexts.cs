using System.Globalization;
using IntroProgram.Domain.Programme;
using Microsoft.Extensions.Localization;

namespace IntroProgram.Web.Features.Participants;

/// <summary>How the participant pages write hours, dates and deadlines in the user's language.</summary>
public static class ParticipantTexts
{
    /// <summary>12, 12,5 or 12,25 (in Norwegian): hours are quarter hours, so two decimals at most.</summary>
    public static string Hours(decimal hours) => hours.ToString("0.##", CultureInfo.CurrentCulture);

    public static string Date(DateOnly date) => date.ToString("d", CultureInfo.CurrentCulture);

    public static string Date(DateOnly? date) => date is { } d ? Date(d) : "–";

    public static string Percent(decimal share) => (share * 100m).ToString("0.#", CultureInfo.CurrentCulture) + " %";

    /// <summary>For attributes such as &lt;progress value&gt;, which want a dot as the decimal separator.</summary>
    public static string Invariant(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>"420 dager igjen", "siste dag i dag" or "passert for 3 dager siden".</summary>
    public static string DaysLeft(this IStringLocalizer t, DateOnly deadline, DateOnly today)
    {
        var days = deadline.DayNumber - today.DayNumber;
        return days switch
        {
            > 1 => t["Participants.Days.Left", days],
            1 => t["Participants.Days.LeftOne"],
            0 => t["Participants.Days.Today"],
            -1 => t["Participants.Days.PassedOne"],
            _ => t["Participants.Days.Passed", -days],
        };
    }

    /// <summary>The pace projection in plain language, one or two sentences.</summary>
    public static IReadOnlyList<string> Pace(this IStringLocalizer t, PaceProjection pace, string givenName, DateOnly deadline)
    {
        var required = Hours(pace.RequiredHours);
        if (pace.IsRequirementMet)
        {
            return [t["Participants.Pace.Met", givenName, required]];
        }
        if (pace.WeeksUntilDeadline <= 0m)
        {
            return [t["Participants.Pace.DeadlinePassed", givenName, Hours(pace.CurrentHours), required]];
        }
        var lines = new List<string>();
        if (!pace.IsPaceKnown)
        {
            lines.Add(t["Participants.Pace.Unknown"]);
        }
        else
        {
            lines.Add(t[pace.WillMeetRequirement ? "Participants.Pace.ProjectionMeets" : "Participants.Pace.Projection",
                pace.WeeksInWindow, Hours(pace.PacePerWeek), givenName, Hours(Math.Round(pace.ProjectedHoursAtDeadline)), required, Date(deadline)]);
        }
        if (pace.RequiredPacePerWeek is { } needed)
        {
            lines.Add(t["Participants.Pace.Needed", Hours(pace.HoursMissing), Hours(Math.Ceiling(needed * 4m) / 4m)]);
        }
        lines.Add(pace.Severity switch
        {
            PaceSeverity.Critical => t["Participants.Pace.Severity.Critical"],
            PaceSeverity.AtRisk => t["Participants.Pace.Severity.AtRisk"],
            PaceSeverity.Watch => t["Participants.Pace.Severity.Watch"],
            _ => pace.IsPaceKnown ? t["Participants.Pace.Severity.None"] : "",
        });
        return lines.Where(l => l.Length > 0).ToList();
    }
}
