using IntroProgram.Domain.Programme;
using IntroProgram.Domain.Auditing;
using IntroProgram.Infrastructure.Auditing;
using IntroProgram.Infrastructure.Data;
using IntroProgram.Infrastructure.Decisions;
using IntroProgram.Infrastructure.Identity;
using IntroProgram.Infrastructure.Ledger;
using IntroProgram.Infrastructure.Participants;
using IntroProgram.Web.Features.Shared;
using IntroProgram.Web.Identity;
using IntroProgram.Web.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace IntroProgram.Web.Features.Audit;

/// <summary>
/// The tenant admin's view of the municipality's audit log: newest first, filtered, a page at a time by keyset
/// (at, id) so a deep page costs the same as the first. The tenant query filter limits it to the admin's municipality.
/// </summary>
[Route("admin/audit"), Authorize(Policy = Policies.TenantAdmin)]
public sealed class AuditController(AppDbContext db, AuditLog audit, IStringLocalizer<Ui> t) : Controller
{
    public const int PageSize = 50;
    public const string RecordType = "AuditLog";

    /// <summary>Record types the app writes today, offered as suggestions; the filter takes any type.</summary>
    public static readonly IReadOnlyList<string> KnownRecordTypes =
    [
        ParticipantRegistry.RecordType, HourLedger.EntryRecord, HourLedger.AbsenceRecord, HourLedger.SessionRecord,
        HourImport.RecordType, DecisionRecorder.RecordType, DecisionRecorder.TestRecordType, "User", "Municipality", RecordType,
        Reports.ReportsController.RecordType, "BenefitBasis",
    ];

    [HttpGet("")]
    public async Task<IActionResult> Index(AuditFilter filter)
    {
        var actors = await ActorsAsync(filter.Actor);
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(new AuditPageModel { Filter = filter, Actors = actors, RecordTypes = KnownRecordTypes });
        }

        var events = Filtered(filter);
        if (AuditFilter.TryReadCursor(filter.Before, out var beforeAt, out var beforeId))
        {
            // (at, id) < (beforeAt, beforeId), written so the (tenant_id, at) index bounds the scan.
            events = events.Where(e => e.At <= beforeAt && (e.At < beforeAt || e.Id < beforeId));
        }
        var page = await events.OrderByDescending(e => e.At).ThenByDescending(e => e.Id).Take(PageSize + 1)
            .Select(e => new { e.Id, e.At, e.ActorId, e.Action, e.RecordType, e.RecordId, e.ParticipantId, e.Details })
            .ToListAsync();

        var actorIds = page.Where(e => e.ActorId != null).Select(e => e.ActorId!.Value).Distinct().ToList();
        var actorNames = await db.Users.DisplayNamesAsync(actorIds);
        var participantIds = page.Where(e => e.ParticipantId != null).Select(e => e.ParticipantId!.Value).Distinct().ToList();
        if (filter.Participant is { } filtered)
        {
            participantIds.Add(filtered);
        }
        var participantNames = await db.Participants.AsNoTracking().Where(x => participantIds.Contains(x.Id))
            .Select(x => new { x.Id, Name = x.GivenName + " " + x.FamilyName }).ToDictionaryAsync(x => x.Id, x => x.Name);

        var rows = page.Take(PageSize).Select(e => new AuditRow(e.Id, e.At, e.ActorId,
                e.ActorId is { } a ? actorNames.GetValueOrDefault(a) : null, e.Action, e.RecordType, e.RecordId,
                e.ParticipantId, e.ParticipantId is { } pid ? participantNames.GetValueOrDefault(pid) : null, e.Details))
            .ToList();
        var last = rows.LastOrDefault();

        // Looking at the log shows personal data (participants' names), so the look is logged too.
        await audit.WriteAsync(AuditAction.Read, RecordType, participantId: filter.Participant, details: filter.Describe());

