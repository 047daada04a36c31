using System.Net;
using IntroProgram.Domain.Auditing;
using IntroProgram.Domain.Participants;
using IntroProgram.Infrastructure.Data;
using IntroProgram.Infrastructure.Identity;
using IntroProgram.Infrastructure.Tenancy;
using IntroProgram.Web.Identity;
using IntroProgram.Web.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IntroProgram.Web.Tests.SignIn;

/// <summary>
/// "Logg inn med ID-porten" against the local OpenID provider: the participant is found by the pid claim through the
/// narrow lookup, and every way a response can be wrong is refused with no session.
/// </summary>
// In the app's collection: its tests make municipalities, which the form matrix must not see appear mid-snapshot.
[Collection(AppSuite.Name)]
public sealed class IdPortenSignInTests(FederatedSignInFixture f) : IClassFixture<FederatedSignInFixture>
{
    private const string Bergen = "4601";
    private const string Tromso = "5501";

    [Fact]
    public async Task IdPorten_participant_found_in_one_municipality_is_signed_in_to_me_in_their_language()
    {
        var participant = await f.App.Services.CreateParticipantAsync(Bergen);
        using var browser = f.NewBrowser();

        var callback = await browser.AtProviderAsync(await browser.StartIdPortenAsync(), FederatedBrowser.Person(participant.NationalId));
        var answer = await browser.CallbackAsync(callback);

        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.Equal("/me", answer.Headers.Location?.OriginalString);
        var me = await browser.App.GetPageAsync("/me");
        Assert.Contains("lang=\"ar\"", me, StringComparison.Ordinal);
        Assert.Contains("dir=\"rtl\"", me, StringComparison.Ordinal);
        Assert.Contains(TestClient.Decode(participant.Details.GivenName!), TestClient.Decode(me), StringComparison.Ordinal);
        Assert.Equal(participant.Id, (await LinkedAsync(participant)).ParticipantId);
    }

    [Fact]
    public async Task IdPorten_first_sign_in_creates_and_links_the_account_and_the_next_uses_the_same_one()
    {
        var participant = await f.App.Services.CreateParticipantAsync(Tromso);

        await SignInAsync(participant.NationalId);
        var first = await LinkedAsync(participant);
        await SignInAsync(participant.NationalId);
        var second = await LinkedAsync(participant);

        Assert.NotNull(first.UserId);
        Assert.Equal(first.UserId, second.UserId);
        Assert.Equal(1, await CountAuditAsync(participant.TenantId, first.UserId!.Value, AuditAction.Create));
        Assert.Equal(2, await CountAuditAsync(participant.TenantId, first.UserId!.Value, AuditAction.Login));
        // The national id is never in the audit details.
        Assert.False(await AuditMentionsAsync(participant.TenantId, participant.NationalId));
    }

    [Fact]
    public async Task IdPorten_unknown_national_id_gets_the_plain_page_and_no_session()
    {
        using var browser = f.NewBrowser();
        var unknown = TestNationalIds.For(new DateOnly(1990, 5, 17));

        var callback = await browser.AtProviderAsync(await browser.StartIdPortenAsync(), FederatedBrowser.Person(unknown));
        var answer = await browser.CallbackAsync(callback);

        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.Equal(IdPortenEvents.UnknownPath, answer.Headers.Location?.OriginalString);
        var page = TestClient.Decode(await browser.App.GetPageAsync(IdPortenEvents.UnknownPath));
        Assert.Contains("Vi fant deg ikke", page, StringComparison.Ordinal);
        Assert.DoesNotContain(unknown, page, StringComparison.Ordinal);
        Assert.False(await browser.IsSignedInAsync());
    }

    [Fact]
    public async Task IdPorten_level_below_substantial_is_refused_with_no_session()
    {
        var participant = await f.App.Services.CreateParticipantAsync(Bergen);
        using var browser = f.NewBrowser();

        var callback = await browser.AtProviderAsync(await browser.StartIdPortenAsync(),
            FederatedBrowser.Person(participant.NationalId, acr: "idporten-loa-low"));
        var answer = await browser.CallbackAsync(callback);

        AssertRefused(answer, "level");
        Assert.False(await browser.IsSignedInAsync());
        Assert.Null((await LinkedAsync(participant)).UserId);
    }

