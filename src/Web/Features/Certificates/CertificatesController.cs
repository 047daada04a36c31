using IntroProgram.Domain.Programme;
using System.Globalization;
using IntroProgram.Domain.Certificates;
using IntroProgram.Infrastructure;
using IntroProgram.Infrastructure.Certificates;
using IntroProgram.Infrastructure.Data;
using IntroProgram.Infrastructure.Identity;
using IntroProgram.Infrastructure.Pdf;
using IntroProgram.Web.Features.Decisions;
using IntroProgram.Web.Features.Shared;
using IntroProgram.Web.Identity;
using IntroProgram.Web.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace IntroProgram.Web.Features.Certificates;

/// <summary>
/// Certificates for caseworkers (eligibility, preview, issue, revoke, batches), for staff (lists, details, downloads)
/// and for participants (their own). Every load goes through the municipality's query filter: another
/// municipality's certificate answers 404, and so does another participant's.
/// </summary>
public sealed class CertificatesController(
    AppDbContext db, CertificateIssuer issuer, CertificateBatchRequests batches, IOptions<PublicAddressOptions> address, TimeProvider clock,
    IStringLocalizer<Ui> t)
    : Controller
{
    /// <summary>The browser could not make the PDF; nothing was issued.</summary>
    public const string PdfFailed = "Certificates.PdfFailed";

    [HttpGet("participants/{id:guid}/certificates"), Authorize(Policy = Policies.Staff)]
    public async Task<IActionResult> Participant(Guid id)
    {
        var model = await ParticipantModelAsync(id);
        return model is null ? NotFound() : View(model);
    }

    [HttpGet("participants/{id:guid}/certificates/preview/{kind}"), Authorize(Policy = Policies.Caseworker)]
    public async Task<IActionResult> Preview(Guid id, string kind)
    {
        if (!CertificateSlugs.TryParse(kind, out var certificateKind))
        {
            return NotFound();
        }
        var (result, pdf) = await issuer.PreviewAsync(id, certificateKind, User.UserId(), HttpContext.RequestAborted);
        if (result.Status == CommandStatus.NotFound)
        {
            return NotFound();
        }
        if (pdf is null)
        {
            return await RefusedAsync(id, result);
        }
        Response.Headers.CacheControl = "no-store";
        return File(pdf, "application/pdf", $"forhandsvisning-{kind}.pdf");
    }

    [HttpPost("participants/{id:guid}/certificates/issue/{kind}"), Authorize(Policy = Policies.Caseworker)]
    public async Task<IActionResult> Issue(Guid id, string kind)
    {
        if (!CertificateSlugs.TryParse(kind, out var certificateKind))
        {
            return NotFound();
        }
        CommandResult result;
        try
        {
            result = await issuer.IssueAsync(id, certificateKind, User.UserId(), ct: HttpContext.RequestAborted);
        }
        catch (PdfRenderingException)
        {
            // The issue rolled back, its number with it: nothing was issued, and the caseworker can simply try again.
            return await RefusedAsync(id, CommandResult.Invalid("", PdfFailed), StatusCodes.Status503ServiceUnavailable);
        }
        if (result.Status == CommandStatus.NotFound)
        {
            return NotFound();
        }
        if (!result.Succeeded)
        {
            return await RefusedAsync(id, result);
        }
        TempData["Notice"] = t["Certificates.Issued"].Value;
        return Redirect($"/certificates/{result.Id}");
    }

    [HttpGet("certificates"), Authorize(Policy = Policies.Staff)]
    public async Task<IActionResult> Index(int? year, string? kind, string? status, int page = 1)
    {
        page = Math.Clamp(page, 1, 100_000);
        var query = db.Certificates.AsNoTracking();
        if (year is { } y)
        {
            query = query.Where(c => c.Year == y);
        }
        if (CertificateSlugs.TryParse(kind, out var k))
        {
            query = query.Where(c => c.Kind == k);
        }
        query = status switch
        {
            "valid" => query.Where(c => c.RevokedAt == null),
            "revoked" => query.Where(c => c.RevokedAt != null),
            _ => query,
        };
        var rows = await Rows(query.OrderByDescending(c => c.Year).ThenByDescending(c => c.Sequence)
            .Skip((page - 1) * CertificateListModel.PageSize).Take(CertificateListModel.PageSize + 1)).ToListAsync();
        var years = await db.Certificates.AsNoTracking().Select(c => c.Year).Distinct().OrderByDescending(y => y).ToListAsync();
        return View(new CertificateListModel
        {
            Year = year, Kind = CertificateSlugs.TryParse(kind, out _) ? kind : null, Status = status is "valid" or "revoked" ? status : null,
            Page = page, Rows = rows.Take(CertificateListModel.PageSize).ToList(), HasMore = rows.Count > CertificateListModel.PageSize, Years = years,
        });
    }

    [HttpGet("certificates/{certificateId:guid}"), Authorize(Policy = Policies.Staff)]
    public async Task<IActionResult> Details(Guid certificateId)
    {
        var model = await DetailsModelAsync(certificateId);
        return model is null ? NotFound() : View(model);
    }

    [HttpPost("certificates/{certificateId:guid}/revoke"), Authorize(Policy = Policies.Caseworker)]
    public async Task<IActionResult> Revoke(Guid certificateId, string? reason)
    {
        var result = await issuer.RevokeAsync(certificateId, reason, User.UserId(), HttpContext.RequestAborted);
        if (result.Status == CommandStatus.NotFound)
        {
            return NotFound();
        }
        if (result.Succeeded)
        {
            TempData["Notice"] = t["Certificates.Revoked"].Value;
            return Redirect($"/certificates/{certificateId}");
        }
        ModelState.AddFieldErrors(result.Errors, t);
        var model = (await DetailsModelAsync(certificateId))!;
        model.Reason = reason;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View(nameof(Details), model);
    }

    /// <summary>
    /// The stored PDF, byte for byte. Staff of the municipality may fetch any of its certificates; a participant only
    /// their own (anything else is 404, as if it did not exist).
    /// </summary>
    [HttpGet("certificates/{certificateId:guid}/pdf"), Authorize]
    public async Task<IActionResult> Download(Guid certificateId)
    {
        var isStaff = Roles.Staff.Any(User.IsInRole);
        if (!isStaff)
        {
            if (!User.IsInRole(Roles.Participant))
            {
                return NotFound();
            }
            var userId = User.UserId();
            var own = await db.Certificates.AsNoTracking().AnyAsync(c => c.Id == certificateId
                && db.Participants.Any(p => p.Id == c.ParticipantId && p.UserId == userId));
            if (!own)
            {
                return NotFound();
            }
        }
        var file = await issuer.DownloadAsync(certificateId, User.UserId(), HttpContext.RequestAborted);
        if (file is null)
        {
            return NotFound();
        }
        Response.Headers.CacheControl = "private, no-store";
        return File(file.Value.Pdf, "application/pdf", $"bevis-{file.Value.Number}.pdf");
    }

    [HttpGet("me/certificates"), Authorize(Policy = Policies.Participant)]
    public async Task<IActionResult> Mine()
    {
        var userId = User.UserId();
        var mine = await db.Certificates.AsNoTracking()
            .Where(c => db.Participants.Any(p => p.Id == c.ParticipantId && p.UserId == userId))
            .OrderByDescending(c => c.IssuedAt)
            .Select(c => new MyCertificate(c.Id, c.Number, c.Kind, c.IssuedOn, c.RevokedAt != null)).ToListAsync();
        return View(mine);
    }

    [HttpGet("certificates/batches"), Authorize(Policy = Policies.Caseworker)]
    public async Task<IActionResult> Batches() => View(await BatchesModelAsync());

    [HttpPost("certificates/batches"), Authorize(Policy = Policies.Caseworker)]
    public async Task<IActionResult> Batches(BatchMonthForm form)
    {
        if (!ModelState.IsValid || !MonthInput.TryParse(form.Month, out var first))
        {
            var model = await BatchesModelAsync();
            model.Month = form.Month;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(model);
        }
        var id = await batches.QueueAsync(first, User.UserId(), HttpContext.RequestAborted);
        return Redirect($"/certificates/batches/{id}");
    }

    [HttpGet("certificates/batches/{batchId:guid}"), Authorize(Policy = Policies.Caseworker)]
    public async Task<IActionResult> Batch(Guid batchId)
    {
        var batch = await db.CertificateBatches.AsNoTracking().FirstOrDefaultAsync(b => b.Id == batchId);
        if (batch is null)
        {
            return NotFound();
        }
        var issued = await Rows(db.Certificates.AsNoTracking().Where(c => c.BatchId == batchId).OrderBy(c => c.Sequence)).ToListAsync();
        return View(new BatchProgressModel(batch, issued));
    }

    private async Task<CertificateBatchesModel> BatchesModelAsync() => new()
    {
        Batches = await db.CertificateBatches.AsNoTracking().OrderByDescending(b => b.RequestedAt).Take(20).ToListAsync(),
        Month = clock.OsloToday().AddMonths(-1).ToString("yyyy-MM", CultureInfo.InvariantCulture),
    };

    private IQueryable<CertificateRow> Rows(IQueryable<Certificate> query) =>
        query.Select(c => new CertificateRow(c.Id, c.Number, c.Kind, c.IssuedOn, c.ParticipantId,
            db.Participants.Where(p => p.Id == c.ParticipantId).Select(p => p.GivenName + " " + p.FamilyName).First(),
            c.IssuerName, c.RevokedAt != null));

    private async Task<IActionResult> RefusedAsync(Guid id, CommandResult result, int status = StatusCodes.Status400BadRequest)
    {
        ModelState.AddFieldErrors(result.Errors, t);
        var model = await ParticipantModelAsync(id);
        if (model is null)
        {
            return NotFound();
        }
        Response.StatusCode = status;
        return View(nameof(Participant), model);
    }

    private async Task<ParticipantCertificatesModel?> ParticipantModelAsync(Guid id)
    {
        var header = await HeaderAsync(id);
        var standing = header is null ? null : await issuer.StandingAsync(id, HttpContext.RequestAborted);
        if (header is null || standing is null)
        {
            return null;
        }
        var issued = await Rows(db.Certificates.AsNoTracking().Where(c => c.ParticipantId == id).OrderByDescending(c => c.IssuedAt)).ToListAsync();
        return new ParticipantCertificatesModel { Participant = header, Standing = standing, Issued = issued, CanIssue = User.IsInRole(Roles.Caseworker) };
    }

    private Task<ParticipantHeader?> HeaderAsync(Guid id) =>
        db.Participants.AsNoTracking().Where(p => p.Id == id)
            .Select(p => new ParticipantHeader(p.Id, p.GivenName + " " + p.FamilyName, p.NationalIdMasked, p.Status)).FirstOrDefaultAsync();

    private async Task<CertificateDetailsModel?> DetailsModelAsync(Guid certificateId)
    {
        var certificate = await db.Certificates.AsNoTracking().FirstOrDefaultAsync(c => c.Id == certificateId);
        if (certificate is null)
        {
            return null;
        }
        var header = (await HeaderAsync(certificate.ParticipantId))!;
        var replaces = certificate.ReplacesId is { } r
            ? await db.Certificates.AsNoTracking().Where(c => c.Id == r).Select(c => c.Number).FirstOrDefaultAsync() : null;
        var revokedBy = certificate.RevokedBy is { } u
            ? await db.Users.AsNoTracking().Where(x => x.Id == u).Select(x => x.DisplayName).FirstOrDefaultAsync() : null;
        return new CertificateDetailsModel
        {
            Certificate = certificate,
            Participant = header,
            VerificationUrl = address.Value.Link("/verify/" + certificate.VerificationCode),
            ReplacesNumber = replaces,
            RevokedByName = revokedBy,
            CanRevoke = User.IsInRole(Roles.Caseworker) && !certificate.IsRevoked,
        };
    }
}

public sealed record BatchProgressModel(CertificateBatch Batch, IReadOnlyList<CertificateRow> Issued);
