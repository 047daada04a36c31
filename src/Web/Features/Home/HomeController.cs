using IntroProgram.Infrastructure.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using IntroProgram.Web.Features.Risk;
using IntroProgram.Web.Features.Plans;
using IntroProgram.Domain.Auditing;
using IntroProgram.Infrastructure.Auditing;
using IntroProgram.Infrastructure.Data;
using IntroProgram.Infrastructure.Plans;
using Microsoft.EntityFrameworkCore;
using IntroProgram.Web.Features.Shared;

namespace IntroProgram.Web.Features.Home;

public sealed class HomeController : Controller
{
    /// <summary>Everyone lands here after sign-in and is sent to the start page of their role.</summary>
    [HttpGet("/"), Authorize]
    public async Task<IActionResult> Index([FromServices] RiskFlagReader flags, [FromServices] AppDbContext db,
        [FromServices] IndividualPlanRecorder plans, [FromServices] AuditLog audit, [FromServices] TimeProvider clock, bool all = false)
    {
        if (User.IsInRole(Roles.PlatformOperator))
        {
            return RedirectToAction("Index", "Municipalities");
        }
        var model = new HomeModel { ShowAllFlags = all };
        if (User.IsInRole(Roles.Coordinator) || User.IsInRole(Roles.Caseworker))
        {
            // A coordinator starts with the flags of their own participants, most serious first.
            Guid? mine = User.IsInRole(Roles.Coordinator) && !all ? User.UserId() : null;
            model.Flags = new RiskFlagListModel(await flags.OpenAsync(coordinatorId: mine), ShowParticipant: true,
                CanAcknowledge: User.IsInRole(Roles.Coordinator), ReturnUrl: all ? "/?all=true" : "/");
        }
        if (User.IsInRole(Roles.Participant))
        {
            // A participant sees their own current plan, in their own language; nobody else's record is reachable.
            var userId = User.UserId();
            var me = await db.Participants.AsNoTracking().Where(p => p.UserId == userId).Select(p => (Guid?)p.Id).FirstOrDefaultAsync();
            if (me is { } participantId && await plans.VersionAsync(participantId) is { } plan)
            {
                model.Plan = CurrentPlanView.From(plan, DateOnly.FromDateTime(clock.GetLocalNow().DateTime), forParticipant: true);
                await audit.WriteAsync(AuditAction.Read, "IndividualPlan", plan.Id.ToString(), participantId, "own plan");
            }
        }
        return View(model);
    }

    [HttpGet("/accessibility"), AllowAnonymous]
    public IActionResult Accessibility() => View();
}

public sealed class HomeModel
{
    public RiskFlagListModel? Flags { get; set; }
    public bool ShowAllFlags { get; set; }
    public CurrentPlanView? Plan { get; set; }
}

[Route("error")]
[AllowAnonymous]
public sealed class ErrorController : Controller
{
    [Route(""), Route("{status:int}")]
    public IActionResult Index(int? status)
    {
        var code = status ?? StatusCodes.Status500InternalServerError;
        if (HttpContext.Features.Get<IExceptionHandlerPathFeature>() is not null)
        {
            code = StatusCodes.Status500InternalServerError;
        }
        Response.StatusCode = code;
        return View("Error", code);
    }
}
