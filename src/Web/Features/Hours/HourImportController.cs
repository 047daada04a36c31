using IntroProgram.Domain.Auditing;
using IntroProgram.Infrastructure;
using IntroProgram.Infrastructure.Auditing;
using IntroProgram.Infrastructure.Data;
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
/// Hours from the adult-education school's CSV export: upload, a preview with every problem by row and column, then
/// an all-or-nothing commit. The commit form carries the file itself, and the commit checks it all again.
/// </summary>
[Authorize(Policy = Policies.Coordinator)]
[Route("hours/import")]
public sealed class HourImportController(AppDbContext db, HourImport import, AuditLog audit, IStringLocalizer<Ui> t) : Controller
{
    private const string UploadView = "/Features/Hours/Import.cshtml";
    private const string PreviewView = "/Features/Hours/ImportPreview.cshtml";
    private const string ReceiptView = "/Features/Hours/ImportReceipt.cshtml";
    private const string FileField = nameof(ImportUploadForm.File);

    /// <summary>The 2 MB file, multipart framing, and room for the base64 copy the commit form carries (4/3 of the file).</summary>
    private const long MaxRequestBytes = 3 * 1024 * 1024 + 512 * 1024;

    [HttpGet("")]
    public async Task<IActionResult> Upload() => View(UploadView, await UploadPageAsync());

    [HttpPost("")]
    [RequestSizeLimit(MaxRequestBytes)]
    [RequestFormLimits(MultipartBodyLengthLimit = MaxRequestBytes)]
    public async Task<IActionResult> Upload(ImportUploadForm form)
    {
        var file = form.File;
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(UploadView, await UploadPageAsync());
        }
        byte[] content;
        await using (var stream = file!.OpenReadStream())
        {
            using var buffer = new MemoryStream((int)file.Length);
            await stream.CopyToAsync(buffer);
            content = buffer.ToArray();
        }
        var preview = await import.PreviewAsync(content);
        await audit.WriteAsync(AuditAction.Read, HourImport.RecordType, null, null,
            $"preview: rows {preview.Rows.Count}, new {preview.NewCount}, refused {preview.RefusedCount}");
        return View(PreviewView, await PreviewPageAsync(preview, file.FileName, content));
    }

    [HttpPost("commit")]
    [RequestSizeLimit(MaxRequestBytes)]
    [RequestFormLimits(MultipartBodyLengthLimit = MaxRequestBytes, ValueLengthLimit = (int)MaxRequestBytes)]
    public async Task<IActionResult> Commit(string? content, string? fileName)
    {
        fileName = string.IsNullOrWhiteSpace(fileName) ? "import.csv" : fileName;
        if (!TryDecode(content, out var bytes))
        {
            ModelState.AddModelError(FileField, t["Hours.Import.Broken"]);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(UploadView, await UploadPageAsync());
        }
        var (result, preview) = await import.CommitAsync(bytes, fileName, User.UserId());
        switch (result.Status)
        {
            case CommandStatus.Done:
                TempData["Notice"] = t["Hours.Import.Imported"].Value;
                return Redirect($"/hours/import/{result.Id}");
            case CommandStatus.AlreadyDone when result.Id is { } earlier:
                TempData["Notice"] = t["Hours.Import.NothingNew"].Value;
                return Redirect($"/hours/import/{earlier}");
            case CommandStatus.AlreadyDone:
                // Someone committed the same rows from another file a moment ago: show what the file holds now.
                preview = await import.PreviewAsync(bytes);
                ModelState.AddModelError(FileField, t["Hours.Import.ChangedMeanwhile"]);
                break;
            default:
                ModelState.AddModelError(FileField, t[NothingToImport(preview) ? "Hours.Import.AllImportedBefore" : (result.Errors.Count > 0 ? result.Errors[0].Code : "Import.HasErrors")]);
                break;
        }
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View(PreviewView, await PreviewPageAsync(preview, fileName, bytes));
    }

    [HttpGet("{batchId:guid}")]
    public async Task<IActionResult> Receipt(Guid batchId)
    {
        var batch = await Batches(db.ImportBatches.Where(b => b.Id == batchId)).FirstOrDefaultAsync();
        return batch is null ? NotFound() : View(ReceiptView, batch);
    }

    private async Task<ImportPage> UploadPageAsync() =>
        new() { Recent = await Batches(db.ImportBatches.OrderByDescending(b => b.ImportedAt).Take(10)).ToListAsync() };

    private async Task<ImportPreviewPage> PreviewPageAsync(ImportPreview preview, string fileName, byte[] content)
    {
        var earlier = preview.EarlierBatchId is { } id ? await Batches(db.ImportBatches.Where(b => b.Id == id)).FirstOrDefaultAsync() : null;
        return new ImportPreviewPage
        {
            Preview = preview,
            FileName = Path.GetFileName(fileName),
            Content = preview.CanCommit ? Convert.ToBase64String(content) : null,
            EarlierBatch = earlier,
        };
    }

    /// <summary>A clean file whose every row came in with an earlier file.</summary>
    internal static bool NothingToImport(ImportPreview preview) =>
        preview.FileErrors.Count == 0 && preview.RefusedCount == 0 && preview.NewCount == 0 && preview.AlreadyImportedCount > 0;

    private IQueryable<ImportBatchRow> Batches(IQueryable<Domain.Ledger.ImportBatch> batches) =>
        batches.AsNoTracking().Select(b => new ImportBatchRow(b.Id, b.FileName, b.ImportedCount, b.SkippedCount, b.ImportedHours, b.ImportedAt,
            db.Users.Where(u => u.Id == b.ImportedBy).Select(u => u.DisplayName).FirstOrDefault()));

    private static bool TryDecode(string? base64, out byte[] bytes)
    {
        bytes = [];
        if (string.IsNullOrEmpty(base64) || base64.Length > (HourImport.MaxFileBytes + 2) / 3 * 4)
        {
            return false;
        }
        var buffer = new byte[base64.Length / 4 * 3 + 3];
        if (!Convert.TryFromBase64String(base64, buffer, out var written))
        {
            return false;
        }
        bytes = buffer[..written];
        return true;
    }
}
