using IntroProgram.Domain.Programme;
using IntroProgram.Domain.Auditing;
using IntroProgram.Infrastructure.Auditing;
using IntroProgram.Infrastructure.Data;
using IntroProgram.Infrastructure.Participants;
using IntroProgram.Infrastructure.Plans;
using IntroProgram.Web.Features.Plans;
using IntroProgram.Web.Features.Shared;
using IntroProgram.Web.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace IntroProgram.Web.Features.Portal;

/// <summary>
/// The participant's own pages. The participant is always the one linked to the signed-in account: no page takes a
/// participant id, so there is no address that could show someone else. Numbers come from the same readers as the
/// staff pages (maintained totals and weekly sums), never a second calculation.
/// </summary>
[Route("me"), Authorize(Policy = Policies.Participant)]
public sealed class PortalController(
    AppDbContext db, ParticipantProgressReader progress, IndividualPlanRecorder plans, AuditLog audit, TimeProvider clock) : Controller
{
    /// <summary>Weeks in the participant's chart: few enough that the bars stay readable on a phone.</summary>
    public const int WeeksShown = 12;

    /// <summary>Absence entries listed on the absence page, newest first.</summary>
    public const int AbsenceRowsShown = 20;

    private DateOnly Today => clock.OsloToday();

    [HttpGet("")]
    public async Task<IActionResult> Index()
    {
        var result = await PageAsync(PortalSection.Start, "start");
        if (result is ViewResult { Model: PortalPage page })
        {
            var userId = User.UserId();
            page.TwoFactorEnabled = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.TwoFactorEnabled).FirstOrDefaultAsync();
        }
        return result;
    }

    [HttpGet("progress")]
    public Task<IActionResult> Progress() => PageAsync(PortalSection.Progress, "progress");

    [HttpGet("absence")]
    public async Task<IActionResult> Absence()
    {
        var result = await PageAsync(PortalSection.Absence, "absence");
        if (result is ViewResult { Model: PortalPage page })
        {
            page.Absences = await db.AbsenceEntries.AsNoTracking()
                .Where(a => a.ParticipantId == page.Data.Participant.Id && a.VoidedAt == null)
                .OrderByDescending(a => a.Date).ThenByDescending(a => a.RecordedAt).Take(AbsenceRowsShown)
                .Select(a => new PortalAbsence(a.Date, a.Hours, a.Excused)).ToListAsync();
        }
        return result;
    }

    [HttpGet("decisions")]
    public Task<IActionResult> Decisions() => PageAsync(PortalSection.Decisions, "decisions");

    [HttpGet("plan")]
    public async Task<IActionResult> Plan()
    {
        var result = await PageAsync(PortalSection.Plan, "plan");
        if (result is ViewResult { Model: PortalPage page } && await plans.VersionAsync(page.Data.Participant.Id) is { } plan)
        {
            page.Plan = CurrentPlanView.From(plan, page.Today, forParticipant: true);
        }
        return result;
    }

    private async Task<IActionResult> PageAsync(PortalSection section, string what)
    {
        var userId = User.UserId();
        var participantId = await db.Participants.AsNoTracking().Where(p => p.UserId == userId).Select(p => (Guid?)p.Id).FirstOrDefaultAsync();
        if (participantId is null || await progress.ReadAsync(participantId.Value) is not { } data)
        {
            // An account whose participant record is gone or not linked yet: nothing to show, and nothing of anyone else.
            return View("NotLinked");
        }
        await audit.WriteAsync(AuditAction.Read, ParticipantRegistry.RecordType, participantId.Value.ToString(), participantId, "own pages: " + what);
        var weeks = data.Weeks.TakeLast(WeeksShown).ToList();
        return View(section.ToString(), new PortalPage
        {
            Section = section,
            Data = data,
            Today = Today,
            Weeks = weeks,
            Chart = Participants.WeeklyChart.From(weeks),
        });
    }
}
