using IntroProgram.Domain.Decisions;
using IntroProgram.Domain.Participants;
using IntroProgram.Infrastructure.Participants;
using IntroProgram.Web.Features.Participants;
using IntroProgram.Web.Features.Plans;
using IntroProgram.Web.Localization;
using Microsoft.Extensions.Localization;

namespace IntroProgram.Web.Features.Portal;

public enum PortalSection
{
    Start,
    Progress,
    Plan,
    Absence,
    Decisions,
}

public sealed record PortalAbsence(DateOnly Date, decimal Hours, bool Excused);

/// <summary>What one of the participant's own pages shows.</summary>
public sealed class PortalPage
{
    public required PortalSection Section { get; init; }
    public required ParticipantProgress Data { get; init; }
    public required DateOnly Today { get; init; }
    public required IReadOnlyList<ParticipantWeek> Weeks { get; init; }
    public required WeeklyChart Chart { get; init; }
    public CurrentPlanView? Plan { get; set; }
    public IReadOnlyList<PortalAbsence> Absences { get; set; } = [];
    public bool TwoFactorEnabled { get; set; }
}

/// <summary>Deadlines and decisions in the participant's language, in plain words (numbers and dates: <see cref="ParticipantFormat"/>).</summary>
public static class PortalTexts
{
    /// <summary>Numbers written without grammatical plural forms ("Days left: 12"), which differ a lot between languages.</summary>
    public static string DaysLeft(this IStringLocalizer t, DateOnly deadline, DateOnly today)
    {
        var days = deadline.DayNumber - today.DayNumber;
        return days switch
        {
            > 0 => t["Portal.Days.Left", ParticipantFormat.Count(days)],
            0 => t["Portal.Days.Today"],
            _ => t["Portal.Days.Passed"],
        };
    }

    public static string DecisionText(this IStringLocalizer t, Decision d) => d.Kind switch
    {
        DecisionKind.Leave when d.PeriodStart is { } from && d.PeriodEnd is { } to =>
            t["Portal.Decision.LeaveText", t["Portal.LeaveType." + (d.LeaveType ?? LeaveType.Other)], ParticipantFormat.Date(from), ParticipantFormat.Date(to)],
        DecisionKind.Extension when d.ExtendedTo is { } until => t["Portal.Decision.ExtensionText", ParticipantFormat.Date(until)],
        DecisionKind.ExtraHoursGrant => t["Portal.Decision.ExtraHoursText", ParticipantFormat.Hours(d.ExtraHoursTotal ?? 0m)],
        DecisionKind.ProgrammeEnd => t["Portal.Decision.EndText." + (d.Outcome ?? ParticipantStatus.Completed)],
        DecisionKind.Resumption => t["Portal.Decision.ResumptionText"],
        _ => "",
    };
}
