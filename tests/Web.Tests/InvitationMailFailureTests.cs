using System.Net;
using IntroProgram.Infrastructure.Mail;
using IntroProgram.Web.Tests.Support;
using Moq;

namespace IntroProgram.Web.Tests;

/// <summary>An invitation whose mail cannot be sent is kept, and the person inviting is told.</summary>
[Collection(AppSuite.Name)]
public sealed class InvitationMailFailureTests(AppFactory app)
{
    private static Mock<IOutbox> MailServerDown()
    {
        var mail = new Mock<IOutbox>();
        mail.Setup(o => o.SendAsync(It.IsAny<OutgoingMessage>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new IOException("The mail server did not answer."));
        return mail;
    }

    [Fact]
    public async Task A_staff_invitation_whose_mail_fails_is_kept_the_admin_is_told_and_it_can_be_sent_again()
    {
        var mail = MailServerDown();
        using var failing = app.WithService(mail.Object);
        using var admin = failing.CreateTestClient();
        await admin.LoginOkAsync(Demo.BergenAdmin);
        var email = $"ny-{Guid.NewGuid():N}@bergen.test.introprogram.no";

        var invited = await admin.PostFormAsync("/admin/users/invite", "/admin/users/invite", new Dictionary<string, string>
        {
            ["DisplayName"] = "Nora Ny", ["Email"] = email, ["Roles"] = "caseworker",
        });

        Assert.Equal(HttpStatusCode.Redirect, invited.StatusCode);
        var userPage = invited.Headers.Location!.OriginalString;
        var shown = TestClient.Decode(await admin.GetPageAsync(userPage));
        Assert.Contains("Kontoen er lagret, men invitasjonen kunne ikke sendes.", shown);
        Assert.DoesNotContain("Invitasjonen er sendt.", shown);
        Assert.Contains("Invitert", shown); // the user is there, waiting for an invitation

        // The mail server answers again: the admin sends the invitation from the user's page, and it arrives.
        mail.Setup(o => o.SendAsync(It.IsAny<OutgoingMessage>(), It.IsAny<CancellationToken>()))
            .Returns((OutgoingMessage message, CancellationToken ct) => app.Outbox.SendAsync(message, ct));
        var resent = await admin.PostFormAsync(userPage, userPage + "/resend", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Redirect, resent.StatusCode);
        Assert.Contains("Invitasjonen er sendt.", TestClient.Decode(await admin.GetPageAsync(resent.Headers.Location!.OriginalString)));
        Assert.Contains("/account/invitation?user=", app.Outbox.LastTo(email).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_municipality_whose_first_admins_mail_fails_is_not_created_and_the_operator_is_told()
    {
        using var failing = app.WithService(MailServerDown().Object);
        using var op = failing.CreateTestClient();
        await op.LoginOkAsync(Demo.Operator);
        var slug = $"m{Guid.NewGuid():N}"[..20];

        var response = await op.PostFormAsync("/platform/municipalities/new", "/platform/municipalities/new", new Dictionary<string, string>
        {
            ["Name"] = "Prøvekommune", ["Number"] = await app.UnusedMunicipalityNumberAsync(), ["Slug"] = slug,
            ["AdminName"] = "Ada Admin", ["AdminEmail"] = $"admin-{slug}@test.introprogram.no",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode); // the form again, filled in
        Assert.Contains("kommunen er ikke opprettet", TestClient.Decode(await response.Content.ReadAsStringAsync()));
        Assert.DoesNotContain(slug, TestClient.Decode(await op.GetPageAsync("/platform/municipalities")), StringComparison.Ordinal);
    }
}
