using IntroProgram.Domain.Auditing;
using IntroProgram.Domain.Decisions;
using IntroProgram.Domain.Participants;
using IntroProgram.Domain.Programme;
using IntroProgram.Infrastructure.Decisions;
using IntroProgram.Infrastructure.Ledger;
using IntroProgram.Infrastructure.Tenancy;
using IntroProgram.Web.Tests.Decisions;
using IntroProgram.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IntroProgram.Web.Tests.Participants;

[Collection(AppSuite.Name)]
public sealed class ParticipantPageTests(AppFactory app)
{
    private const string Bergen = "4601";

    [Fact]
    public async Task The_page_shows_the_norwegian_hours_against_the_requirement_from_the_totals()
    {
        var participant = await app.CreateAsync(Bergen);
        await app.LogHoursAsync(participant, ParticipantTestData.Today.AddDays(-3), HourCategory.Norwegian, 7.5m);
        await app.LogHoursAsync(participant, ParticipantTestData.Today.AddDays(-2), HourCategory.Norwegian, 4.5m);
        await app.LogHoursAsync(participant, ParticipantTestData.Today.AddDays(-2), HourCategory.SocialStudies, 2m);
        using var client = await app.SignedInAsync(Demo.BergenCoordinator);

        var page = TestClient.Decode(await client.GetPageAsync($"/participants/{participant.Id}"));

        var rules = RuleSetCatalog.Standard.ForPermitDate(participant.Details.PermitDate!.Value);
        Assert.Equal(550m, rules.NorwegianHoursRequired);
        Assert.Contains("12 av 550 timer", page);
        Assert.Contains($"2 av {rules.SocialStudiesHoursRequired:0} timer", page);
        Assert.Contains("<progress max=\"550\" value=\"12\"", page);
        Assert.Contains("role=\"img\"", page);
        await app.AssertTotalsMatchLedgerAsync(participant.TenantId);
    }

    [Fact]
    public async Task Viewing_the_page_writes_a_read_event_to_the_audit_log()
    {
        var participant = await app.CreateAsync(Bergen);
        using var client = await app.SignedInAsync(Demo.BergenCaseworker);

        await client.GetPageAsync($"/participants/{participant.Id}");

        var reads = await app.InTenantAsync(participant.TenantId, db => db.AuditEvents
            .Where(e => e.Action == AuditAction.Read && e.RecordType == "Participant" && e.ParticipantId == participant.Id)
            .ToListAsync());
        var read = Assert.Single(reads);
        Assert.Equal(participant.Id.ToString(), read.RecordId);
        Assert.NotNull(read.ActorId);
    }

    [Fact]
    public async Task A_voided_entry_is_shown_struck_through_with_its_reason()
    {
        var participant = await app.CreateAsync(Bergen);
        var entry = await app.LogHoursAsync(participant, ParticipantTestData.Today.AddDays(-1), HourCategory.CareerGuidance, 3m);
        var coordinator = await app.CreateUserAsync(Bergen, "coordinator");
        await using (var scope = app.Services.GetRequiredService<TenantScopeFactory>().ForTenant(participant.TenantId))
        {
            var voided = await scope.ServiceProvider.GetRequiredService<HourLedger>()
                .VoidEntryAsync(participant.Id, entry, "Ført på feil deltaker", coordinator.Id);
            Assert.True(voided.Succeeded);
        }
        using var client = await app.SignedInAsync(Demo.BergenCoordinator);

        var page = TestClient.Decode(await client.GetPageAsync($"/participants/{participant.Id}"));

        Assert.Contains("<del>Timer: Karriereveiledning</del>", page);
        Assert.Contains("Annullert: Ført på feil deltaker", page);
        Assert.DoesNotContain($"/hours/{entry}/void", page);
    }

    [Fact]
    public async Task Coordinators_get_the_logging_links_and_caseworkers_the_decision_links()
    {
        var participant = await app.CreateAsync(Bergen);
        var entry = await app.LogHoursAsync(participant, ParticipantTestData.Today.AddDays(-1), HourCategory.Norwegian, 2m);
        using var coordinator = await app.SignedInAsync(Demo.BergenCoordinator);
        using var caseworker = await app.SignedInAsync(Demo.BergenCaseworker);
        var url = $"/participants/{participant.Id}";

        var asCoordinator = await coordinator.GetPageAsync(url);
        var asCaseworker = await caseworker.GetPageAsync(url);

        Assert.Contains($"href=\"{url}/hours/new\"", asCoordinator);
        Assert.Contains($"href=\"{url}/absence/new\"", asCoordinator);
        Assert.Contains($"href=\"{url}/edit\"", asCoordinator);
        Assert.Contains($"href=\"{url}/hours/{entry}/void\"", asCoordinator);
        Assert.DoesNotContain($"{url}/decisions/new/leave", asCoordinator);

        Assert.Contains($"href=\"{url}/decisions/new/leave\"", asCaseworker);
        Assert.Contains($"href=\"{url}/decisions/new/extra-hours\"", asCaseworker);
        Assert.Contains($"href=\"{url}/tests/new/social-studies\"", asCaseworker);
        Assert.DoesNotContain($"{url}/decisions/new/resumption", asCaseworker); // only when stopped
        Assert.DoesNotContain($"{url}/hours/new", asCaseworker);
    }

