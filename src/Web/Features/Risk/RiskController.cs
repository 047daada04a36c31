using IntroProgram.Domain.Auditing;
using IntroProgram.Domain.Participants;
using IntroProgram.Domain.Risk;
using IntroProgram.Infrastructure.Auditing;
using IntroProgram.Infrastructure.Data;
using IntroProgram.Infrastructure.Identity;
using IntroProgram.Infrastructure.Jobs;
using IntroProgram.Web.Features.Shared;
using IntroProgram.Web.Identity;
using IntroProgram.Web.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace IntroProgram.Web.Features.Risk;

/// <summary>Risk flags: acknowledging them, asking for an evaluation now, and the runs of the evaluation.</summary>
public sealed class RiskController(AppDbContext db, AuditLog audit, TimeProvider clock, IStringLocalizer<Ui> t) : Controller
{
    /// <summary>Queues one evaluation of the caller's municipality; repeated clicks while it waits queue nothing more.</summary>
    [HttpPost("/risk/evaluate"), Authorize(Policy = Policies.Coordinator)]
    public async Task<IActionResult> Evaluate([FromServices] JobRequests requests, string? returnUrl)
    {
        var queued = await requests.RequestEvaluationAsync(db.CurrentTenantId!.Value, HttpContext.RequestAborted);
        TempData["Notice"] = t[queued ? "Risk.Evaluate.Queued" : "Risk.Evaluate.AlreadyQueued"].Value;
        return this.RedirectBack(returnUrl);
    }

    [HttpPost("/risk/flags/{id:guid}/acknowledge"), Authorize(Policy = Policies.Coordinator)]
    public async Task<IActionResult> Acknowledge(Guid id, AcknowledgementForm form, string? returnUrl)
    {
        var flag = await db.RiskFlags.FirstOrDefaultAsync(f => f.Id == id);
        if (flag is null)
        {
            return NotFound();
        }
        // Decided before anything is saved: the answer after the save cannot fail on the address.
        var back = ReturnUrls.LocalOr(Url, returnUrl, $"/participants/{flag.ParticipantId}");
        if (!ModelState.IsValid)
        {
            TempData["Error"] = ModelState.FirstError();
            return LocalRedirect(back);
        }
        flag.AcknowledgedAt = clock.GetUtcNow();
        flag.AcknowledgedBy = User.UserId();
        flag.AcknowledgementNote = form.Note!.Trim();
        // The note is kept with the flag and in the audit log (only the municipality's admins read it there).
        audit.Add(AuditAction.Change, "RiskFlag", flag.Id.ToString(), flag.ParticipantId, $"acknowledged {flag.Rule}: {flag.AcknowledgementNote}");
        await db.SaveChangesAsync();
        TempData["Notice"] = t["Risk.Flags.AcknowledgedNotice"].Value;
        return LocalRedirect(back);
    }

    /// <summary>The municipality's runs, for its admins.</summary>
    [HttpGet("/admin/risk-runs"), Authorize(Policy = Policies.TenantAdmin)]
    public async Task<IActionResult> TenantRuns()
    {
        var runs = await db.Set<RiskEvaluationResult>().AsNoTracking().OrderByDescending(r => r.StartedAt).Take(100).ToListAsync();
        return View("TenantRuns", runs);
    }

    /// <summary>Every run across municipalities, for the platform operator: counts only.</summary>
    [HttpGet("/platform/risk-runs"), Authorize(Policy = Policies.Platform)]
    public async Task<IActionResult> PlatformRuns()
    {
        var runs = await db.Set<RiskEvaluationRun>().AsNoTracking().OrderByDescending(r => r.StartedAt).Take(100).ToListAsync();
        return View("PlatformRuns", runs);
    }
}

/// <summary>Reads open flags with their explanations, for the start page and the participant page.</summary>
public sealed class RiskFlagReader(AppDbContext db, IStringLocalizer<Ui> t)
{
    public async Task<IReadOnlyList<RiskFlagView>> OpenAsync(Guid? participantId = null, Guid? coordinatorId = null, int take = 200)
    {
        var rows = await db.RiskFlags.AsNoTracking()
            .Where(f => f.ResolvedAt == null && (participantId == null || f.ParticipantId == participantId))
            .Join(db.Participants, f => f.ParticipantId, p => p.Id, (f, p) => new { Flag = f, p.GivenName, p.FamilyName, p.CoordinatorId, p.Status })
            .Where(x => coordinatorId == null || x.CoordinatorId == coordinatorId)
            .OrderByDescending(x => x.Flag.Severity).ThenBy(x => x.Flag.FirstSeenAt)
            .Take(take)
            .ToListAsync();
        var ackIds = rows.Where(r => r.Flag.AcknowledgedBy != null).Select(r => r.Flag.AcknowledgedBy!.Value).Distinct().ToList();
        var names = await db.Users.DisplayNamesAsync(ackIds);
        return rows.Select(r => RiskFlagTexts.View(t, r.Flag, r.GivenName + " " + r.FamilyName,
            r.Flag.AcknowledgedBy is { } by ? names.GetValueOrDefault(by) : null)).ToList();
    }
}

public sealed record RiskFlagListModel(IReadOnlyList<RiskFlagView> Flags, bool ShowParticipant, bool CanAcknowledge, string ReturnUrl);
