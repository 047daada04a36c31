using IntroProgram.Infrastructure;
using IntroProgram.Infrastructure.Identity;
using IntroProgram.Infrastructure.Mail;
using IntroProgram.Web.Localization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Npgsql;

namespace IntroProgram.Web.Identity;

/// <param name="Language">Stored as the user's preferred language.</param>
/// <param name="MailInLanguage">Write the message in <paramref name="Language"/> (a participant's own) instead of the sender's.</param>
public sealed record InvitationRequest(string Email, string DisplayName, string? Title, IReadOnlyCollection<string> Roles, string Language,
    bool MailInLanguage = false);

/// <param name="Sent">False when the account and link were made but the message could not be sent: the invitation is
/// kept (the user stays invited) and can be sent again; the caller tells the inviting person.</param>
public sealed record InvitationResult(bool Succeeded, Guid? UserId, string? Link, IReadOnlyList<string> Errors, bool Sent = true);

/// <summary>
/// Creates a user without a password and sends a one-time link to set one. Runs in the scope of the municipality the
/// new user belongs to (the tenant admin's own, or the new one when a platform operator creates it).
/// </summary>
public sealed class Invitations(
    UserManager<AppUser> users, IOutbox outbox, IOptions<PublicAddressOptions> address,
    TimeProvider clock, IStringLocalizer<Ui> t, IHostEnvironment environment, ILogger<Invitations> logger)
{
    /// <summary>What the inviting person is told when the message could not be sent.</summary>
    public const string NotSentText = "Invitation.NotSent";

    /// <summary>
    /// The link as the inviting person's screen may show it: only in Development, where no mail leaves the machine.
    /// Anywhere else whoever holds the link can set the password, so it goes to the invited person alone, by e-mail.
    /// </summary>
    public string? OnScreen(string? link) => environment.IsDevelopment() ? link : null;

    public async Task<InvitationResult> InviteAsync(InvitationRequest request, CancellationToken ct = default)
    {
        var email = request.Email.Trim();
        var user = new AppUser
        {
            UserName = email, Email = email, DisplayName = request.DisplayName.Trim(),
            Title = string.IsNullOrWhiteSpace(request.Title) ? null : request.Title.Trim(),
            PreferredLanguage = request.Language, CreatedAt = clock.GetUtcNow(),
        };
        IdentityResult created;
        try
        {
            created = await users.CreateAsync(user);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // The address is taken in another municipality; row-level security hid it from the validator.
            return new InvitationResult(false, null, null, [t["Identity.DuplicateEmail"]]);
        }
        if (!created.Succeeded)
        {
            return new InvitationResult(false, null, null, created.Errors.Select(e => e.Description).ToList());
        }
        var roles = await users.AddToRolesAsync(user, request.Roles);
        if (!roles.Succeeded)
        {
            return new InvitationResult(false, null, null, roles.Errors.Select(e => e.Description).ToList());
        }
        var link = await CreateLinkAsync(user);
        var sent = await SendAsync(user, link, request.MailInLanguage ? Languages.Find(request.Language) : null, ct);
        return new InvitationResult(true, user.Id, link, [], sent);
    }

    /// <summary>A fresh link for a user who has not accepted yet (the older link stops working).</summary>
    public async Task<InvitationResult> ResendAsync(AppUser user, bool mailInPreferredLanguage = false, CancellationToken ct = default)
    {
        await users.UpdateSecurityStampAsync(user);
        var link = await CreateLinkAsync(user);
        var sent = await SendAsync(user, link, mailInPreferredLanguage ? Languages.Find(user.PreferredLanguage) : null, ct);
        return new InvitationResult(true, user.Id, link, [], sent);
    }

    /// <summary>
    /// In the given language when there is one (a participant's), otherwise in the sender's. False when the mail
    /// could not be sent: the user and the link are already saved, so the invitation can be sent again later.
    /// </summary>
    private async Task<bool> SendAsync(AppUser user, string link, Language? language, CancellationToken ct)
    {
        var message = language is null
            ? new OutgoingMessage(user.Email!, t["Invitation.MailSubject"], t["Invitation.MailBody", user.DisplayName, link])
            : new OutgoingMessage(user.Email!, t.TextIn(language, "Invitation.MailSubject"), t.TextIn(language, "Invitation.MailBody", user.DisplayName, link));
        try
        {
            await outbox.SendAsync(message, ct);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The user's id, never the address: personal data stays out of logs.
            logger.LogWarning(e, "The invitation for user {UserId} could not be sent", user.Id);
            return false;
        }
    }

    private async Task<string> CreateLinkAsync(AppUser user)
    {
        var token = await users.GenerateUserTokenAsync(user, InvitationTokenProvider.ProviderName, InvitationTokenProvider.Purpose);
        return address.Value.Link($"/account/invitation?user={user.Id}&token={Uri.EscapeDataString(token)}");
    }
}
