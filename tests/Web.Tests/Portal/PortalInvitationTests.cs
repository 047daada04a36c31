using System.Net;
using IntroProgram.Infrastructure.Data;
using IntroProgram.Infrastructure.Identity;
using IntroProgram.Infrastructure.Tenancy;
using IntroProgram.Web.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IntroProgram.Web.Tests.Portal;

/// <summary>A coordinator gives a participant their own sign-in from the participant page.</summary>
[Collection(AppSuite.Name)]
public sealed class PortalInvitationTests(AppFactory app)
{
    private const string Bergen = "4601";

    [Fact]
    public async Task An_invitation_is_sent_in_the_participants_language_and_its_link_is_not_shown_to_staff()
    {
        var participant = await app.CreateParticipantAsync(Bergen, d => d with { PreferredLanguage = "ar" });
        var email = PortalTestSupport.NewEmail();
        using var coordinator = await app.SignedInAsync(Demo.BergenCoordinator);

        var response = await coordinator.InviteAsync(participant.Id, email);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = TestClient.Decode(await coordinator.GetPageAsync($"/participants/{participant.Id}"));
        var mail = app.Outbox.LastTo(email);
        // Only the participant gets the link (outside Development): whoever holds it can set the password.
        Assert.DoesNotContain("/account/invitation", page, StringComparison.Ordinal);
        Assert.Contains("Invitasjonen er sendt", page, StringComparison.Ordinal);
        Assert.Equal("دعوة إلى IntroProgram", mail.Subject);
        Assert.Contains("أنت مدعو إلى IntroProgram", mail.Body);
        Assert.Contains(participant.Details.FamilyName!, mail.Body);
    }

    [Fact]
    public async Task The_invited_participant_sets_a_password_and_gets_the_participant_role_linked_to_their_record()
    {
        var invited = await app.ParticipantWithAccountAsync(Bergen, Demo.BergenCoordinator);

        var stored = await app.StoredParticipantAsync(invited.Participant);
        Assert.NotNull(stored.UserId);
        await using var scope = app.Services.GetRequiredService<TenantScopeFactory>().ForTenant(invited.Participant.TenantId);
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByIdAsync(stored.UserId!.Value.ToString());
        Assert.Equal(invited.Email, user!.Email);
        Assert.Equal([Roles.Participant], await users.GetRolesAsync(user));

        using var client = app.CreateTestClient();
        await client.LoginOkAsync(invited.Email, invited.Password);
        var home = await client.GetAsync("/");
        Assert.Equal("/me", home.Headers.Location?.OriginalString);
        Assert.Contains(invited.Participant.Details.FamilyName!, TestClient.Decode(await client.GetPageAsync("/me")));
    }

    [Fact]
    public async Task The_invitation_page_opens_in_the_participants_own_language_when_no_language_was_chosen()
    {
        var participant = await app.CreateParticipantAsync(Bergen, d => d with { PreferredLanguage = "uk" });
        var email = PortalTestSupport.NewEmail();
        using (var coordinator = await app.SignedInAsync(Demo.BergenCoordinator))
        {
            await coordinator.InviteAsync(participant.Id, email);
        }
        using var invitee = app.CreateTestClient();

        var page = TestClient.Decode(await invitee.OpenInvitationAsync(PortalTestSupport.InvitationPath(app.Outbox.LastTo(email).Body)));

        Assert.Contains("<html lang=\"uk\"", page);
        Assert.Contains("Створіть пароль", page);
    }

    [Theory]
    [InlineData("")]
    [InlineData("ikke-en-adresse")]
    public async Task An_invitation_without_a_valid_address_is_refused_next_to_the_field_and_creates_nothing(string email)
    {
        var participant = await app.CreateParticipantAsync(Bergen);
        using var coordinator = await app.SignedInAsync(Demo.BergenCoordinator);

        await coordinator.InviteAsync(participant.Id, email);

        var page = TestClient.Decode(await coordinator.GetPageAsync($"/participants/{participant.Id}"));
        Assert.Contains("id=\"portal-email-error\"", page);
        Assert.Contains("Skriv en gyldig e-postadresse", page);
        Assert.Null((await app.StoredParticipantAsync(participant)).UserId);
    }

    [Fact]
    public async Task An_address_already_in_use_is_refused_and_the_participant_stays_unlinked()
    {
        var participant = await app.CreateParticipantAsync(Bergen);
        using var coordinator = await app.SignedInAsync(Demo.BergenCoordinator);

        await coordinator.InviteAsync(participant.Id, Demo.BergenCaseworker);

        var page = TestClient.Decode(await coordinator.GetPageAsync($"/participants/{participant.Id}"));
        Assert.Contains("E-postadressen er allerede i bruk.", page);
        Assert.Null((await app.StoredParticipantAsync(participant)).UserId);
    }

