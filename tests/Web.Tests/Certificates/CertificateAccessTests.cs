using System.Net;
using IntroProgram.Domain.Certificates;
using IntroProgram.Domain.Participants;
using IntroProgram.Web.Tests.Participants;
using IntroProgram.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace IntroProgram.Web.Tests.Certificates;

/// <summary>Who may see which certificate: another municipality never, a participant only their own.</summary>
[Collection(AppSuite.Name)]
public sealed class CertificateAccessTests(AppFactory app)
{
    [Fact]
    public async Task Another_municipalitys_staff_get_404_for_every_certificate_route()
    {
        var world = await app.CaseworkerWorldAsync();
        using var _ = world.Client;
        var p = await app.ParticipantWithHoursAsync(world.Number, 550m, 75m);
        var id = CertificateTestSupport.CertificateIdFrom(await world.Client.IssueAsync(p.Id, "evidence"));
        var other = await app.CaseworkerWorldAsync();
        using var __ = other.Client;
        var token = TestClient.AntiforgeryToken(await other.Client.GetPageAsync("/certificates"));

        Assert.Equal(HttpStatusCode.NotFound, (await other.Client.GetAsync($"/certificates/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Client.GetAsync($"/certificates/{id}/pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Client.GetAsync($"/participants/{p.Id}/certificates")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Client.GetAsync($"/participants/{p.Id}/certificates/preview/evidence")).StatusCode);
        var revoke = await other.Client.Http.PostAsync($"/certificates/{id}/revoke",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["reason"] = "Forsøk." }));
        Assert.Equal(HttpStatusCode.NotFound, revoke.StatusCode);
        var issue = await other.Client.Http.PostAsync($"/participants/{p.Id}/certificates/issue/participation",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.NotFound, issue.StatusCode);
        Assert.DoesNotContain(p.Details.FamilyName!, TestClient.Decode(await other.Client.GetPageAsync("/certificates")));
        Assert.Null((await app.CertificateAsync(world.TenantId, id)).RevokedAt);
    }

    [Fact]
    public async Task A_participant_downloads_their_own_certificate_but_gets_404_for_another_participants()
    {
        var world = await app.CaseworkerWorldAsync();
        using var _ = world.Client;
        var mine = await app.ParticipantWithHoursAsync(world.Number, 550m, 75m);
        var theirs = await app.ParticipantWithHoursAsync(world.Number, 550m, 75m);
        var myCertificate = CertificateTestSupport.CertificateIdFrom(await world.Client.IssueAsync(mine.Id, "evidence"));
        var theirCertificate = CertificateTestSupport.CertificateIdFrom(await world.Client.IssueAsync(theirs.Id, "evidence"));
        var user = await app.CreateUserAsync(world.Number, "participant");
        await app.InTenantAsync(world.TenantId, db => db.Participants.Where(x => x.Id == mine.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.UserId, user.Id)));
        using var participant = app.CreateTestClient();
        await participant.LoginOkAsync(user.Email);

        var own = await participant.GetAsync($"/certificates/{myCertificate}/pdf");
        var other = await participant.GetAsync($"/certificates/{theirCertificate}/pdf");
        var list = TestClient.Decode(await participant.GetPageAsync("/me/certificates"));

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal((await app.CertificateAsync(world.TenantId, myCertificate)).Pdf, await own.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Contains((await app.CertificateAsync(world.TenantId, myCertificate)).Number, list);
        Assert.DoesNotContain((await app.CertificateAsync(world.TenantId, theirCertificate)).Number, list);
        // Staff pages stay closed to participants.
        AssertDenied(await participant.GetAsync($"/certificates/{myCertificate}"));
        AssertDenied(await participant.GetAsync("/certificates"));
    }

    [Fact]
    public async Task A_coordinator_may_look_but_only_a_caseworker_may_issue_or_revoke()
    {
        var world = await app.CaseworkerWorldAsync();
        using var _ = world.Client;
        var p = await app.ParticipantWithHoursAsync(world.Number, 550m, 75m);
        var coordinator = await app.CreateUserAsync(world.Number, "coordinator");
        using var client = app.CreateTestClient();
        await client.LoginOkAsync(coordinator.Email);

        var page = await client.GetPageAsync($"/participants/{p.Id}/certificates");
        var issue = await client.Http.PostAsync($"/participants/{p.Id}/certificates/issue/evidence",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = TestClient.AntiforgeryToken(page) }));

        AssertDenied(issue);
        Assert.DoesNotContain("/certificates/issue/", page);
        Assert.Equal(0, await app.InTenantAsync(world.TenantId, db => db.Certificates.CountAsync()));
    }

    private static void AssertDenied(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/access-denied", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }
}
