using IntroProgram.Domain.Auditing;
using IntroProgram.Infrastructure.Auditing;
using IntroProgram.Infrastructure.Data;
using IntroProgram.Infrastructure.Identity;
using IntroProgram.Web.Identity;
using IntroProgram.Web.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace IntroProgram.Web.Features.Users;

/// <summary>A tenant admin's staff pages: invite, assign roles, deactivate. Everything is within the admin's municipality.</summary>
[Route("admin/users"), Authorize(Policy = Policies.TenantAdmin)]
public sealed class UsersController(
    AppDbContext db, UserManager<AppUser> users, Invitations invitations, AuditLog audit, IStringLocalizer<Ui> t) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index()
    {
        var staff = await QueryRows(db.Users.OrderBy(u => u.DisplayName)).ToListAsync();
        return View(staff);
    }

    [HttpGet("invite")]
    public IActionResult Invite() => View(new InviteStaffModel());

    [HttpPost("invite")]
    public async Task<IActionResult> Invite(InviteStaffModel model)
    {
        model.Roles = model.Roles.Where(r => Roles.Staff.Contains(r)).Distinct().ToList();
        if (!ModelState.IsValid)
        {
            return View(model);
        }
        var result = await invitations.InviteAsync(new InvitationRequest(model.Email!, model.DisplayName!, model.Title, model.Roles, "nb"));
        if (!result.Succeeded)
        {
            foreach (var e in result.Errors)
            {
                ModelState.AddModelError(nameof(model.Email), e);
            }
            return View(model);
        }
        await audit.WriteAsync(AuditAction.Create, "User", result.UserId.ToString(), details: "invited: " + string.Join(",", model.Roles));
        return InvitationAnswered(result);
    }

    [HttpGet("{id:guid}")]
    public async Task<IActionResult> Details(Guid id)
    {
        var row = await QueryRows(db.Users.Where(u => u.Id == id)).FirstOrDefaultAsync();
        if (row is null)
        {
            return NotFound();
        }
        await audit.WriteAsync(AuditAction.Read, "User", id.ToString());
        return View(new UserDetailsModel { User = row, Roles = row.Roles.ToList(), IsSelf = id == CurrentUserId() });
    }

    [HttpPost("{id:guid}/roles")]
    public async Task<IActionResult> UpdateRoles(Guid id, List<string> roles)
    {
        var user = await users.FindByIdAsync(id.ToString());
        if (user is null || await users.IsInRoleAsync(user, Roles.Participant))
        {
            return NotFound();
        }
        var wanted = roles.Where(r => Roles.Staff.Contains(r)).Distinct().ToList();
        if (wanted.Count == 0)
        {
            TempData["Error"] = t["Users.RoleRequired"].Value;
            return RedirectToAction(nameof(Details), new { id });
        }
        if (id == CurrentUserId() && !wanted.Contains(Roles.TenantAdmin))
        {
            TempData["Error"] = t["Users.CannotDemoteSelf"].Value;
            return RedirectToAction(nameof(Details), new { id });
        }
        var current = await users.GetRolesAsync(user);
        await users.RemoveFromRolesAsync(user, current.Except(wanted));
        await users.AddToRolesAsync(user, wanted.Except(current));
        // A changed role takes effect in the user's open sessions at the next stamp check.
        await users.UpdateSecurityStampAsync(user);
        await audit.WriteAsync(AuditAction.Change, "User", id.ToString(), details: "roles: " + string.Join(",", wanted));
        TempData["Notice"] = t["Users.RolesSaved"].Value;
        return RedirectToAction(nameof(Details), new { id });
    }

    [HttpPost("{id:guid}/active")]
    public async Task<IActionResult> SetActive(Guid id, bool active)
    {
        var user = await users.FindByIdAsync(id.ToString());
        if (user is null)
        {
            return NotFound();
        }
        if (id == CurrentUserId())
        {
            TempData["Error"] = t["Users.CannotDeactivateSelf"].Value;
            return RedirectToAction(nameof(Details), new { id });
        }
        if (!ModelState.IsValid)
        {
            // A value that is not "true" or "false" binds as false: it must not deactivate anyone.
            TempData["Error"] = t["Validation.Invalid"].Value;
            return RedirectToAction(nameof(Details), new { id });
        }
        user.IsActive = active;
        await users.UpdateAsync(user);
        await users.UpdateSecurityStampAsync(user); // signs the user out everywhere
        await audit.WriteAsync(AuditAction.Change, "User", id.ToString(), details: active ? "reactivated" : "deactivated");
        TempData["Notice"] = t[active ? "Users.Reactivated" : "Users.Deactivated"].Value;
        return RedirectToAction(nameof(Details), new { id });
    }

    [HttpPost("{id:guid}/resend")]
    public async Task<IActionResult> Resend(Guid id)
    {
        var user = await users.FindByIdAsync(id.ToString());
        // A participant's account is given (and given again) by their coordinator from the participant page, in the
        // participant's language; it is not the admin's to send, nor its link the admin's to see.
        if (user is null || await users.HasPasswordAsync(user) || await users.IsInRoleAsync(user, Roles.Participant))
        {
            return NotFound();
        }
        return InvitationAnswered(await invitations.ResendAsync(user));
    }

    /// <summary>The user's page, saying whether the invitation went out; one that did not can be sent again from there.</summary>
    private RedirectToActionResult InvitationAnswered(InvitationResult result)
    {
        if (result.Sent)
        {
            TempData["Notice"] = t["Users.Invited"].Value;
        }
        else
        {
            TempData["Error"] = t[Invitations.NotSentText].Value;
        }
        TempData["InvitationLink"] = invitations.OnScreen(result.Link);
        return RedirectToAction(nameof(Details), new { id = result.UserId });
    }

    private IQueryable<UserRow> QueryRows(IQueryable<AppUser> source) =>
        source.AsNoTracking()
            .Select(u => new UserRow(u.Id, u.DisplayName, u.Email!, u.IsActive, u.PasswordHash != null, u.TwoFactorEnabled,
                db.UserRoles.Where(ur => ur.UserId == u.Id)
                    .Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).ToList()));

    private Guid? CurrentUserId() => Guid.TryParse(users.GetUserId(User), out var id) ? id : null;
}