    [Fact]
    public async Task Inviting_again_before_the_password_is_set_gives_a_new_link_and_the_old_one_stops_working()
    {
        var participant = await app.CreateParticipantAsync(Bergen, d => d with { PreferredLanguage = "nb" });
        var email = PortalTestSupport.NewEmail();
        using var coordinator = await app.SignedInAsync(Demo.BergenCoordinator);
        await coordinator.InviteAsync(participant.Id, email);
        var first = PortalTestSupport.InvitationPath(app.Outbox.LastTo(email).Body);

        await coordinator.InviteAsync(participant.Id, "");
        var second = PortalTestSupport.InvitationPath(app.Outbox.LastTo(email).Body);

        Assert.NotEqual(first, second);
        Assert.DoesNotContain("/account/invitation", await coordinator.GetPageAsync($"/participants/{participant.Id}"), StringComparison.Ordinal);
        using var invitee = app.CreateTestClient();
        Assert.Contains("Lenken virker ikke", TestClient.Decode(await invitee.OpenInvitationAsync(first)));
        Assert.Contains("name=\"Token\"", await invitee.OpenInvitationAsync(second));
    }

    [Fact]
    public async Task A_participant_who_already_has_an_account_is_not_invited_again()
    {
        var invited = await app.ParticipantWithAccountAsync(Bergen, Demo.BergenCoordinator);
        var userId = (await app.StoredParticipantAsync(invited.Participant)).UserId;
        using var coordinator = await app.SignedInAsync(Demo.BergenCoordinator);

        await coordinator.InviteAsync(invited.Participant.Id, PortalTestSupport.NewEmail());

        var page = TestClient.Decode(await coordinator.GetPageAsync($"/participants/{invited.Participant.Id}"));
        Assert.Contains("Deltakeren har allerede en konto.", page);
        Assert.Equal(userId, (await app.StoredParticipantAsync(invited.Participant)).UserId);
    }

    [Fact]
    public async Task A_caseworker_sees_the_account_state_but_cannot_invite()
    {
        var participant = await app.CreateParticipantAsync(Bergen);
        using var caseworker = await app.SignedInAsync(Demo.BergenCaseworker);

        var page = TestClient.Decode(await caseworker.GetPageAsync($"/participants/{participant.Id}"));
        Assert.Contains("Deltakeren har ikke konto ennå.", page);
        Assert.DoesNotContain(PortalTestSupport.InviteUrl(participant.Id), page);

        var response = await caseworker.InviteAsync(participant.Id, PortalTestSupport.NewEmail());
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/access-denied", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Null((await app.StoredParticipantAsync(participant)).UserId);
    }

    [Fact]
    public async Task A_participant_of_another_municipality_cannot_be_invited()
    {
        var tromso = await app.CreateParticipantAsync("5501");
        using var coordinator = await app.SignedInAsync(Demo.BergenCoordinator);
        var token = TestClient.AntiforgeryToken(await coordinator.GetPageAsync("/participants"));

        var response = await coordinator.Http.PostAsync(PortalTestSupport.InviteUrl(tromso.Id), new FormUrlEncodedContent(
            new Dictionary<string, string> { ["email"] = PortalTestSupport.NewEmail(), ["__RequestVerificationToken"] = token }));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Null((await app.StoredParticipantAsync(tromso)).UserId);
    }

    [Fact]
    public async Task An_invitation_is_recorded_in_the_audit_log_without_the_address()
    {
        var participant = await app.CreateParticipantAsync(Bergen);
        var email = PortalTestSupport.NewEmail();
        using var coordinator = await app.SignedInAsync(Demo.BergenCoordinator);

        await coordinator.InviteAsync(participant.Id, email);

        await using var scope = app.Services.GetRequiredService<TenantScopeFactory>().ForTenant(participant.TenantId);
        var events = await scope.ServiceProvider.GetRequiredService<AppDbContext>().AuditEvents.AsNoTracking()
            .Where(e => e.ParticipantId == participant.Id && e.Details != null && e.Details.Contains("portal")).ToListAsync();
        Assert.Equal(2, events.Count);
        Assert.All(events, e => Assert.DoesNotContain(email, e.Details!, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task A_tenant_admin_cannot_send_a_participants_invitation_again_nor_see_its_link()
    {
        var participant = await app.CreateParticipantAsync(Bergen);
        var email = PortalTestSupport.NewEmail();
        using (var coordinator = await app.SignedInAsync(Demo.BergenCoordinator))
        {
            await coordinator.InviteAsync(participant.Id, email);
        }
        var sent = PortalTestSupport.InvitationPath(app.Outbox.LastTo(email).Body);
        var account = (await app.StoredParticipantAsync(participant)).UserId!.Value;
        using var admin = await app.SignedInAsync(Demo.BergenAdmin);

        var resend = await admin.PostFormAsync("/admin/users", $"/admin/users/{account}/resend", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.NotFound, resend.StatusCode);
        Assert.Equal(sent, PortalTestSupport.InvitationPath(app.Outbox.LastTo(email).Body)); // nothing sent, the link still the participant's
        var details = await admin.GetPageAsync($"/admin/users/{account}");
        Assert.DoesNotContain($"/admin/users/{account}/resend", details, StringComparison.Ordinal);
        Assert.DoesNotContain("/account/invitation", details, StringComparison.Ordinal);
        using var invitee = app.CreateTestClient();
        Assert.Contains("name=\"Token\"", await invitee.OpenInvitationAsync(sent)); // the participant's link still works
    }
}
