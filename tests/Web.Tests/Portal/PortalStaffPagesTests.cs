using System.Net;
using IntroProgram.Web.Tests.Support;

namespace IntroProgram.Web.Tests.Portal;

/// <summary>A participant never reaches a staff page, not even the one about themselves.</summary>
[Collection(AppSuite.Name)]
public sealed class PortalStaffPagesTests(AppFactory app)
{
    public static readonly TheoryData<string> StaffPages = new()
    {
        "/participants", "/participants/new", "/participants/{own}", "/participants/{own}/edit", "/participants/{own}/plan",
        "/participants/{own}/mapping", "/participants/{own}/hours/new", "/participants/{own}/certificates",
        "/participants/{own}/decisions/new/leave", "/hours/session", "/hours/import", "/certificates", "/reports",
        "/reports/export/participants.csv", "/admin/users", "/admin/audit", "/admin/risk-runs", "/admin/settings",
        "/platform/municipalities",
    };

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static PortalParticipant? _shared;

    /// <summary>One invited participant serves every page of the theory (making one takes an invitation round trip).</summary>
    private async Task<PortalParticipant> SharedParticipantAsync()
    {
        await Gate.WaitAsync();
        try
        {
            return _shared ??= await app.ParticipantWithAccountAsync("4601", Demo.BergenCoordinator);
        }
        finally
        {
            Gate.Release();
        }
    }

    [Theory]
    [MemberData(nameof(StaffPages))]
    public async Task A_participant_is_refused_every_staff_page_with_403(string path)
    {
        var me = await SharedParticipantAsync();
        using var client = await app.SignedInAsync(me.Email, me.Password);

        var response = await client.GetAsync(path.Replace("{own}", me.Participant.Id.ToString(), StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var denied = response.Headers.Location!.OriginalString;
        Assert.Contains("/account/access-denied", denied, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(denied)).StatusCode);
    }

    [Fact]
    public async Task A_participant_cannot_post_to_a_staff_form()
    {
        var me = await app.ParticipantWithAccountAsync("4601", Demo.BergenCoordinator);
        using var client = await app.SignedInAsync(me.Email, me.Password);
        var token = TestClient.AntiforgeryToken(await client.GetPageAsync("/me"));

        var response = await client.Http.PostAsync(PortalTestSupport.InviteUrl(me.Participant.Id), new FormUrlEncodedContent(
            new Dictionary<string, string> { ["email"] = PortalTestSupport.NewEmail(), ["__RequestVerificationToken"] = token }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/access-denied", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }
}