        return View(new AuditPageModel
        {
            Filter = filter,
            Rows = rows,
            OlderCursor = page.Count > PageSize && last is not null ? AuditFilter.Cursor(last.At, last.Id) : null,
            Actors = actors,
            RecordTypes = KnownRecordTypes,
            ParticipantName = filter.Participant is { } id ? participantNames.GetValueOrDefault(id) : null,
        });
    }

    /// <summary>
    /// The filtered log as CSV for Norwegian Excel, newest first, streamed row by row. The export is itself logged
    /// (written before the first row, so an interrupted download is on record too).
    /// </summary>
    [HttpGet("export.csv")]
    public async Task<IActionResult> Export(AuditFilter filter, CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            return BadRequest(ModelState.FirstError() ?? t["Audit.Export.Refused"].Value);
        }
        await audit.WriteAsync(AuditAction.Export, RecordType, "csv", participantId: filter.Participant, details: filter.Describe(), ct: ct);

        var rows = Filtered(filter)
            .OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .GroupJoin(db.Users.AsNoTracking(), e => e.ActorId, u => (Guid?)u.Id, (e, users) => new { e, users })
            .SelectMany(x => x.users.DefaultIfEmpty(), (x, u) => new
            {
                x.e.At, x.e.ActorId, ActorName = u == null ? null : u.DisplayName, x.e.Action, x.e.RecordType, x.e.RecordId,
                x.e.ParticipantId, x.e.Details,
            })
            .AsAsyncEnumerable();

        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = "attachment; filename=\"logg.csv\"";
        await using var csv = new Infrastructure.Reporting.ExcelCsvWriter(Response.Body);
        csv.Row(t["Audit.Export.When"], t["Audit.Column.Who"], t["Audit.Export.UserId"], t["Audit.Column.Action"], t["Audit.Column.RecordType"],
            t["Audit.Column.RecordId"], t["Audit.Export.ParticipantId"], t["Audit.Column.Details"]);
        await csv.EndRowAsync(ct);
        await foreach (var e in rows.WithCancellation(ct))
        {
            csv.Text(OsloTime.ToOslo(e.At).ToString("dd.MM.yyyy HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture))
                .Text(e.ActorId is null ? t["Audit.System"] : e.ActorName ?? t["Audit.UnknownUser"])
                .Text(e.ActorId?.ToString()).Text(t["Audit.Action." + e.Action]).Text(e.RecordType).Text(e.RecordId)
                .Text(e.ParticipantId?.ToString()).Text(e.Details);
            await csv.EndRowAsync(ct);
        }
        return new EmptyResult();
    }

    private IQueryable<AuditEvent> Filtered(AuditFilter filter)
    {
        var events = db.AuditEvents.AsNoTracking();
        if (filter.Action is { } action)
        {
            events = events.Where(e => e.Action == action);
        }
        if (!string.IsNullOrWhiteSpace(filter.RecordType))
        {
            var type = filter.RecordType.Trim();
            events = events.Where(e => e.RecordType == type);
        }
        if (filter.Actor is { } actor)
        {
            events = events.Where(e => e.ActorId == actor);
        }
        if (filter.Participant is { } participant)
        {
            events = events.Where(e => e.ParticipantId == participant);
        }
        if (filter.From is { } from)
        {
            var start = OsloTime.StartOfDay(from);
            events = events.Where(e => e.At >= start);
        }
        if (filter.To is { } to)
        {
            var end = OsloTime.StartOfDay(to.AddDays(1));
            events = events.Where(e => e.At < end);
        }
        return events;
    }

    /// <summary>The municipality's staff, for the "who" filter (participants act in their own portal and are found by participant).</summary>
    private async Task<IReadOnlyList<ActorOption>> ActorsAsync(Guid? selected) =>
        await db.Users.AsNoTracking()
            .Where(u => u.Id == selected || db.UserRoles.Any(ur => ur.UserId == u.Id
                && db.Roles.Any(r => r.Id == ur.RoleId && r.Name != Roles.Participant)))
            .OrderBy(u => u.DisplayName)
            .Select(u => new ActorOption(u.Id, u.DisplayName))
            .ToListAsync();
}