    [Fact]
    public async Task IdPorten_high_level_is_accepted_for_a_substantial_request()
    {
        var participant = await f.App.Services.CreateParticipantAsync(Bergen);
        using var browser = f.NewBrowser();

        var callback = await browser.AtProviderAsync(await browser.StartIdPortenAsync(),
            FederatedBrowser.Person(participant.NationalId, acr: FederatedSignIn.High));
        var answer = await browser.CallbackAsync(callback);

        Assert.Equal("/me", answer.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task IdPorten_tampered_state_is_refused_with_no_session()
    {
        var participant = await f.App.Services.CreateParticipantAsync(Bergen);
        using var browser = f.NewBrowser();

        var callback = await browser.AtProviderAsync(await browser.StartIdPortenAsync(), FederatedBrowser.Person(participant.NationalId));
        var query = System.Web.HttpUtility.ParseQueryString(callback.Query);
        var state = query["state"]!;
        query["state"] = state[..^4] + (state.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");
        var answer = await browser.App.GetAsync(callback.AbsolutePath + "?" + query);

        AssertRefused(answer, "failed");
        Assert.False(await browser.IsSignedInAsync());
        Assert.Null((await LinkedAsync(participant)).UserId);
    }

    [Fact]
    public async Task IdPorten_replayed_code_is_refused_with_no_session()
    {
        var participant = await f.App.Services.CreateParticipantAsync(Bergen);
        using var browser = f.NewBrowser();
        var (authorize, cookies) = await browser.StartIdPortenWithCookiesAsync();
        var callback = await browser.AtProviderAsync(authorize, FederatedBrowser.Person(participant.NationalId));
        Assert.Equal("/me", (await browser.CallbackAsync(callback)).Headers.Location?.OriginalString);

        // Another browser replays the whole callback: the same code, state and correlation and nonce cookies.
        using var replay = f.App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, callback.PathAndQuery);
        request.Headers.Add("Cookie", cookies);
        var answer = await replay.SendAsync(request);

        AssertRefused(answer, "failed");
        Assert.False(answer.Headers.TryGetValues("Set-Cookie", out var set) && set.Any(c => c.StartsWith("ip.auth=", StringComparison.Ordinal) && !c.StartsWith("ip.auth=;", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("nonce")]
    [InlineData("aud")]
    [InlineData("foreign")]
    public async Task IdPorten_token_with_wrong_nonce_audience_or_issuer_is_refused_with_no_session(string tamper)
    {
        var participant = await f.App.Services.CreateParticipantAsync(Bergen);
        using var browser = f.NewBrowser();

        var callback = await browser.AtProviderAsync(await browser.StartIdPortenAsync(),
            FederatedBrowser.Person(participant.NationalId, tamper: tamper));
        var answer = await browser.CallbackAsync(callback);

        AssertRefused(answer, "failed");
        Assert.False(await browser.IsSignedInAsync());
        Assert.Null((await LinkedAsync(participant)).UserId);
    }

    [Fact]
    public async Task IdPorten_deactivated_participant_account_is_refused_with_no_session()
    {
        var participant = await f.App.Services.CreateParticipantAsync(Bergen);
        await SignInAsync(participant.NationalId);
        var userId = (await LinkedAsync(participant)).UserId!.Value;
        await SetUserActiveAsync(participant.TenantId, userId, false);
        using var browser = f.NewBrowser();

        var callback = await browser.AtProviderAsync(await browser.StartIdPortenAsync(), FederatedBrowser.Person(participant.NationalId));
        var answer = await browser.CallbackAsync(callback);

        AssertRefused(answer, "inactive");
        Assert.False(await browser.IsSignedInAsync());
    }

    [Fact]
    public async Task IdPorten_participant_in_two_municipalities_is_signed_in_where_the_programme_is_current()
    {
        var moved = await f.App.Services.CreateParticipantAsync(Bergen);
        var current = await f.App.Services.CreateParticipantAsync(Tromso, d => d with { NationalId = moved.NationalId, BirthDate = moved.Details.BirthDate });
        await SetStatusAsync(moved, ParticipantStatus.Exited);

        await SignInAsync(moved.NationalId);

        Assert.Null((await LinkedAsync(moved)).UserId);
        Assert.NotNull((await LinkedAsync(current)).UserId);
    }

    [Fact]
    public async Task IdPorten_sign_out_also_signs_out_of_id_porten()
    {
        var participant = await f.App.Services.CreateParticipantAsync(Bergen);
        using var browser = f.NewBrowser();
        var callback = await browser.AtProviderAsync(await browser.StartIdPortenAsync(), FederatedBrowser.Person(participant.NationalId));
        await browser.CallbackAsync(callback);

        var page = await browser.App.PostFormAsync("/me", "/account/logout", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.False(await browser.IsSignedInAsync());
        var answer = await browser.App.GetAsync("/account/logout/idporten");

        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        var endSession = answer.Headers.Location!;
        Assert.StartsWith(f.Idp.Issuer("idporten") + "/session/end", endSession.AbsoluteUri, StringComparison.Ordinal);
        Assert.Contains("id_token_hint=", endSession.Query, StringComparison.Ordinal);
        Assert.Contains("post_logout_redirect_uri=", endSession.Query, StringComparison.Ordinal);
        Assert.False(await browser.IsSignedInAsync());
    }

    [Fact]
    public async Task IdPorten_front_channel_logout_ends_the_session_it_names_and_no_other()
    {
        var participant = await f.App.Services.CreateParticipantAsync(Bergen);
        using var browser = f.NewBrowser();
        var callback = await browser.AtProviderAsync(await browser.StartIdPortenAsync(), FederatedBrowser.Person(participant.NationalId));
        await browser.CallbackAsync(callback);
        // The provider's own logout page carries the front-channel logout of every client of its session.
        var logoutPage = await browser.Idp.GetStringAsync(f.Idp.Issuer("idporten") + "/session/end");
        var frame = System.Text.RegularExpressions.Regex.Match(logoutPage, "<iframe src=\"([^\"]+)\"").Groups[1].Value;
        var frontChannel = new Uri(System.Net.WebUtility.HtmlDecode(frame));
        Assert.Equal(FederatedSignIn.IdPortenFrontChannelLogoutPath, frontChannel.AbsolutePath);

        var wrongSid = frontChannel.PathAndQuery.Replace("sid=", "sid=x", StringComparison.Ordinal);
        await browser.App.GetAsync(wrongSid);
        Assert.True(await browser.IsSignedInAsync());

        await browser.App.GetAsync(frontChannel.PathAndQuery);
        Assert.False(await browser.IsSignedInAsync());
    }

    [Fact]
    public async Task IdPorten_account_cannot_be_taken_over_by_an_invitation_and_none_is_offered()
    {
        var participant = await f.App.Services.CreateParticipantAsync(Bergen);
        await SignInAsync(participant.NationalId);
        var coordinator = await f.App.CreateUserAsync(Bergen, Roles.Coordinator);
        using var staff = f.App.CreateTestClient();
        await staff.LoginOkAsync(coordinator.Email);

        var page = await staff.GetPageAsync($"/participants/{participant.Id}");
        var answer = await staff.PostFormAsync($"/participants/{participant.Id}", $"/participants/{participant.Id}/portal-access/invite",
            new Dictionary<string, string> { ["email"] = $"someone-{Guid.NewGuid():N}@test.introprogram.no" });

        Assert.DoesNotContain("/portal-access/invite", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        await using var scope = f.App.Services.GetRequiredService<TenantScopeFactory>().ForTenant(participant.TenantId);
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<AppUser>>();
        var account = await users.FindByIdAsync((await LinkedAsync(participant)).UserId!.Value.ToString());
        Assert.False(await users.HasPasswordAsync(account!));
        Assert.Equal(0, await CountAuditAsync(participant.TenantId, account!.Id, AuditAction.Change));
    }

    private async Task SignInAsync(string nationalId)
    {
        using var browser = f.NewBrowser();
        var callback = await browser.AtProviderAsync(await browser.StartIdPortenAsync(), FederatedBrowser.Person(nationalId));
        var answer = await browser.CallbackAsync(callback);
        Assert.Equal("/me", answer.Headers.Location?.OriginalString);
    }

    private static void AssertRefused(HttpResponseMessage answer, string reason)
    {
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.Equal(IdPortenEvents.RefusedPath + "?reason=" + reason, answer.Headers.Location?.OriginalString);
    }

    private async Task<(Guid ParticipantId, Guid? UserId)> LinkedAsync(TestParticipant participant)
    {
        await using var scope = f.App.Services.GetRequiredService<TenantScopeFactory>().ForTenant(participant.TenantId);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var row = await db.Participants.AsNoTracking().SingleAsync(p => p.Id == participant.Id);
        return (row.Id, row.UserId);
    }

    private async Task SetStatusAsync(TestParticipant participant, ParticipantStatus status)
    {
        await using var scope = f.App.Services.GetRequiredService<TenantScopeFactory>().ForTenant(participant.TenantId);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var row = await db.Participants.SingleAsync(p => p.Id == participant.Id);
        row.Status = status;
        await db.SaveChangesAsync();
    }

    private async Task SetUserActiveAsync(Guid tenant, Guid userId, bool active)
    {
        await using var scope = f.App.Services.GetRequiredService<TenantScopeFactory>().ForTenant(tenant);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var user = await db.Users.SingleAsync(u => u.Id == userId);
        user.IsActive = active;
        await db.SaveChangesAsync();
    }

    private async Task<int> CountAuditAsync(Guid tenant, Guid userId, AuditAction action)
    {
        await using var scope = f.App.Services.GetRequiredService<TenantScopeFactory>().ForTenant(tenant);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.AuditEvents.CountAsync(e => e.RecordId == userId.ToString() && e.Action == action);
    }

    private async Task<bool> AuditMentionsAsync(Guid tenant, string text)
    {
        await using var scope = f.App.Services.GetRequiredService<TenantScopeFactory>().ForTenant(tenant);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.AuditEvents.AnyAsync(e => e.Details != null && e.Details.Contains(text));
    }
}
