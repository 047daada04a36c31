using IntroProgram.Domain.Tenancy;
using IntroProgram.Infrastructure.Data;
using IntroProgram.Infrastructure.Identity;
using IntroProgram.Infrastructure.Tenancy;
using IntroProgram.Web.Identity;
using IntroProgram.Web.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Localization;
using Npgsql;

namespace IntroProgram.Web.Features.Municipalities;

/// <summary>The platform operator's pages: municipalities and their first admin. No participant data is reachable here.</summary>
[Route("platform/municipalities"), Authorize(Policy = Policies.Platform)]
public sealed class MunicipalitiesController(
    AppDbContext db, TenantScopeFactory scopes, TimeProvider clock, IStringLocalizer<Ui> t) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index()
    {
        var counts = await db.Database
            .SqlQueryRaw<TenantUsage>("SELECT municipality_id AS tenant_id, user_count AS users FROM platform_tenant_usage()")
            .ToDictionaryAsync(u => u.TenantId, u => u.Users);
        var rows = await db.Municipalities.AsNoTracking().OrderBy(m => m.Name)
            .Select(m => new MunicipalityRow(m.Id, m.Name, m.Number, m.Slug, m.IsActive, m.RequireTwoFactorForStaff, 0))
            .ToListAsync();
        return View(rows.Select(r => r with { Users = counts.GetValueOrDefault(r.Id) }).ToList());
    }

    [HttpGet("new")]
    public IActionResult Create() => View(new CreateMunicipalityModel());

    [HttpPost("new")]
    public async Task<IActionResult> Create(CreateMunicipalityModel model)
    {
        model.Name = model.Name?.Trim() ?? "";
        model.Slug = model.Slug?.Trim() ?? "";
        if (ModelState.IsValid)
        {
            if (await db.Municipalities.AnyAsync(m => m.Number == model.Number))
            {
                ModelState.AddModelError(nameof(model.Number), t["Municipality.NumberTaken"]);
            }
            if (await db.Municipalities.AnyAsync(m => m.Slug == model.Slug))
            {
                ModelState.AddModelError(nameof(model.Slug), t["Municipality.SlugTaken"]);
            }
        }
        if (!ModelState.IsValid)
        {
            return View(model);
        }

        var municipality = new Municipality
        {
            Id = Guid.NewGuid(), Name = model.Name, Number = model.Number!, Slug = model.Slug,
            IsActive = true, RequireTwoFactorForStaff = true, CreatedAt = clock.GetUtcNow(),
        };
        // The municipality and its first admin are created in one transaction, or not at all.
        await using var transaction = await db.Database.BeginTransactionAsync();
        db.Municipalities.Add(municipality);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            ModelState.AddModelError(nameof(model.Number), t["Municipality.NumberTaken"]);
            return View(model);
        }

        InvitationResult invited;
        string? shownLink;
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using (var scope = scopes.ForTenant(municipality.Id))
        {
            // The admin row belongs to the new municipality: the shared connection switches to it for this step.
            await TenantSession.UseTenantAsync(connection, municipality.Id);
            var scopedDb = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            scopedDb.Database.SetDbConnection(connection);
            await scopedDb.Database.UseTransactionAsync(transaction.GetDbTransaction());
            var invitations = scope.ServiceProvider.GetRequiredService<Invitations>();
            invited = await invitations.InviteAsync(new InvitationRequest(model.AdminEmail!, model.AdminName!, null, [Roles.TenantAdmin], "nb"));
            shownLink = invitations.OnScreen(invited.Link);
            await TenantSession.UseTenantAsync(connection, null);
        }
        if (!invited.Succeeded)
        {
            await transaction.RollbackAsync();
            foreach (var error in invited.Errors)
            {
                ModelState.AddModelError(nameof(model.AdminEmail), error);
            }
            return View(model);
        }
        if (!invited.Sent)
        {
            // Nobody but the new admin can be sent their link: without it the municipality could not be used, so it is
            // not created, and the form comes back filled in to try again.
            await transaction.RollbackAsync();
            ModelState.AddModelError("", t["Municipality.InvitationNotSent"]);
            return View(model);
        }
        await transaction.CommitAsync();
        TempData["Notice"] = t["Municipality.Created", municipality.Name].Value;
        TempData["InvitationLink"] = shownLink;
        return RedirectToAction(nameof(Index));
    }

    [HttpPost("{id:guid}/active")]
    public async Task<IActionResult> SetActive(Guid id, bool active)
    {
        var municipality = await db.Municipalities.FirstOrDefaultAsync(m => m.Id == id);
        if (municipality is null)
        {
            return NotFound();
        }
        if (!ModelState.IsValid)
        {
            // A value that is not "true" or "false" binds as false: it must not deactivate the municipality.
            TempData["Error"] = t["Validation.Invalid"].Value;
            return RedirectToAction(nameof(Index));
        }
        municipality.IsActive = active;
        await db.SaveChangesAsync();
        TempData["Notice"] = t[active ? "Municipality.Activated" : "Municipality.Deactivated", municipality.Name].Value;
        return RedirectToAction(nameof(Index));
    }

    private sealed record TenantUsage(Guid TenantId, long Users);
}
