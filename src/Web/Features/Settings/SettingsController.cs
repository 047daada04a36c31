using IntroProgram.Domain.Auditing;
using IntroProgram.Infrastructure.Auditing;
using IntroProgram.Infrastructure.Data;
using IntroProgram.Web.Identity;
using IntroProgram.Web.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace IntroProgram.Web.Features.Settings;

public sealed class SettingsModel
{
    public string MunicipalityName { get; set; } = "";
    public string Number { get; set; } = "";
    public bool RequireTwoFactorForStaff { get; set; }
}

/// <summary>The municipality's own settings, for its tenant admins.</summary>
[Route("admin/settings"), Authorize(Policy = Policies.TenantAdmin)]
public sealed class SettingsController(AppDbContext db, AuditLog audit, IStringLocalizer<Ui> t) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index()
    {
        var m = await db.Municipalities.AsNoTracking().SingleAsync(m => m.Id == db.CurrentTenantId);
        return View(new SettingsModel { MunicipalityName = m.Name, Number = m.Number, RequireTwoFactorForStaff = m.RequireTwoFactorForStaff });
    }

    [HttpPost("")]
    public async Task<IActionResult> Index(SettingsModel model)
    {
        if (ModelState.GetFieldValidationState(nameof(model.RequireTwoFactorForStaff)) == ModelValidationState.Invalid)
        {
            // A value that is not "true" or "false" binds as false: it must not turn two-factor sign-in off.
            TempData["Error"] = t["Validation.Invalid"].Value;
            return RedirectToAction(nameof(Index));
        }
        var m = await db.Municipalities.SingleAsync(m => m.Id == db.CurrentTenantId);
        m.RequireTwoFactorForStaff = model.RequireTwoFactorForStaff;
        audit.Add(AuditAction.Change, "Municipality", m.Id.ToString(),
            details: "two-factor required for staff: " + (model.RequireTwoFactorForStaff ? "on" : "off"));
        await db.SaveChangesAsync();
        TempData["Notice"] = t["Settings.Saved"].Value;
        return RedirectToAction(nameof(Index));
    }
}
