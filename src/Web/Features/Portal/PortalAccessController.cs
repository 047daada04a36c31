using IntroProgram.Domain.Auditing;
using IntroProgram.Infrastructure.Auditing;
using IntroProgram.Infrastructure.Data;
using IntroProgram.Infrastructure.Identity;
using IntroProgram.Infrastructure.Participants;
using IntroProgram.Web.Features.Shared;
using IntroProgram.Web.Identity;
using IntroProgram.Web.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace IntroProgram.Web.Features.Portal;

/// <summary>
/// A coordinator gives a participant access to their own pages: an account with the participant role, linked to the
/// participant record, and a one-time link to set a password, sent to the participant in their language (shown on
/// the coordinator's screen too only in Development).
/// </summary>
[Route("participants/{id:guid}/portal-access"), Authorize(Policy = Policies.Coordinator)]
public sealed class PortalAccessController(
    AppDbContext db, UserManager<AppUser> users, Invitations invitations, AuditLog audit, IStringLocalizer<Ui> t,
    Microsoft.Extensions.Options.IOptions<IdPortenOptions> idPorten, IWebHostEnvironment environment) : Controller
{
    /// <summary>The placeholder address of an account made by ID-porten sign-in (see IdPortenEvents).</summary>
    public const string IdPortenAccountDomain = "@idporten.invalid";

    public const string LinkKey = "PortalAccess.Link";
    public const string ErrorKey = "PortalAccess.Error";
    public const string EmailKey = "PortalAccess.Email";

    [HttpPost("invite")]
    public async Task<IActionResult> Invite(Guid id, PortalInvitationForm form)
    {
        var participant = await db.Participants.FirstOrDefaultAsync(p => p.Id == id);
        if (participant is null)
        {
            return NotFound();
        }
        var back = $"/participants/{id}#portal-access-heading";
        // Where participants sign in with ID-porten there are no invitations (Development keeps them for trying out),
        // and an account made by ID-porten never gets a password by a link: nobody can take it over that way.
        var linkedAccount = participant.UserId is { } accountId ? await users.FindByIdAsync(accountId.ToString()) : null;
        if ((idPorten.Value.Enabled && !environment.IsDevelopment())
            || linkedAccount?.Email?.EndsWith(IdPortenAccountDomain, StringComparison.OrdinalIgnoreCase) == true)
        {
            TempData[ErrorKey] = t["PortalAccess.IdPortenInUse"].Value;
            return Redirect(back);
        }

        if (participant.UserId is { } linked && await users.FindByIdAsync(linked.ToString()) is { } existing)
        {
            if (await users.HasPasswordAsync(existing) || !existing.IsActive)
            {
                TempData[ErrorKey] = t["PortalAccess.AlreadyHasAccount"].Value;
                return Redirect(back);
            }
            // Invited but not accepted: a fresh link replaces the old one (the old stops working).
            var resent = await invitations.ResendAsync(existing, mailInPreferredLanguage: true, HttpContext.RequestAborted);
            TempData[LinkKey] = invitations.OnScreen(resent.Link);
            await audit.WriteAsync(AuditAction.Change, "User", existing.Id.ToString(), id, "participant portal invitation sent again");
            Told(resent, "PortalAccess.Resent");
            return Redirect(back);
        }

        var email = form.Address;
        if (!ModelState.IsValid)
        {
            TempData[ErrorKey] = ModelState.FirstError();
            TempData[EmailKey] = email is { Length: <= PortalInvitationForm.MaxEmailLength } ? email : null;
            return Redirect(back);
        }

        // The account and the link to the participant record are made together or not at all.
        await using var tx = await db.Database.BeginTransactionAsync(HttpContext.RequestAborted);
        var result = await invitations.InviteAsync(new InvitationRequest(email!, participant.FullName, null, [Roles.Participant],
            participant.PreferredLanguage, MailInLanguage: true), HttpContext.RequestAborted);
        if (!result.Succeeded)
        {
            await tx.RollbackAsync();
            TempData[ErrorKey] = string.Join(" ", result.Errors);
            TempData[EmailKey] = email;
            return Redirect(back);
        }
        participant.UserId = result.UserId;
        try
        {
            audit.Add(AuditAction.Create, "User", result.UserId.ToString(), id, "participant portal invitation");
            audit.Add(AuditAction.Change, ParticipantRegistry.RecordType, id.ToString(), id, "portal account linked");
            await db.SaveChangesAsync(HttpContext.RequestAborted);
            await tx.CommitAsync(HttpContext.RequestAborted);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Someone else changed the participant (perhaps inviting at the same moment): nothing is kept.
            await tx.RollbackAsync();
            TempData[ErrorKey] = t["PortalAccess.ChangedByOthers"].Value;
            return Redirect(back);
        }
        TempData[LinkKey] = invitations.OnScreen(result.Link);
        Told(result, "PortalAccess.Invited");
        return Redirect(back);
    }

    /// <summary>The account is kept either way; an invitation that could not be sent is sent again from the same box.</summary>
    private void Told(InvitationResult result, string sentText)
    {
        if (result.Sent)
        {
            TempData["Notice"] = t[sentText].Value;
        }
        else
        {
            TempData[ErrorKey] = t[Invitations.NotSentText].Value;
        }
    }
}

public enum PortalAccessState
{
    None,
    Invited,
    Active,
    Deactivated,
}

public sealed record PortalAccessModel(Guid ParticipantId, PortalAccessState State, string? Email, bool CanInvite, string? Link, string? Error, string? EnteredEmail);

/// <summary>The "access to own pages" box on the staff participant page.</summary>
public sealed class PortalAccessViewComponent(
    AppDbContext db, Microsoft.Extensions.Options.IOptions<IdPortenOptions> idPorten, IWebHostEnvironment environment) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(Guid participantId)
    {
        var account = await db.Participants.AsNoTracking().Where(p => p.Id == participantId && p.UserId != null)
            .Join(db.Users, p => p.UserId, u => u.Id, (_, u) => new { u.Email, u.IsActive, HasPassword = u.PasswordHash != null })
            .FirstOrDefaultAsync(HttpContext.RequestAborted);
        var viaIdPorten = account?.Email?.EndsWith(PortalAccessController.IdPortenAccountDomain, StringComparison.OrdinalIgnoreCase) == true;
        var state = account switch
        {
            null => PortalAccessState.None,
            { IsActive: false } => PortalAccessState.Deactivated,
            { HasPassword: false } when !viaIdPorten => PortalAccessState.Invited,
            _ => PortalAccessState.Active,
        };
        // No invitations where participants sign in with ID-porten (Development keeps them for trying out).
        var invitations = !(idPorten.Value.Enabled && !environment.IsDevelopment()) && !viaIdPorten;
        return View("~/Features/Portal/_PortalAccess.cshtml", new PortalAccessModel(participantId, state, viaIdPorten ? null : account?.Email,
            invitations && UserClaimsPrincipal.IsInRole(Roles.Coordinator),
            TempData[PortalAccessController.LinkKey] as string, TempData[PortalAccessController.ErrorKey] as string,
            TempData[PortalAccessController.EmailKey] as string));
    }
}
