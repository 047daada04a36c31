using System.Globalization;
using System.Net;
using IntroProgram.Domain.Decisions;
using IntroProgram.Domain.Programme;
using IntroProgram.Infrastructure.Decisions;
using IntroProgram.Infrastructure.Ledger;
using IntroProgram.Infrastructure.Tenancy;
using IntroProgram.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace IntroProgram.Web.Tests.Portal;

/// <summary>What a participant sees on their own pages, and that they see nothing else.</summary>
[Collection(AppSuite.Name)]
public sealed class PortalPagesTests(AppFactory app)
{
    private const string Bergen = "4601";
    private static DateOnly Today => ParticipantTestData.Today;

    public static readonly TheoryData<string> OwnPages = new() { "/me", "/me/progress", "/me/plan", "/me/absence", "/me/decisions" };

    [Fact]
    public async Task The_progress_page_shows_the_hours_against_the_participants_own_rule_set()
    {
        var invited = await app.ParticipantWithAccountAsync(Bergen, Demo.BergenCoordinator, d => d with { PreferredLanguage = "nb" });
        var participant = invited.Participant;
        await app.LogHoursAsync(participant, Today.AddDays(-3), HourCategory.Norwegian, 7.5m);
        await app.LogHoursAsync(participant, Today.AddDays(-2), HourCategory.Norwegian, 4.5m);
        await app.LogHoursAsync(participant, Today.AddDays(-2), HourCategory.SocialStudies, 2m);
        await app.LogHoursAsync(participant, Today.AddDays(-1), HourCategory.CareerGuidance, 1.5m);
        using var client = await app.SignedInAsync(invited.Email, invited.Password);

        var page = TestClient.Decode(await client.GetPageAsync("/me/progress"));

        var rules = RuleSetCatalog.Standard.ForPermitDate(participant.Details.PermitDate!.Value);
        Assert.Contains($"12 av {rules.NorwegianHoursRequired:0} timer", page);
        Assert.Contains($"2 av {rules.SocialStudiesHoursRequired:0} timer", page);
        Assert.Contains($"Timer igjen: {rules.NorwegianHoursRequired - 12m:0}", page);
        Assert.Contains("Du har hatt 1,5 timer karriereveiledning.", page);
        Assert.Contains("Du har ikke fått ekstra norsktimer.", page);
        Assert.Contains("role=\"img\"", page);
        Assert.Contains("<table", page); // the chart's numbers as a table
    }

    [Fact]
    public async Task The_start_page_shows_the_deadline_with_the_days_left()
    {
        var invited = await app.ParticipantWithAccountAsync(Bergen, Demo.BergenCoordinator, d => d with { PreferredLanguage = "nb" });
        var stored = await app.StoredParticipantAsync(invited.Participant);
        using var client = await app.SignedInAsync(invited.Email, invited.Password);

        var page = TestClient.Decode(await client.GetPageAsync("/me"));

        var deadline = stored.EvidenceDeadline!.Value;
        Assert.Contains(deadline.ToString("d. MMMM yyyy", new CultureInfo("nb")), page);
        Assert.Contains($"Dager igjen: {deadline.DayNumber - Today.DayNumber}", page); // no thousands separator
    }

    [Fact]
    public async Task The_decisions_and_leave_concerning_the_participant_are_shown_in_plain_words()
    {
        var invited = await app.ParticipantWithAccountAsync(Bergen, Demo.BergenCoordinator, d => d with { PreferredLanguage = "nb" });
        await app.DecideAsync(invited.Participant, new DecisionInput { Kind = DecisionKind.ExtraHoursGrant, DecidedOn = Today, Reason = "Trenger mer norsk.", ExtraHoursTotal = 40m });
        await app.DecideAsync(invited.Participant, new DecisionInput
        {
            Kind = DecisionKind.Leave, DecidedOn = Today, Reason = "Fødsel.", LeaveType = LeaveType.Parental,
            PeriodStart = Today.AddDays(10), PeriodEnd = Today.AddDays(19),
        });
        using var client = await app.SignedInAsync(invited.Email, invited.Password);

        var decisions = TestClient.Decode(await client.GetPageAsync("/me/decisions"));
        Assert.Contains("Du kan ha 40 ekstra norsktimer til sammen.", decisions);
        Assert.Contains("Trenger mer norsk.", decisions);

        var absence = TestClient.Decode(await client.GetPageAsync("/me/absence"));
        Assert.Contains("Foreldrepermisjon fra", absence);
        Assert.Contains("Permisjonen har flyttet fristen din 10 dager", absence);
    }

