using IntroProgram.Domain.Decisions;
using System.Net;
using System.Text.RegularExpressions;
using IntroProgram.Domain.Participants;
using IntroProgram.Infrastructure.Data;
using IntroProgram.Infrastructure.Decisions;
using IntroProgram.Infrastructure.Tenancy;
using IntroProgram.Web.Tests.Decisions;
using IntroProgram.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IntroProgram.Web.Tests.Portal;

public sealed record PortalParticipant(TestParticipant Participant, string Email, string Password);

/// <summary>Participants with their own sign-in, made the way a municipality makes them: invited by a coordinator.</summary>
public static partial class PortalTestSupport
{
    public const string Password = "mitt eget lange passord";

    public static string InviteUrl(Guid participantId) => $"/participants/{participantId}/portal-access/invite";

    /// <summary>The coordinator posts the invitation form on the participant page.</summary>
    public static Task<HttpResponseMessage> InviteAsync(this TestClient coordinator, Guid participantId, string email) =>
        coordinator.PostFormAsync($"/participants/{participantId}", InviteUrl(participantId), new Dictionary<string, string> { ["email"] = email });

    public static string NewEmail() => $"deltaker-{Guid.NewGuid():N}@test.introprogram.no";

    public static string InvitationPath(string mailBody) => new Uri(LinkPattern().Match(mailBody).Value).PathAndQuery;

    /// <summary>Opens an invitation link like a browser: follows the one redirect that sets the invitee's language.</summary>
    public static async Task<string> OpenInvitationAsync(this TestClient client, string path)
    {
        var response = await client.GetAsync(path);
        if (response.StatusCode == HttpStatusCode.Redirect)
        {
            response = await client.GetAsync(response.Headers.Location!.OriginalString);
        }
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    public static async Task<HttpResponseMessage> SetPasswordAsync(this TestClient client, string page, string password) =>
        await client.Http.PostAsync("/account/invitation", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["User"] = Regex.Match(page, "name=\"User\" value=\"([^\"]+)\"").Groups[1].Value,
            ["Token"] = TestClient.Decode(Regex.Match(page, "name=\"Token\" value=\"([^\"]+)\"").Groups[1].Value),
            ["Password"] = password, ["ConfirmPassword"] = password,
            ["__RequestVerificationToken"] = TestClient.AntiforgeryToken(page),
        }));

    /// <summary>A new participant in the municipality, invited by its demo coordinator, with a password set.</summary>
    public static async Task<PortalParticipant> ParticipantWithAccountAsync(this AppFactory app, string municipality, string coordinatorEmail,
        Func<ParticipantDetails, ParticipantDetails>? change = null)
    {
        var participant = await app.CreateParticipantAsync(municipality, change);
        var email = NewEmail();
        using (var coordinator = app.CreateTestClient())
        {
            await coordinator.LoginOkAsync(coordinatorEmail);
            Assert.Equal(HttpStatusCode.Redirect, (await coordinator.InviteAsync(participant.Id, email)).StatusCode);
        }
        using var invitee = app.CreateTestClient();
        var page = await invitee.OpenInvitationAsync(InvitationPath(app.Outbox.LastTo(email).Body));
        Assert.Equal(HttpStatusCode.Redirect, (await invitee.SetPasswordAsync(page, Password)).StatusCode);
        return new PortalParticipant(participant, email, Password);
    }

    public static async Task<Participant> StoredParticipantAsync(this AppFactory app, TestParticipant participant)
    {
        await using var scope = app.Services.GetRequiredService<TenantScopeFactory>().ForTenant(participant.TenantId);
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Participants.AsNoTracking().SingleAsync(p => p.Id == participant.Id);
    }

    /// <summary>A decision about the participant, recorded by the municipality's demo caseworker.</summary>
    public static async Task DecideAsync(this AppFactory app, TestParticipant participant, DecisionInput input)
    {
        var caseworker = await app.UserIdAsync(participant.TenantId, Demo.BergenCaseworker);
        await app.RecordDecisionAsync(participant, input, caseworker);
    }

    [GeneratedRegex(@"http://localhost/account/invitation\?\S+")]
    private static partial Regex LinkPattern();
}
