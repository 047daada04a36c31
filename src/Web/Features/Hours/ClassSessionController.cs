using IntroProgram.Domain.Programme;
using IntroProgram.Domain.Auditing;
using IntroProgram.Domain.Ledger;
using IntroProgram.Domain.Participants;
using IntroProgram.Infrastructure.Auditing;
using IntroProgram.Infrastructure.Data;
using IntroProgram.Infrastructure.Identity;
using IntroProgram.Infrastructure.Ledger;
using IntroProgram.Web.Features.Shared;
using IntroProgram.Web.Identity;
using IntroProgram.Web.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace IntroProgram.Web.Features.Hours;

/// <summary>
/// One lesson for a group: hours for everyone who attended and absence for those who did not, in one transaction.
/// If one participant's row breaks a rule nothing is written, and the form comes back with the error in that row.
/// </summary>
[Authorize(Policy = Policies.Coordinator)]
[Route("hours/session")]
public sealed class ClassSessionController(AppDbContext db, HourLedger ledger, AuditLog audit, TimeProvider clock, IStringLocalizer<Ui> t) : Controller
{
    private const string FormView = "/Features/Hours/Session.cshtml";
    private const string ReceiptView = "/Features/Hours/SessionReceipt.cshtml";

    /// <summary>One radio value per listed participant: "show all" in a large municipality lists thousands.</summary>
    private const int MaxFormValues = 20_000;

    private DateOnly Today => clock.OsloToday();

    /// <param name="all">Every active participant of the municipality instead of one coordinator's.</param>
    /// <param name="coordinator">Whose participants to list; the signed-in coordinator's by default.</param>
    [HttpGet("")]
    public async Task<IActionResult> Create(bool all = false, Guid? coordinator = null)
    {
        var form = new ClassSessionForm { FormToken = Guid.NewGuid(), Date = Today, All = all, Coordinator = coordinator };
        await FillAsync(form);
        return View(FormView, form);
    }

    [HttpPost("")]
    [RequestFormLimits(ValueCountLimit = MaxFormValues)]
    public async Task<IActionResult> Create(ClassSessionForm form)
    {
        form.FormToken = HoursController.UsableToken(form.FormToken);
        await FillAsync(form);
        if (!ModelState.IsValid)
        {
            ShowRowErrorsInTheirRows(form);
            return Refused(form);
        }
        // Only rows that are part of the session go to the ledger; "not in this group" leaves the participant out.
        var attendance = form.Attendance.Where(a => a.Value != SessionChoices.NotInGroup).ToDictionary(a => a.Key, a => Enum.Parse<Attendance>(a.Value));
        var result = await ledger.LogClassSessionAsync(
            new ClassSessionInput(form.Date!.Value, form.Category!.Value, HoursInput.Parse(form.Hours), form.Title, attendance), form.FormToken, User.UserId());

        if (result.Succeeded)
        {
            TempData["Notice"] = t["Hours.Session.Saved"].Value;
            return Redirect($"/hours/session/{result.Id}");
        }
        var rowKeys = form.Attendance.Keys.ToDictionary(LedgerFields.AttendanceOf);
        foreach (var error in result.Errors)
        {
            if (rowKeys.TryGetValue(error.Field, out var participantId))
            {
                AddRowError(form, participantId, t[error.Code]);
            }
            else
            {
                ModelState.AddModelError(error.Field, t[error.Code]);
            }
        }
        return Refused(form);
    }

    [HttpGet("{sessionId:guid}")]
    public async Task<IActionResult> Receipt(Guid sessionId)
    {
        var session = await db.ClassSessions.AsNoTracking().Where(s => s.Id == sessionId)
            .Select(s => new
            {
                s.Id, s.Date, s.Category, s.Hours, s.Title, s.AttendedCount, s.AbsentCount, s.RecordedAt,
                RecordedBy = db.Users.Where(u => u.Id == s.RecordedBy).Select(u => u.DisplayName).FirstOrDefault(),
            })
            .FirstOrDefaultAsync();
        if (session is null)
        {
            return NotFound();
        }
        var attended = await (
            from e in db.HourEntries.AsNoTracking()
            where e.ClassSessionId == sessionId
            join p in db.Participants.AsNoTracking() on e.ParticipantId equals p.Id
            select new { p.GivenName, p.FamilyName, p.NationalIdMasked, Attendance = Attendance.Attended, Voided = e.VoidedAt != null })
            .ToListAsync();
        var absent = await (
            from a in db.AbsenceEntries.AsNoTracking()
            where a.ClassSessionId == sessionId && a.Date == session.Date // the date narrows the rows to look at
            join p in db.Participants.AsNoTracking() on a.ParticipantId equals p.Id
            select new
            {
                p.GivenName, p.FamilyName, p.NationalIdMasked,
                Attendance = a.Excused ? Attendance.AbsentExcused : Attendance.AbsentUnexcused, Voided = a.VoidedAt != null,
            })
            .ToListAsync();
        var members = attended.Concat(absent)
            .OrderBy(m => m.FamilyName, StringComparer.CurrentCulture).ThenBy(m => m.GivenName, StringComparer.CurrentCulture)
            .Select(m => new SessionMember(m.GivenName + " " + m.FamilyName, m.NationalIdMasked, m.Attendance, m.Voided))
            .ToList();
        await audit.WriteAsync(AuditAction.Read, HourLedger.SessionRecord, sessionId.ToString());
        return View(ReceiptView, new ClassSessionReceipt(session.Id, session.Date, session.Category, session.Hours, session.Title,
            session.AttendedCount, session.AbsentCount, session.RecordedAt, session.RecordedBy, members));
    }

