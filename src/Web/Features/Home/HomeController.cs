using IntroProgram.Infrastructure.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace IntroProgram.Web.Features.Home;

public sealed class HomeController : Controller
{
    /// <summary>Everyone lands here after sign-in and is sent to the start page of their role.</summary>
    [HttpGet("/"), Authorize]
    public IActionResult Index()
    {
        if (User.IsInRole(Roles.PlatformOperator))
        {
            return RedirectToAction("Index", "Municipalities");
        }
        return View();
    }

    [HttpGet("/accessibility"), AllowAnonymous]
    public IActionResult Accessibility() => View();
}

[Route("error")]
[AllowAnonymous]
public sealed class ErrorController : Controller
{
    [Route(""), Route("{status:int}")]
    public IActionResult Index(int? status)
    {
        var code = status ?? StatusCodes.Status500InternalServerError;
        if (HttpContext.Features.Get<IExceptionHandlerPathFeature>() is not null)
        {
            code = StatusCodes.Status500InternalServerError;
        }
        Response.StatusCode = code;
        return View("Error", code);
    }
}
