using IntroProgram.Domain.Auditing;
using IntroProgram.Domain.Ledger;
using IntroProgram.Domain.Programme;
using IntroProgram.Infrastructure;
using IntroProgram.Infrastructure.Auditing;
using IntroProgram.Infrastructure.Data;
using IntroProgram.Infrastructure.Ledger;
using IntroProgram.Infrastructure.Participants;
using IntroProgram.Web.Features.Shared;
using IntroProgram.Web.Identity;
using IntroProgram.Web.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace IntroProgram.Web.Features.Hours;

/// <summary>
/// A coordinator's hour and absence forms for one participant, and voiding a wrong entry. Each form's validator
/// (beside its model) checks what the form alone can show; the ledger checks the rest against the participant's rows
/// under a lock. This controller turns both into field errors (400) or a redirect back to the participant.
/// </summary>
[Authorize(Policy = Policies.Coordinator)]
[Route("participants/{id:guid}")]
public sealed class HoursController(AppDbContext db, HourLedger ledger, AuditLog audit, TimeProvider clock, IStringLocalizer<Ui> t) : Controller
{
    private DateOnly Today => clock.OsloToday();

    [HttpGet("hours/new")]
    public async Task<IActionResult> LogHours(Guid id)
    {
        var header = await ReadHeaderAsync(id);
        if (header is null)
        {
            return NotFound();
        }
        await audit.WriteAsync(AuditAction.Read, ParticipantRegistry.RecordType, id.ToString(), id, "hours form");
        return View(new HourEntryForm { FormToken = Guid.NewGuid(), Date = Today, Participant = header });
    }

    [HttpPost("hours/new")]
    public async Task<IActionResult> LogHours(Guid id, HourEntryForm form)
    {
        form.FormToken = UsableToken(form.FormToken);
        if (!ModelState.IsValid)
        {
            return await RefusedAsync(id, form);
        }
        var input = new HourEntryInput(form.Date!.Value, form.Category!.Value, HoursInput.Parse(form.Hours), form.Note);
        var result = await ledger.LogAsync(id, input, form.FormToken, User.UserId());
        return await AnswerAsync(result, id, form, () => t["Hours.Log.Saved", t.EnumText(input.Category), HoursText.Format(input.Hours), input.Date.ToString("d")]);
    }

    [HttpGet("absence/new")]
    public async Task<IActionResult> RecordAbsence(Guid id)
    {
        var header = await ReadHeaderAsync(id);
        if (header is null)
        {
            return NotFound();
        }
        await audit.WriteAsync(AuditAction.Read, ParticipantRegistry.RecordType, id.ToString(), id, "absence form");
        return View(new AbsenceForm { FormToken = Guid.NewGuid(), Date = Today, Participant = header });
    }

    [HttpPost("absence/new")]
    public async Task<IActionResult> RecordAbsence(Guid id, AbsenceForm form)
    {
        form.FormToken = UsableToken(form.FormToken);
        if (!ModelState.IsValid)
        {
            return await RefusedAsync(id, form);
        }
        var input = new AbsenceInput(form.Date!.Value, HoursInput.Parse(form.Hours), form.Excused!.Value, form.Reason);
        var result = await ledger.RecordAbsenceAsync(id, input, form.FormToken, User.UserId());
        return await AnswerAsync(result, id, form, () => t[input.Excused ? "Hours.Absence.SavedExcused" : "Hours.Absence.SavedUnexcused",
            HoursText.Format(input.Hours), input.Date.ToString("d")]);
    }

    [HttpGet("hours/{entryId:guid}/void")]
    public Task<IActionResult> VoidEntry(Guid id, Guid entryId) => ShowVoidAsync(id, VoidKind.Entry, entryId);

    [HttpPost("hours/{entryId:guid}/void")]
    public async Task<IActionResult> VoidEntry(Guid id, Guid entryId, VoidForm form)
    {
        var result = ModelState.IsValid ? await ledger.VoidEntryAsync(id, entryId, form.Reason!, User.UserId()) : Unchecked;
        return await VoidAnsweredAsync(result, id, VoidKind.Entry, entryId, form);
    }

    [HttpGet("absence/{absenceId:guid}/void")]
    public Task<IActionResult> VoidAbsence(Guid id, Guid absenceId) => ShowVoidAsync(id, VoidKind.Absence, absenceId);

    [HttpPost("absence/{absenceId:guid}/void")]
    public async Task<IActionResult> VoidAbsence(Guid id, Guid absenceId, VoidForm form)
    {
        var result = ModelState.IsValid ? await ledger.VoidAbsenceAsync(id, absenceId, form.Reason!, User.UserId()) : Unchecked;
        return await VoidAnsweredAsync(result, id, VoidKind.Absence, absenceId, form);
    }

    /// <summary>A form its validator refused: the errors are in ModelState already; the record is still looked up (404 when not ours).</summary>
    private static readonly CommandResult Unchecked = CommandResult.Invalid([]);

    private async Task<IActionResult> ShowVoidAsync(Guid id, VoidKind kind, Guid recordId)
    {
        var form = new VoidForm { Kind = kind };
        if (!await FillVoidAsync(form, id, recordId))
        {
            return NotFound();
        }
        await audit.WriteAsync(AuditAction.Read, kind == VoidKind.Entry ? HourLedger.EntryRecord : HourLedger.AbsenceRecord, recordId.ToString(), id);
        return View("Void", form);
    }

