using IntroProgram.Infrastructure.Certificates;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace IntroProgram.Web.Features.Verify;

public sealed record VerifyModel(string Code, VerifiedCertificate? Certificate, bool? UploadMatches, bool UploadMissing);

/// <summary>
/// The public page a QR code on a certificate points to: anyone holding the document (an immigration officer, an
/// employer) can see that it is genuine and still valid, and check a PDF file against the issued bytes. No sign-in;
/// rate-limited per address; shows no more than the document itself, and less (initials and birth year only).
/// </summary>
[AllowAnonymous, EnableRateLimiting(VerifyController.RateLimitPolicy)]
public sealed class VerifyController(CertificateVerifier verifier) : Controller
{
    public const string RateLimitPolicy = "verify";
    public const long MaxUploadBytes = 5 * 1024 * 1024;

    [HttpGet("verify/{code}")]
    public async Task<IActionResult> Index(string code)
    {
        Response.Headers["X-Robots-Tag"] = "noindex";
        var certificate = await verifier.FindAsync(code, HttpContext.RequestAborted);
        if (certificate is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return View("Unknown");
        }
        return View(new VerifyModel(code, certificate, null, false));
    }

    [HttpPost("verify/{code}"), RequestSizeLimit(MaxUploadBytes + 64 * 1024), RequestFormLimits(MultipartBodyLengthLimit = MaxUploadBytes)]
    public async Task<IActionResult> Index(string code, IFormFile? document)
    {
        Response.Headers["X-Robots-Tag"] = "noindex";
        var certificate = await verifier.FindAsync(code, HttpContext.RequestAborted);
        if (certificate is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return View("Unknown");
        }
        if (document is null || document.Length == 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(new VerifyModel(code, certificate, null, true));
        }
        await using var stream = document.OpenReadStream();
        var matches = await verifier.MatchesAsync(code, stream, HttpContext.RequestAborted);
        return View(new VerifyModel(code, certificate, matches, false));
    }
}
