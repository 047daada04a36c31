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
    public SignInProviderForm Provider { get; set; } = new();
    public bool HasProvider { get; set; }
}

/// <summary>The municipality's own settings, for its tenant admins.</summary>
[Route("admin/settings"), Authorize(Policy = Policies.TenantAdmin)]
public sealed class SettingsController(
    AppDbContext db, AuditLog audit, IStringLocalizer<Ui> t, StaffProviderSecrets secrets, StaffProviderSchemes schemes,
    TimeProvider clock) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index() => View(await LoadAsync(null));

    private async Task<SettingsModel> LoadAsync(SignInProviderForm? entered)
    {
        var m = await db.Municipalities.AsNoTracking().SingleAsync(m => m.Id == db.CurrentTenantId);
        var provider = await db.StaffSignInProviders.AsNoTracking().SingleOrDefaultAsync();
        return new SettingsModel
        {
            MunicipalityName = m.Name, Number = m.Number, RequireTwoFactorForStaff = m.RequireTwoFactorForStaff,
            HasProvider = provider is not null,
            Provider = entered ?? (provider is null ? new SignInProviderForm() : new SignInProviderForm
            {
                Authority = provider.Authority, ClientId = provider.ClientId, EmailClaim = provider.EmailClaim,
                PasswordSignInAllowed = provider.PasswordSignInAllowed,
            }),
        };
    }

    /// <summary>The municipality's own OpenID provider for staff: saved, or changed (an empty secret keeps the stored one).</summary>
    [HttpPost("sign-in-provider")]
    public async Task<IActionResult> SignInProvider(SignInProviderForm form)
    {
        var row = await db.StaffSignInProviders.SingleOrDefaultAsync();
        if (row is null && string.IsNullOrEmpty(form.ClientSecret))
        {
            ModelState.AddModelError(nameof(form.ClientSecret), t["Validation.Required", t["Settings.Provider.ClientSecret"]]);
        }
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(nameof(Index), await LoadAsync(form));
        }
        if (row is null)
        {
            row = new Domain.Tenancy.StaffSignInProvider();
            db.StaffSignInProviders.Add(row);
        }
        row.Authority = form.Authority!.Trim();
        row.ClientId = form.ClientId!.Trim();
        if (!string.IsNullOrEmpty(form.ClientSecret))
        {
            row.ClientSecretProtected = secrets.Protect(form.ClientSecret);
        }
        row.EmailClaim = form.EmailClaim!.Trim();
        row.PasswordSignInAllowed = form.PasswordSignInAllowed;
        row.UpdatedAt = clock.GetUtcNow();
        var number = await db.Municipalities.Where(m => m.Id == db.CurrentTenantId).Select(m => m.Number).SingleAsync();
        audit.Add(AuditAction.Change, "Municipality", db.CurrentTenantId.ToString(),
            details: "staff sign-in provider saved (password sign-in " + (form.PasswordSignInAllowed ? "allowed" : "off") + ")");
        await db.SaveChangesAsync();
        await schemes.ForgetAsync(number);
        TempData["Notice"] = t["Settings.Saved"].Value;
        return RedirectToAction(nameof(Index));
    }

    [HttpPost("sign-in-provider/remove")]
    public async Task<IActionResult> RemoveSignInProvider()
    {
        var row = await db.StaffSignInProviders.SingleOrDefaultAsync();
        if (row is not null)
        {
            db.StaffSignInProviders.Remove(row);
            audit.Add(AuditAction.Change, "Municipality", db.CurrentTenantId.ToString(), details: "staff sign-in provider removed");
            await db.SaveChangesAsync();
            await schemes.ForgetAsync(await db.Municipalities.Where(m => m.Id == db.CurrentTenantId).Select(m => m.Number).SingleAsync());
            TempData["Notice"] = t["Settings.Saved"].Value;
        }
        return RedirectToAction(nameof(Index));
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
