using System.Globalization;
using System.Security.Claims;
using IntroProgram.Domain.Auditing;
using IntroProgram.Domain.Participants;
using IntroProgram.Infrastructure.Auditing;
using IntroProgram.Infrastructure.Data;
using IntroProgram.Infrastructure.Identity;
using IntroProgram.Infrastructure.Participants;
using IntroProgram.Infrastructure.Tenancy;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IntroProgram.Web.Identity;

/// <summary>
/// ID-porten sign-in of a participant: the level is checked, the national id (pid) finds the participant through the
/// narrow cross-municipality lookup, the account is made and linked on the first sign-in, and our own session cookie
/// is issued. The national id is never logged, put in an address or written to the audit log.
/// </summary>
public sealed class IdPortenEvents(
    IOptions<IdPortenOptions> options, NationalIdProtector nationalIds, ParticipantHomeFinder homes, TenantContext tenant,
    AppDbContext db, UserManager<AppUser> users, AppSignInManager signIn, AuditLog audit, TimeProvider clock,
    ILogger<IdPortenEvents> logger) : OpenIdConnectEvents
{
    public const string RefusedPath = "/account/sign-in-refused";
    public const string UnknownPath = "/account/idporten/unknown";

    public override Task RedirectToIdentityProvider(RedirectContext context)
    {
        context.ProtocolMessage.AcrValues = options.Value.AcrValues;
        context.ProtocolMessage.UiLocales = Localization.Languages.Current.Code == "en" ? "en" : "nb";
        return Task.CompletedTask;
    }

    public override Task RedirectToIdentityProviderForSignOut(RedirectContext context)
    {
        if (context.HttpContext.Items[FederatedSignIn.IdTokenItem] is string idToken)
        {
            context.ProtocolMessage.IdTokenHint = idToken;
        }
        return Task.CompletedTask;
    }

    /// <summary>Only keeps the ID token for RP-initiated logout: the checks are not all done yet at this point.</summary>
    public override Task TokenValidated(TokenValidatedContext context)
    {
        if (context.TokenEndpointResponse?.IdToken is { Length: > 0 and < 4000 } idToken)
        {
            context.Properties!.Items[FederatedSignIn.IdTokenItem] = idToken;
        }
        return Task.CompletedTask;
    }

    /// <summary>
    /// After every check of the handler (signature, issuer, audience, lifetime, state, correlation, and the nonce, which
    /// the handler checks only after TokenValidated): nothing is looked up, created or audited before this point.
    /// </summary>
    public override async Task TicketReceived(TicketReceivedContext context)
    {
        var principal = context.Principal!;
        var acr = principal.FindFirst("acr")?.Value;
        if (!FederatedSignIn.LevelSatisfies(acr, options.Value.AcrValues))
        {
            logger.LogWarning("ID-porten sign-in refused: level {Acr} is below {Asked}", acr ?? "(none)", options.Value.AcrValues);
            Refuse(context, RefusedPath + "?reason=level");
            return;
        }
        if (!nationalIds.TryParse(principal.FindFirst("pid")?.Value, out var nationalId, out _) || nationalId is null)
        {
            logger.LogWarning("ID-porten sign-in refused: the token has no valid pid claim");
            Refuse(context, RefusedPath + "?reason=failed");
            return;
        }
        var found = await homes.FindAsync(nationalId, context.HttpContext.RequestAborted);
        var home = ParticipantHomes.Current(found);
        if (home is null)
        {
            logger.LogInformation("ID-porten sign-in: the person is a participant in no municipality");
            Refuse(context, UnknownPath);
            return;
        }
        tenant.Use(home.TenantId);
        var participant = await db.Participants.SingleAsync(p => p.Id == home.ParticipantId);
        AppUser? user = participant.UserId is { } linked ? await users.FindByIdAsync(linked.ToString()) : null;
        var firstSignIn = false;
        if (user is null)
        {
            user = await CreateAccountAsync(participant);
            firstSignIn = true;
        }
        if (!await users.IsInRoleAsync(user, Roles.Participant) || !await signIn.CanSignInAsync(user))
        {
            await audit.WriteAsync(AuditAction.LoginFailed, "User", user.Id.ToString(), participant.Id, actorId: user.Id,
                details: "ID-porten: account deactivated");
            Refuse(context, RefusedPath + "?reason=inactive");
            return;
        }
        var session = await signIn.CreateUserPrincipalAsync(user);
        var identity = (ClaimsIdentity)session.Identity!;
        identity.AddClaim(new Claim("amr", "idporten"));
        identity.AddClaim(new Claim(FederatedSignIn.SignInClaim, FederatedSignIn.IdPortenScheme));
        if (principal.FindFirst("sid")?.Value is { Length: > 0 and <= 200 } sid)
        {
            identity.AddClaim(new Claim(FederatedSignIn.SessionIdClaim, sid));
        }
        if (principal.FindFirst("iss")?.Value is { Length: > 0 } iss)
        {
            identity.AddClaim(new Claim(FederatedSignIn.IssuerClaim, iss));
        }
        context.Principal = session;
        context.Properties!.RedirectUri = "/me";
        context.Properties.IsPersistent = false;
        // The session's times are the app's own (its clock), not the protocol exchange's.
        context.Properties.IssuedUtc = null;
        context.Properties.ExpiresUtc = null;
        await audit.WriteAsync(AuditAction.Login, "User", user.Id.ToString(), participant.Id, actorId: user.Id,
            details: string.Create(CultureInfo.InvariantCulture,
                $"ID-porten ({acr}){(firstSignIn ? ", account created on first sign-in" : "")}{(found.Count > 1 ? $", participant in {found.Count} municipalities: current programme chosen" : "")}"));
    }

    public override async Task RemoteFailure(RemoteFailureContext context)
    {
        // The reason is logged without the request (which may hold a code) and never shown; the person gets one page.
        logger.LogWarning("ID-porten sign-in failed: {Failure}", context.Failure?.GetType().Name);
        context.Response.Redirect(RefusedPath + "?reason=failed");
        context.HandleResponse();
        await Task.CompletedTask;
    }

    private static void Refuse(TicketReceivedContext context, string path)
    {
        context.HandleResponse();
        context.Response.Redirect(path);
    }

    /// <summary>
    /// The participant's account, made on their first ID-porten sign-in. It has no password (ID-porten is the only way
    /// in) and no real e-mail address: the address is a placeholder in the reserved .invalid domain, unique per record.
    /// </summary>
    private async Task<AppUser> CreateAccountAsync(Participant participant)
    {
        var placeholder = $"{participant.Id:N}@idporten.invalid";
        var user = new AppUser
        {
            UserName = placeholder, Email = placeholder, EmailConfirmed = false, DisplayName = participant.FullName,
            PreferredLanguage = participant.PreferredLanguage, CreatedAt = clock.GetUtcNow(), InvitationAcceptedAt = clock.GetUtcNow(),
        };
        var created = await users.CreateAsync(user);
        if (!created.Succeeded || !(await users.AddToRoleAsync(user, Roles.Participant)).Succeeded)
        {
            throw new InvalidOperationException("Could not create the participant's account: " + string.Join(", ", created.Errors.Select(e => e.Code)));
        }
        participant.UserId = user.Id;
        audit.Add(AuditAction.Create, "User", user.Id.ToString(), participant.Id, "participant account created by ID-porten sign-in");
        await db.SaveChangesAsync();
        return user;
    }
}