    [Fact]
    public async Task The_page_shows_the_pace_in_plain_language()
    {
        var today = ParticipantTestData.Today;
        var participant = await app.CreateAsync(Bergen, d => d with
        {
            GivenName = "Tempa", PermitDate = today.AddDays(-130), SettlementDate = today.AddDays(-110), ProgrammeStart = today.AddDays(-100),
        });
        var lastMonday = ParticipantWeek.StartOf(ParticipantTestData.Today).AddDays(-7);
        for (var week = 0; week < 8; week++)
        {
            await app.LogHoursAsync(participant, lastMonday.AddDays(-7 * week), HourCategory.Norwegian, 2m);
        }
        using var client = await app.SignedInAsync(Demo.BergenCoordinator);

        var page = TestClient.Decode(await client.GetPageAsync($"/participants/{participant.Id}"));

        // 16 hours so far plus 2 a week for the rest of the three years stays well below 550.
        Assert.Contains("Med tempoet de siste 8 ukene (2 timer i uka) når Tempa omtrent ", page);
        Assert.Contains(" av 550 timer innen fristen ", page);
        Assert.Contains("I risiko: tempoet må økes tydelig for å nå kravet.", page);
    }

    [Fact]
    public async Task An_unknown_participant_answers_404()
    {
        using var client = await app.SignedInAsync(Demo.BergenCoordinator);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await client.GetAsync($"/participants/{Guid.NewGuid()}")).StatusCode);
    }

    [Fact]
    public async Task The_timeline_lists_hours_decisions_and_test_results_newest_first_a_page_at_a_time()
    {
        var participant = await app.CreateAsync(Bergen);
        var today = ParticipantTestData.Today;
        var start = participant.Details.ProgrammeStart!.Value;
        for (var day = 30; day >= 6; day--)
        {
            await app.LogHoursAsync(participant, today.AddDays(-day), HourCategory.Norwegian, 1m);
        }
        var caseworker = await app.UserIdAsync(participant.TenantId, Demo.BergenCaseworker);
        await app.RecordDecisionAsync(participant, new DecisionInput
        {
            Kind = DecisionKind.Leave, DecidedOn = today.AddDays(-3), Reason = "Permisjon i historikken.", LeaveType = LeaveType.Welfare,
            PeriodStart = start.AddDays(10), PeriodEnd = start.AddDays(14),
        }, caseworker);
        await app.InTenantAsync(participant.TenantId, db =>
        {
            db.TestResults.Add(new TestResult
            {
                Id = Guid.NewGuid(), ParticipantId = participant.Id, Kind = TestKind.Norwegian, TakenOn = today.AddDays(-2),
                Reading = CefrLevel.A2, Note = "Prøve i historikken.", RecordedAt = TestClock.Now,
            });
            return db.SaveChangesAsync();
        });
        using var client = await app.SignedInAsync(Demo.BergenCoordinator);

        static string Timeline(string page)
        {
            var from = page.IndexOf("id=\"timeline-heading\"", StringComparison.Ordinal);
            return page[from..page.IndexOf("</section>", from, StringComparison.Ordinal)];
        }
        static int Count(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;
        var first = Timeline(TestClient.Decode(await client.GetPageAsync($"/participants/{participant.Id}")));
        var second = Timeline(TestClient.Decode(await client.GetPageAsync($"/participants/{participant.Id}?page=2")));

        // 27 events, 20 a page: the test result (2 days ago), the decision (3 days ago), then the 18 newest hour entries.
        var test = first.IndexOf("Prøve i historikken.", StringComparison.Ordinal);
        var decision = first.IndexOf("Permisjon i historikken.", StringComparison.Ordinal);
        Assert.True(test >= 0 && decision > test, "the test result first, then the decision");
        Assert.True(first.IndexOf("Timer: ", StringComparison.Ordinal) > decision, "hours after both");
        // One date cell a row.
        Assert.Equal(20, Count(first, "<td class=\"nowrap\">"));
        Assert.Equal(7, Count(second, "<td class=\"nowrap\">"));
        Assert.DoesNotContain("historikken.", second);
    }
}