    [Fact]
    public async Task The_absence_page_lists_the_participants_absence()
    {
        var invited = await app.ParticipantWithAccountAsync(Bergen, Demo.BergenCoordinator, d => d with { PreferredLanguage = "nb" });
        await using (var scope = app.Services.GetRequiredService<TenantScopeFactory>().ForTenant(invited.Participant.TenantId))
        {
            var ledger = scope.ServiceProvider.GetRequiredService<HourLedger>();
            var result = await ledger.RecordAbsenceAsync(invited.Participant.Id, new AbsenceInput(Today.AddDays(-1), 3m, false, "Syk"), Guid.NewGuid(), null);
            Assert.True(result.Succeeded);
        }
        using var client = await app.SignedInAsync(invited.Email, invited.Password);

        var page = TestClient.Decode(await client.GetPageAsync("/me/absence"));

        Assert.Contains("Ugyldig fravær", page);
        Assert.Contains(Today.AddDays(-1).ToString("d. MMMM yyyy", new CultureInfo("nb")), page);
    }

    [Theory]
    [MemberData(nameof(OwnPages))]
    public async Task Each_own_page_shows_only_the_signed_in_participant(string path)
    {
        var me = await app.ParticipantWithAccountAsync(Bergen, Demo.BergenCoordinator);
        var other = await app.ParticipantWithAccountAsync(Bergen, Demo.BergenCoordinator);
        using var client = await app.SignedInAsync(me.Email, me.Password);

        var page = TestClient.Decode(await client.GetPageAsync(path));

        Assert.DoesNotContain(other.Participant.Details.FamilyName!, page);
        Assert.DoesNotContain(other.Participant.Id.ToString(), page);
        Assert.DoesNotContain(me.Participant.NationalId, page);
    }

    [Theory]
    [MemberData(nameof(OwnPages))]
    public async Task Staff_cannot_open_the_participant_pages(string path)
    {
        using var coordinator = await app.SignedInAsync(Demo.BergenCoordinator);

        var response = await coordinator.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/access-denied", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_sign_in_the_participant_pages_ask_for_it()
    {
        using var anonymous = app.CreateTestClient();

        var response = await anonymous.GetAsync("/me/progress");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", new Uri(new Uri("http://localhost"), response.Headers.Location!).AbsolutePath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_participant_account_without_a_linked_record_sees_no_one()
    {
        var orphan = await app.CreateUserAsync(Bergen, IntroProgram.Infrastructure.Identity.Roles.Participant);
        using var client = await app.SignedInAsync(orphan.Email);

        var page = TestClient.Decode(await client.GetPageAsync("/me/progress"));

        Assert.Contains("Vi finner ikke programmet ditt", page);
        Assert.DoesNotContain("av 550 timer", page);
    }

    [Fact]
    public async Task Viewing_an_own_page_is_recorded_in_the_audit_log()
    {
        var me = await app.ParticipantWithAccountAsync(Bergen, Demo.BergenCoordinator);
        using var client = await app.SignedInAsync(me.Email, me.Password);

        await client.GetPageAsync("/me/progress");

        await using var scope = app.Services.GetRequiredService<TenantScopeFactory>().ForTenant(me.Participant.TenantId);
        var db = scope.ServiceProvider.GetRequiredService<IntroProgram.Infrastructure.Data.AppDbContext>();
        Assert.Equal(1, db.AuditEvents.Count(e => e.ParticipantId == me.Participant.Id && e.Details == "own pages: progress"));
    }
}
