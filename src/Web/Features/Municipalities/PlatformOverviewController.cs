using IntroProgram.Infrastructure.Reporting;
using IntroProgram.Web.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace IntroProgram.Web.Features.Municipalities;

/// <summary>
/// The platform operator's overview: every municipality with its user and participant counts, open risk flags and
/// its latest evaluation, and the health of the scheduled jobs. Numbers only: the operator never sees a person.
/// </summary>
[Route("platform/overview"), Authorize(Policy = Policies.Platform)]
public sealed class PlatformOverviewController(OperatorOverview overview) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct) =>
        View("~/Features/Municipalities/Overview.cshtml", await overview.ReadAsync(ct));
}