    private async Task<IActionResult> VoidAnsweredAsync(CommandResult result, Guid id, VoidKind kind, Guid recordId, VoidForm form)
    {
        if (result.Status == CommandStatus.NotFound)
        {
            return NotFound();
        }
        if (result.Succeeded)
        {
            TempData["Notice"] = t[kind == VoidKind.Entry ? "Hours.Void.EntryDone" : "Hours.Void.AbsenceDone"].Value;
            return Redirect(ParticipantUrl(id));
        }
        form.Kind = kind;
        if (!await FillVoidAsync(form, id, recordId))
        {
            return NotFound();
        }
        // "Already voided" is about the record, not the reason field, which the page no longer shows.
        ModelState.AddFieldErrors(result.Errors.Select(e => e.Code == LedgerErrors.AlreadyVoided ? e with { Field = "" } : e), t);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View("Void", form);
    }

    /// <summary>Loads the participant and the record; false when either is not this municipality's or they do not belong together.</summary>
    private async Task<bool> FillVoidAsync(VoidForm form, Guid id, Guid recordId)
    {
        var header = await ReadHeaderAsync(id);
        if (header is null)
        {
            return false;
        }
        var target = form.Kind == VoidKind.Entry
            ? await db.HourEntries.AsNoTracking().Where(e => e.Id == recordId && e.ParticipantId == id)
                .Select(e => new VoidTarget(e.Id, e.Date, e.Hours, e.Category, null, e.Note, e.Source.ToString(), e.RecordedAt,
                    db.Users.Where(u => u.Id == e.RecordedBy).Select(u => u.DisplayName).FirstOrDefault(),
                    e.VoidedAt, db.Users.Where(u => u.Id == e.VoidedBy).Select(u => u.DisplayName).FirstOrDefault(), e.VoidReason))
                .FirstOrDefaultAsync()
            : await db.AbsenceEntries.AsNoTracking().Where(a => a.Id == recordId && a.ParticipantId == id)
                .Select(a => new VoidTarget(a.Id, a.Date, a.Hours, null, a.Excused, a.Reason,
                    a.ClassSessionId == null ? nameof(EntrySource.Manual) : nameof(EntrySource.ClassSession), a.RecordedAt,
                    db.Users.Where(u => u.Id == a.RecordedBy).Select(u => u.DisplayName).FirstOrDefault(),
                    a.VoidedAt, db.Users.Where(u => u.Id == a.VoidedBy).Select(u => u.DisplayName).FirstOrDefault(), a.VoidReason))
                .FirstOrDefaultAsync();
        if (target is null)
        {
            return false;
        }
        form.Participant = header;
        form.Target = target;
        return true;
    }

    private IActionResult Answer(CommandResult result, Guid id, object form, Func<string> notice)
    {
        switch (result.Status)
        {
            case CommandStatus.Done:
            case CommandStatus.AlreadyDone:
                TempData["Notice"] = notice();
                return Redirect(ParticipantUrl(id));
            case CommandStatus.NotFound:
                return NotFound();
            default:
                ModelState.AddFieldErrors(result.Errors, t);
                return Refused(form);
        }
    }

    private ViewResult Refused(object form)
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View(form);
    }

    /// <summary>
    /// The answer to a posted entry or absence. The participant's header is read only when the form is shown again:
    /// a saved post goes straight back to the participant's page (the ledger answers NotFound for a participant of
    /// another municipality, as the header would).
    /// </summary>
    private async Task<IActionResult> AnswerAsync(CommandResult result, Guid id, IParticipantForm form, Func<string> notice) =>
        result.Status is CommandStatus.Done or CommandStatus.AlreadyDone or CommandStatus.NotFound
            ? Answer(result, id, form, notice)
            : await RefusedAsync(id, form, result);

    /// <summary>The form again with its messages (400), or 404 when the participant is not in this municipality.</summary>
    private async Task<IActionResult> RefusedAsync(Guid id, IParticipantForm form, CommandResult? result = null)
    {
        var header = await ReadHeaderAsync(id);
        if (header is null)
        {
            return NotFound();
        }
        form.Participant = header;
        return result is null ? Refused(form) : Answer(result, id, form, () => "");
    }

    /// <summary>A form posted without its token (an old page, a hand-made request) still works, just without double-submit protection.</summary>
    internal static Guid UsableToken(Guid token) => token == Guid.Empty ? Guid.NewGuid() : token;

    internal static string ParticipantUrl(Guid id) => $"/participants/{id}";

    private Task<ParticipantHeader?> ReadHeaderAsync(Guid id) => ReadHeaderAsync(db, id);

    /// <summary>
    /// The participant's name, masked national id and maintained totals in one query, and their approved leave in a
    /// second (so the coordinator sees the days away before logging); null when not in this municipality.
    /// </summary>
    internal static async Task<ParticipantHeader?> ReadHeaderAsync(AppDbContext db, Guid id)
    {
        var row = await (
            from p in db.Participants.AsNoTracking()
            where p.Id == id
            join x in db.ParticipantTotals.AsNoTracking() on p.Id equals x.ParticipantId into totals
            from x in totals.DefaultIfEmpty()
            select new { p.Id, p.GivenName, p.FamilyName, p.NationalIdMasked, p.Status, p.ProgrammeStart, p.ExtraNorwegianHoursGranted, Totals = x })
            .FirstOrDefaultAsync();
        if (row is null)
        {
            return null;
        }
        var sums = row.Totals;
        var leave = LeavePeriod.Merge((await ParticipantRegistry.ApprovedLeaveAsync(db, [id], default))[id]);
        return new ParticipantHeader(row.Id, row.GivenName + " " + row.FamilyName, row.NationalIdMasked, row.Status, row.ProgrammeStart,
            sums?.Hours ?? HourTotals.Zero, row.ExtraNorwegianHoursGranted, sums?.ExcusedAbsenceHours ?? 0m, sums?.UnexcusedAbsenceHours ?? 0m,
            leave);
    }
}
