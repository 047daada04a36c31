using IntroProgram.Infrastructure.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using IntroProgram.Web.Features.Risk;
using IntroProgram.Web.Features.Shared;

namespace IntroProgram.Web.Features.Home;

public sealed class HomeController : Controller
{
    /// <summary>Everyone lands here after sign-in and is sent to the start page of their role.</summary>
    [HttpGet("/"), Authorize]
    public async Task<IActionResult> Index([FromServices] RiskFlagReader flags, [FromServices] StartPageReader start, bool all = false)
    {
        if (User.IsInRole(Roles.PlatformOperator))
        {
            return RedirectToAction("Index", "Municipalities");
        }
        if (User.IsInRole(Roles.Participant))
        {
            // A participant's start page is their own portal (Features/Portal): progress, plan, absence, decisions.
            return LocalRedirect("/me");
        }
        // Each role's work for the day first (a person with several roles sees each part), then the flags in full.
        var model = new HomeModel { ShowAllFlags = all };
        var ct = HttpContext.RequestAborted;
        if (User.IsInRole(Roles.Coordinator))
        {
            model.Coordinator = await start.CoordinatorAsync(all ? null : User.UserId(), ct);
        }
        if (User.IsInRole(Roles.Caseworker))
        {
            model.Queue = await start.CaseworkerAsync(ct);
        }
        if (User.IsInRole(Roles.TenantAdmin))
        {
            model.Admin = await start.AdminAsync(ct);
        }
        if (User.IsInRole(Roles.Coordinator) || User.IsInRole(Roles.Caseworker))
        {
            // A coordinator starts with the flags of their own participants, most serious first.
            Guid? mine = User.IsInRole(Roles.Coordinator) && !all ? User.UserId() : null;
            model.Flags = new RiskFlagListModel(await flags.OpenAsync(coordinatorId: mine), ShowParticipant: true,
                CanAcknowledge: User.IsInRole(Roles.Coordinator), ReturnUrl: all ? "/?all=true" : "/");
        }
        return View(model);
    }

    [HttpGet("/accessibility"), AllowAnonymous]
    public IActionResult Accessibility() => View();
}

public sealed class HomeModel
{
    public RiskFlagListModel? Flags { get; set; }
    public bool ShowAllFlags { get; set; }
    public CoordinatorStart? Coordinator { get; set; }
    public CaseworkerStart? Queue { get; set; }
    public AdminStart? Admin { get; set; }
}

[Route("error")]
[AllowAnonymous]
// The status page is re-executed with the method of the failed request: a refused post (a stale or unreadable form)
// must not be refused a second time by the antiforgery check, which would leave the page empty.
[IgnoreAntiforgeryToken]
public sealed class ErrorController : Controller
{
    /// <summary>
    /// The error statuses the app and its framework answer with. Any other number in the address (/error/101, /error/0)
    /// is a page that does not exist: the status page must not answer with a status of the caller's choosing.
    /// </summary>
    public static readonly IReadOnlySet<int> Statuses = new HashSet<int>
    {
        // 401: the jobs dashboard refuses its commands with it (it is read-only); the app itself signs people in instead.
        StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound,
        StatusCodes.Status405MethodNotAllowed, StatusCodes.Status409Conflict, StatusCodes.Status413PayloadTooLarge,
        StatusCodes.Status415UnsupportedMediaType, StatusCodes.Status429TooManyRequests, StatusCodes.Status500InternalServerError,
    };

    [Route(""), Route("{status:int}")]
    public IActionResult Index()
    {
        // Read from the route alone: binding a parameter would read the failed request's form again, and a form the
        // framework could not read (a NUL byte in a field) would then turn the status page itself into a 500.
        // 500 only when re-executed for an exception; /error or /error/-1 asked for directly is a page that does not exist.
        var code = HttpContext.Features.Get<IExceptionHandlerPathFeature>() is not null
            ? StatusCodes.Status500InternalServerError
            : int.TryParse(RouteData.Values["status"] as string, System.Globalization.NumberStyles.None,
                System.Globalization.CultureInfo.InvariantCulture, out var status) && Statuses.Contains(status)
                ? status
                : StatusCodes.Status404NotFound;
        Response.StatusCode = code;
        return View("Error", code);
    }
}
