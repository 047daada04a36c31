using IntroProgram.Domain.Programme;
using IntroProgram.Domain.Auditing;
using IntroProgram.Domain.Decisions;
using IntroProgram.Domain.Participants;
using IntroProgram.Infrastructure;
using IntroProgram.Infrastructure.Auditing;
using IntroProgram.Infrastructure.Data;
using IntroProgram.Infrastructure.Decisions;
using IntroProgram.Infrastructure.Participants;
using IntroProgram.Web.Features.Shared;
using IntroProgram.Web.Identity;
using IntroProgram.Web.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace IntroProgram.Web.Features.Decisions;

/// <summary>
/// A caseworker's formal decisions (leave, extension, extra Norwegian hours, end, resumption) and test results for one
/// participant, and the page of a single decision. Every load goes through the municipality's query filter, so another
/// municipality's participant or decision answers 404.
/// </summary>
[Route("participants/{id:guid}")]
public sealed class DecisionsController(
    AppDbContext db, DecisionRecorder recorder, ParticipantProgressReader progress, AuditLog audit, TimeProvider clock, IStringLocalizer<Ui> t)
    : Controller
{
    private DateOnly Today => clock.OsloToday();

    [HttpGet("decisions/new/{kind}"), Authorize(Policy = Policies.Caseworker)]
    public async Task<IActionResult> New(Guid id, string? kind)
    {
        // A segment of blanks binds as null: an unknown kind like any other, not a 500.
        if (kind is null || !DecisionSlugs.Decisions.TryGetValue(kind, out var decisionKind))
        {
            return NotFound();
        }
        var model = new DecisionFormModel { FormToken = Guid.NewGuid(), DecidedOn = Today, Kind = decisionKind, Slug = kind };
        return await FillAsync(id, model) ? View(model) : NotFound();
    }

    [HttpPost("decisions/new/{kind}"), Authorize(Policy = Policies.Caseworker)]
    public async Task<IActionResult> New(Guid id, string? kind, DecisionFormModel model)
    {
        if (kind is null || !DecisionSlugs.Decisions.TryGetValue(kind, out var decisionKind))
        {
            return NotFound();
        }
        model.Kind = decisionKind;
        model.Slug = kind;
        if (model.FormToken == Guid.Empty)
        {
            model.FormToken = Guid.NewGuid(); // a form without its token cannot be deduplicated, but must not share one
        }
        var fields = DecisionFormModel.FieldsOf(decisionKind);
        KeepErrorsOf(fields);
        if (ModelState.IsValid)
        {
            _ = DecisionFormModel.TryParseHours(model.ExtraHoursTotal, out var hours); // the validator has refused what it cannot read
            var result = await recorder.DecideAsync(id, model.ToInput(hours), model.FormToken, User.UserId());
            if (result.Status == CommandStatus.NotFound)
            {
                return NotFound();
            }
            if (result.Succeeded)
            {
                TempData["Notice"] = t["Decisions.Saved." + decisionKind].Value;
                return Redirect($"/participants/{id}");
            }
            AddErrors(result, fields);
        }
        if (!await FillAsync(id, model))
        {
            return NotFound();
        }
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View(model);
    }

    [HttpGet("tests/new/{kind}"), Authorize(Policy = Policies.Caseworker)]
    public async Task<IActionResult> NewTest(Guid id, string? kind)
    {
        if (kind is null || !DecisionSlugs.Tests.TryGetValue(kind, out var testKind))
        {
            return NotFound();
        }
        var participant = await ParticipantAsync(id);
        if (participant is null)
        {
            return NotFound();
        }
        return View(new TestFormModel
        {
            FormToken = Guid.NewGuid(), TakenOn = Today, Kind = testKind, Slug = kind, Participant = participant.Header,
            // Social studies is taught in the participant's own language where feasible; the test usually is too.
            Language = testKind == TestKind.SocialStudies ? participant.SocialStudiesLanguage : null,
        });
    }

    [HttpPost("tests/new/{kind}"), Authorize(Policy = Policies.Caseworker)]
    public async Task<IActionResult> NewTest(Guid id, string? kind, TestFormModel model)
    {
        if (kind is null || !DecisionSlugs.Tests.TryGetValue(kind, out var testKind))
        {
            return NotFound();
        }
        model.Kind = testKind;
        model.Slug = kind;
        if (model.FormToken == Guid.Empty)
        {
            model.FormToken = Guid.NewGuid();
        }
        var fields = TestFormModel.FieldsOf(testKind);
        KeepErrorsOf(fields);
        if (ModelState.IsValid)
        {
            var result = await recorder.RecordTestAsync(id, model.ToInput(), model.FormToken, User.UserId());
            if (result.Status == CommandStatus.NotFound)
            {
                return NotFound();
            }
            if (result.Succeeded)
            {
                TempData["Notice"] = t["Decisions.TestSaved." + testKind].Value;
                return Redirect($"/participants/{id}");
            }
            AddErrors(result, fields);
        }
        var participant = await ParticipantAsync(id);
        if (participant is null)
        {
            return NotFound();
        }
        model.Participant = participant.Header;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View(model);
    }

    [HttpGet("decisions/{decisionId:guid}"), Authorize(Policy = Policies.Staff)]
    public async Task<IActionResult> Details(Guid id, Guid decisionId)
    {
        var participant = await ParticipantAsync(id);
        var decision = participant is null ? null
            : await db.Decisions.AsNoTracking().FirstOrDefaultAsync(d => d.Id == decisionId && d.ParticipantId == id);
        if (participant is null || decision is null)
        {
            return NotFound();
        }
        var decidedBy = decision.DecidedBy is { } userId
            ? await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.DisplayName).FirstOrDefaultAsync()
            : null;
        await audit.WriteAsync(AuditAction.Read, DecisionRecorder.RecordType, decisionId.ToString(), id);
        return View(new DecisionDetails(decision, participant.Header, decidedBy));
    }

    private sealed record ParticipantRow(ParticipantHeader Header, string? SocialStudiesLanguage);

    private Task<ParticipantRow?> ParticipantAsync(Guid id) =>
        db.Participants.AsNoTracking().Where(p => p.Id == id)
            .Select(p => new ParticipantRow(
                new ParticipantHeader(p.Id, p.GivenName + " " + p.FamilyName, p.NationalIdMasked, p.Status), p.SocialStudiesLanguage))
            .FirstOrDefaultAsync();

    /// <summary>The header, and for an extension or a grant the numbers the caseworker decides against.</summary>
    private async Task<bool> FillAsync(Guid id, DecisionFormModel model)
    {
        if (model.Kind is DecisionKind.Extension or DecisionKind.ExtraHoursGrant)
        {
            var read = await progress.ReadAsync(id);
            if (read is null)
            {
                return false;
            }
            var p = read.Participant;
            model.Participant = new ParticipantHeader(p.Id, p.FullName, p.NationalIdMasked, p.Status);
            model.Extension = read.Deadlines is { } d
                ? new ExtensionContext(d.NormalEnd, d.PlannedEnd, d.LatestEnd, read.RuleSet.NormalDurationMonths / 12m, read.RuleSet.MaximumDurationMonths / 12m)
                : null;
            model.ExtraHours = new ExtraHoursContext(p.ExtraNorwegianHoursGranted, read.Totals.ExtraNorwegianHours, read.RuleSet.MaximumExtraNorwegianHours);
            return true;
        }
        var row = await ParticipantAsync(id);
        if (row is null)
        {
            return false;
        }
        model.Participant = row.Header;
        return true;
    }

    /// <summary>Binding problems of fields this form does not show are not the user's to fix.</summary>
    private void KeepErrorsOf(IReadOnlySet<string> fields)
    {
        foreach (var key in ModelState.Keys.Where(k => !fields.Contains(k)).ToList())
        {
            ModelState.Remove(key);
        }
    }

    /// <summary>Errors on a field the form shows go next to it; others (e.g. "the programme has ended") to the summary.</summary>
    private void AddErrors(CommandResult result, IReadOnlySet<string> fields)
    {
        ModelState.AddFieldErrors(result.Errors.Where(e => fields.Contains(e.Field)), t);
        foreach (var error in result.Errors.Where(e => !fields.Contains(e.Field)))
        {
            ModelState.AddModelError(string.Empty, t.Message(error));
        }
    }

    /// <summary>Why a decision of this kind cannot be made now, shown before the caseworker fills in the form.</summary>
    public static string? Obstacle(DecisionKind kind, ParticipantStatus status) => kind switch
    {
        DecisionKind.Resumption when status != ParticipantStatus.Stopped => DecisionErrors.NotStopped,
        not DecisionKind.Resumption when ParticipantStatusRules.IsEnded(status) => DecisionErrors.ProgrammeEnded,
        _ => null,
    };
}