    /// <summary>The rows of the form, <c>Attendance[participant id]=choice</c>; other fields and malformed names are ignored.</summary>
    internal static Dictionary<Guid, string> AttendanceFrom(IFormCollection form)
    {
        const string prefix = LedgerFields.Attendance + "[";
        var rows = new Dictionary<Guid, string>();
        foreach (var (key, value) in form)
        {
            if (key.StartsWith(prefix, StringComparison.Ordinal) && key.EndsWith(']')
                && Guid.TryParse(key.AsSpan(prefix.Length, key.Length - prefix.Length - 1), out var id))
            {
                rows[id] = value.ToString();
            }
        }
        return rows;
    }

    private ViewResult Refused(ClassSessionForm form)
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View(FormView, form);
    }

    /// <summary>The validator keys a row's error by the row's field; the row shows it, and the summary names the participant.</summary>
    private void ShowRowErrorsInTheirRows(ClassSessionForm form)
    {
        foreach (var participantId in form.Attendance.Keys)
        {
            if (ModelState.TryGetValue(LedgerFields.AttendanceOf(participantId), out var entry) && entry.Errors.Count > 0)
            {
                var messages = entry.Errors.Select(e => e.ErrorMessage).ToList();
                entry.Errors.Clear();
                messages.ForEach(message => AddRowError(form, participantId, message));
            }
        }
    }

    /// <summary>The error goes next to the participant's row, and to the summary with the participant's name.</summary>
    private void AddRowError(ClassSessionForm form, Guid participantId, string message)
    {
        var name = form.Participants.FirstOrDefault(p => p.Id == participantId)?.Name ?? t["Hours.Session.UnknownParticipant"];
        ModelState.AddModelError(LedgerFields.AttendanceOf(participantId), t["Hours.Session.RowError", name, message]);
        if (!form.RowErrors.TryGetValue(participantId, out var messages))
        {
            form.RowErrors[participantId] = messages = [];
        }
        messages.Add(message);
    }

    /// <summary>
    /// The coordinators to filter by and the participants to list: active and on-leave participants of the chosen
    /// coordinator (or all), sorted by family name, plus anyone already ticked so a re-shown form keeps every row.
    /// </summary>
    private async Task FillAsync(ClassSessionForm form)
    {
        form.Coordinator ??= User.UserId();
        var ct = HttpContext.RequestAborted;
        form.Coordinators = (await db.StaffWithRoleAsync(Roles.Coordinator, current: null, ct)).Select(u => new CoordinatorOption(u.Id, u.DisplayName)).ToList();

        var ticked = form.Attendance.Where(a => a.Value != SessionChoices.NotInGroup).Select(a => a.Key).ToArray();
        form.Participants = await GroupOf(db, form.Coordinator, form.All, ticked).ListAsync(ct);
    }

    // Compiled, as the coordinators are (UserNames.StaffWithRoleAsync): the form is opened for every lesson
    // (docs/performance.md). The municipality's query filter applies as to any other query.
    private static readonly Func<AppDbContext, Guid?, bool, Guid[], IAsyncEnumerable<SessionParticipantRow>> GroupOf =
        EF.CompileAsyncQuery((AppDbContext db, Guid? coordinator, bool all, Guid[] ticked) => db.Participants.AsNoTracking()
            .Where(p => ((p.Status == ParticipantStatus.Active || p.Status == ParticipantStatus.OnLeave) && (all || p.CoordinatorId == coordinator))
                        || ticked.Contains(p.Id))
            .OrderBy(p => p.FamilyName).ThenBy(p => p.GivenName)
            .Select(p => new SessionParticipantRow(p.Id, p.GivenName, p.FamilyName, p.NationalIdMasked, p.Status)));
}
