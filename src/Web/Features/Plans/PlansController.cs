using IntroProgram.Domain.Programme;
using IntroProgram.Domain.Auditing;
using IntroProgram.Domain.Participants;
using IntroProgram.Domain.Plans;
using IntroProgram.Infrastructure;
using IntroProgram.Infrastructure.Auditing;
using IntroProgram.Infrastructure.Data;
using IntroProgram.Infrastructure.Identity;
using IntroProgram.Infrastructure.Plans;
using IntroProgram.Web.Features.Shared;
using IntroProgram.Web.Identity;
using IntroProgram.Web.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace IntroProgram.Web.Features.Plans;

/// <summary>
/// A participant's competence mapping and individual plan: the current version with its history, one older version,
/// and the forms that add a new version. Coordinators and caseworkers write; every municipal staff member reads.
/// Every read and save is audited; an id from another municipality answers 404.
/// </summary>
[Route("participants/{id:guid}"), Authorize(Policy = Policies.Staff)]
public sealed class PlansController(
    AppDbContext db,
    CompetenceMappingRecorder mappings,
    IndividualPlanRecorder plans,
    AuditLog audit,
    TimeProvider clock,
    IStringLocalizer<Ui> t) : Controller
{
    /// <summary>Either role may write (ASP.NET Core reads a comma-separated role list as "any of").</summary>
    public const string Writers = Roles.Coordinator + "," + Roles.Caseworker;

    private DateOnly Today => clock.OsloToday();

    private bool CanWrite => User.IsInRole(Roles.Coordinator) || User.IsInRole(Roles.Caseworker);

    // ---- Competence mapping ----------------------------------------------------------------------------------------

    [HttpGet("mapping")]
    public Task<IActionResult> Mapping(Guid id) => MappingPageAsync(id, version: null);

    [HttpGet("mapping/versions/{version:int}")]
    public Task<IActionResult> MappingVersion(Guid id, int version) => MappingPageAsync(id, version);

    private async Task<IActionResult> MappingPageAsync(Guid id, int? version)
    {
        var participant = await ParticipantAsync(id);
        if (participant is null)
        {
            return NotFound();
        }
        var shown = await mappings.VersionAsync(id, version);
        if (version is not null && shown is null)
        {
            return NotFound();
        }
        var history = await mappings.HistoryAsync(id);
        await audit.WriteAsync(AuditAction.Read, CompetenceMappingRecorder.RecordType, (shown?.Id ?? id).ToString(), id,
            shown is null ? "none" : $"version: {shown.Version}");
        return View("Mapping", new MappingPage { Participant = participant, Shown = shown, History = history, CanEdit = CanWrite });
    }

    [HttpGet("mapping/edit"), Authorize(Roles = Writers)]
    public async Task<IActionResult> EditMapping(Guid id)
    {
        var participant = await ParticipantAsync(id);
        if (participant is null)
        {
            return NotFound();
        }
        var current = await mappings.VersionAsync(id);
        await audit.WriteAsync(AuditAction.Read, CompetenceMappingRecorder.RecordType, (current?.Id ?? id).ToString(), id,
            current is null ? "form" : $"form, version: {current.Version}");
        return View("MappingForm", MappingFormPage(participant, MappingForm.From(current), Guid.NewGuid(), current?.Version ?? 0));
    }

    [HttpPost("mapping/edit"), Authorize(Roles = Writers)]
    public async Task<IActionResult> EditMapping(Guid id, [Bind(Prefix = MappingForm.Prefix)] MappingForm input, Guid formToken, int baseVersion)
    {
        var participant = await ParticipantAsync(id);
        if (participant is null)
        {
            return NotFound();
        }
        // A form posted without its token (an old page, a hand-made request) still works, without double-submit protection.
        var page = MappingFormPage(participant, input, formToken == Guid.Empty ? Guid.NewGuid() : formToken, baseVersion);
        if (!ModelState.IsValid)
        {
            return Refused("MappingForm", page, StatusCodes.Status400BadRequest);
        }
        var result = await mappings.SaveAsync(id, input.ToInput(), baseVersion, page.FormToken, User.UserId());
        switch (result.Status)
        {
            case CommandStatus.Done or CommandStatus.AlreadyDone:
                TempData["Notice"] = t["Plans.Mapping.Saved"].Value;
                return Redirect(participant.MappingUrl);
            case CommandStatus.Invalid:
                ModelState.AddFieldErrors(result.Errors, t, MappingForm.Prefix);
                return Refused("MappingForm", page, StatusCodes.Status400BadRequest);
            case CommandStatus.Conflict:
                ModelState.AddModelError("", t[MappingErrors.ChangedByOthers]);
                return Refused("MappingForm", page, StatusCodes.Status409Conflict);
            default:
                return NotFound();
        }
    }

    private MappingFormPage MappingFormPage(PlansParticipant participant, MappingForm input, Guid formToken, int baseVersion)
    {
        input.PadRows();
        var countries = Countries.All.Where(c => c != "XX")
            .Select(c => new Choice(c, t.CountryName(c)))
            .OrderBy(c => c.Text, StringComparer.CurrentCulture).ToList();
        return new MappingFormPage
        {
            Participant = participant,
            Input = input,
            FormToken = formToken,
            BaseVersion = baseVersion,
            Languages = CompetenceMappingRules.Languages.Select(l => new Choice(l, t.LanguageName(l)))
                .OrderBy(c => c.Text, StringComparer.CurrentCulture).ToList(),
            CommonCountries = Countries.Common.Select(c => new Choice(c, t.CountryName(c))).ToList(),
            OtherCountries = countries,
        };
    }

    // ---- Individual plan -------------------------------------------------------------------------------------------

    [HttpGet("plan")]
    public Task<IActionResult> Plan(Guid id) => PlanPageAsync(id, version: null);

    [HttpGet("plan/versions/{version:int}")]
    public Task<IActionResult> PlanVersion(Guid id, int version) => PlanPageAsync(id, version);

    private async Task<IActionResult> PlanPageAsync(Guid id, int? version)
    {
        var entity = await db.Participants.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id);
        if (entity is null)
        {
            return NotFound();
        }
        var shown = await plans.VersionAsync(id, version);
        if (version is not null && shown is null)
        {
            return NotFound();
        }
        var history = await plans.HistoryAsync(id);
        await audit.WriteAsync(AuditAction.Read, IndividualPlanRecorder.RecordType, (shown?.Id ?? id).ToString(), id,
            shown is null ? "none" : $"version: {shown.Version}");
        return View("Plan", new PlanPage
        {
            Participant = Header(entity),
            Shown = shown,
            ShownDecidedBy = shown is null ? null : history.FirstOrDefault(h => h.Version == shown.Version)?.By,
            History = history,
            Period = await plans.PeriodAsync(entity),
            Today = Today,
            CanEdit = CanWrite,
        });
    }

    [HttpGet("plan/edit"), Authorize(Roles = Writers)]
    public async Task<IActionResult> EditPlan(Guid id)
    {
        var entity = await db.Participants.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id);
        if (entity is null)
        {
            return NotFound();
        }
        var current = await plans.VersionAsync(id);
        await audit.WriteAsync(AuditAction.Read, IndividualPlanRecorder.RecordType, (current?.Id ?? id).ToString(), id,
            current is null ? "form" : $"form, version: {current.Version}");
        var input = PlanForm.From(current);
        input.PadRows();
        return View("PlanForm", new PlanFormPage
        {
            Participant = Header(entity), Input = input, FormToken = Guid.NewGuid(), BaseVersion = current?.Version ?? 0,
            Period = await plans.PeriodAsync(entity),
        });
    }

    [HttpPost("plan/edit"), Authorize(Roles = Writers)]
    public async Task<IActionResult> EditPlan(Guid id, [Bind(Prefix = PlanForm.Prefix)] PlanForm input, Guid formToken, int baseVersion)
    {
        var entity = await db.Participants.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id);
        if (entity is null)
        {
            return NotFound();
        }
        var participant = Header(entity);
        var page = new PlanFormPage
        {
            Participant = participant, Input = input, FormToken = formToken == Guid.Empty ? Guid.NewGuid() : formToken,
            BaseVersion = baseVersion, Period = await plans.PeriodAsync(entity),
        };
        if (!ModelState.IsValid)
        {
            input.PadRows();
            return Refused("PlanForm", page, StatusCodes.Status400BadRequest);
        }
        var result = await plans.SaveAsync(id, input.ToInput(input.HoursPerWeek()), baseVersion, page.FormToken, User.UserId());
        input.PadRows();
        switch (result.Status)
        {
            case CommandStatus.Done or CommandStatus.AlreadyDone:
                TempData["Notice"] = t["Plans.Plan.Saved"].Value;
                return Redirect(participant.PlanUrl);
            case CommandStatus.Invalid:
                ModelState.AddFieldErrors(result.Errors, t, PlanForm.Prefix);
                return Refused("PlanForm", page, StatusCodes.Status400BadRequest);
            case CommandStatus.Conflict:
                ModelState.AddModelError("", t[PlanErrors.ChangedByOthers]);
                return Refused("PlanForm", page, StatusCodes.Status409Conflict);
            default:
                return NotFound();
        }
    }

    // ---- Shared ----------------------------------------------------------------------------------------------------

    private ViewResult Refused(string view, object model, int status)
    {
        Response.StatusCode = status;
        return View(view, model);
    }

    /// <summary>The participant in the caller's municipality, or null (the query filter hides every other one).</summary>
    private async Task<PlansParticipant?> ParticipantAsync(Guid id) =>
        await db.Participants.AsNoTracking().Where(p => p.Id == id)
            .Select(p => new PlansParticipant(p.Id, p.GivenName + " " + p.FamilyName, p.NationalIdMasked, p.Status, p.ProgrammeStart))
            .FirstOrDefaultAsync();

    private static PlansParticipant Header(Participant p) => new(p.Id, p.FullName, p.NationalIdMasked, p.Status, p.ProgrammeStart);
}
