using System.Net;
using IntroProgram.Domain.Auditing;
using IntroProgram.Domain.Decisions;
using IntroProgram.Domain.Plans;
using IntroProgram.Domain.Programme;
using IntroProgram.Infrastructure.Plans;
using IntroProgram.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static IntroProgram.Web.Tests.Plans.PlanTestData;

namespace IntroProgram.Web.Tests.Plans;

[Collection(AppSuite.Name)]
public sealed class IndividualPlanTests(AppFactory app)
{
    private async Task<TestClient> CoordinatorAsync()
    {
        var client = app.CreateTestClient();
        await client.LoginOkAsync(Demo.BergenCoordinator);
        return client;
    }

    private static DateOnly StartOf(TestParticipant p) => p.Details.ProgrammeStart!.Value;

    private static Task<HttpResponseMessage> SaveAsync(TestClient client, TestParticipant p, Dictionary<string, string> fields) =>
        client.PostFormAsync($"/participants/{p.Id}/plan/edit", $"/participants/{p.Id}/plan/edit", fields);

    private Task<List<IndividualPlan>> VersionsAsync(TestParticipant p) =>
        app.InTenantAsync(p.TenantId, db => db.IndividualPlans.AsNoTracking().Where(x => x.ParticipantId == p.Id).OrderBy(x => x.Version).ToListAsync());

    private static async Task<string> RefusedAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        return TestClient.Decode(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Changing_the_plan_never_overwrites_every_version_keeps_its_own_measures()
    {
        var p = await app.CreatePlanParticipantAsync("4601");
        using var client = await CoordinatorAsync();
        var start = StartOf(p);

        Assert.Equal(HttpStatusCode.Redirect, (await SaveAsync(client, p, PlanFields(start, 0, provider: "Skole A", hours: "15"))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await SaveAsync(client, p, PlanFields(start, 1, reason: "Bytter skole", provider: "Skole B", hours: "20"))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await SaveAsync(client, p, PlanFields(start, 2, reason: "Flere timer", provider: "Skole C", hours: "22,5"))).StatusCode);

        var versions = await VersionsAsync(p);
        Assert.Equal([1, 2, 3], versions.Select(v => v.Version));
        Assert.Equal(["Skole A", "Skole B", "Skole C"], versions.Select(v => v.Measures[0].Provider));
        Assert.Equal([15m, 20m, 22.5m], versions.Select(v => v.Measures[0].HoursPerWeek));
        Assert.All(versions, v => Assert.Equal(2, v.Measures.Count));
        Assert.All(versions, v => Assert.Equal("NAV", v.Measures[1].Provider));
        Assert.Equal([null, "Bytter skole", "Flere timer"], versions.Select(v => v.Reason));
        Assert.Equal(3, versions.Select(v => v.Id).Distinct().Count());
        Assert.True(versions[0].DecidedAt <= versions[1].DecidedAt && versions[1].DecidedAt <= versions[2].DecidedAt);
        Assert.All(versions, v => Assert.NotNull(v.DecidedBy));
    }

    [Fact]
    public async Task The_plan_page_lists_every_version_newest_first()
    {
        var p = await app.CreatePlanParticipantAsync("4601");
        using var client = await CoordinatorAsync();
        var start = StartOf(p);
        await SaveAsync(client, p, PlanFields(start, 0));
        await SaveAsync(client, p, PlanFields(start, 1, reason: "Andre grunn"));
        await SaveAsync(client, p, PlanFields(start, 2, reason: "Tredje grunn", provider: "Skole C"));

        var page = TestClient.Decode(await client.GetPageAsync($"/participants/{p.Id}/plan"));
        Assert.Contains("Gjeldende plan (versjon 3)", page);
        Assert.Contains("Skole C", page);
        var history = page[page.IndexOf("Alle versjoner av planen", StringComparison.Ordinal)..];
        var v3 = history.IndexOf("Versjon 3 (vises)", StringComparison.Ordinal);
        var v2 = history.IndexOf("Versjon 2", StringComparison.Ordinal);
        var v1 = history.IndexOf("Versjon 1", StringComparison.Ordinal);
        Assert.True(v3 >= 0 && v3 < v2 && v2 < v1, "newest first");
        Assert.Contains("Tredje grunn", history);
    }

    [Fact]
    public async Task An_older_plan_version_shows_its_own_measures()
    {
        var p = await app.CreatePlanParticipantAsync("4601");
        using var client = await CoordinatorAsync();
        var start = StartOf(p);
        await SaveAsync(client, p, PlanFields(start, 0, provider: "Skole A"));
        await SaveAsync(client, p, PlanFields(start, 1, reason: "Bytter skole", provider: "Skole B"));

        var page = TestClient.Decode(await client.GetPageAsync($"/participants/{p.Id}/plan/versions/1"));
        Assert.Contains("Du ser på versjon 1. Gjeldende versjon er 2.", page);
        Assert.Contains("Skole A", page);
        Assert.DoesNotContain("Skole B", page);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/participants/{p.Id}/plan/versions/9")).StatusCode);
    }

    [Fact]
    public async Task A_second_version_without_a_reason_is_refused_with_the_norwegian_message()
    {
        var p = await app.CreatePlanParticipantAsync("4601");
        using var client = await CoordinatorAsync();
        await SaveAsync(client, p, PlanFields(StartOf(p), 0));

        var html = await RefusedAsync(await SaveAsync(client, p, PlanFields(StartOf(p), 1, reason: "")));
        Assert.Contains("Skriv hvorfor planen endres.", html);
        Assert.Single(await VersionsAsync(p));
    }

    [Fact]
    public async Task A_target_date_before_the_programme_start_is_refused_with_the_norwegian_message()
    {
        var p = await app.CreatePlanParticipantAsync("4601");
        using var client = await CoordinatorAsync();

        var html = await RefusedAsync(await SaveAsync(client, p, PlanFields(StartOf(p), 0, target: StartOf(p).AddDays(-1))));
        Assert.Contains("Måldatoen kan ikke være før programstart.", html);
        Assert.Contains("href=\"#Input_TargetDate\"", html);
        Assert.Empty(await VersionsAsync(p));
    }

    [Fact]
    public async Task A_target_date_after_the_latest_end_is_refused_with_the_norwegian_message()
    {
        var p = await app.CreatePlanParticipantAsync("4601");
        using var client = await CoordinatorAsync();

        var html = await RefusedAsync(await SaveAsync(client, p, PlanFields(StartOf(p), 0, target: StartOf(p).AddYears(4))));
        Assert.Contains("Måldatoen kan ikke være etter senest mulige slutt på programmet.", html);
        Assert.Empty(await VersionsAsync(p));
    }

    [Fact]
    public async Task Planned_hours_above_37_5_per_week_are_refused_with_the_norwegian_message()
    {
        var p = await app.CreatePlanParticipantAsync("4601");
        using var client = await CoordinatorAsync();

        var html = await RefusedAsync(await SaveAsync(client, p, PlanFields(StartOf(p), 0, hours: "37,75")));
        Assert.Contains("Timer per uke må være mellom 0 og 37,5.", html);
        Assert.Contains("href=\"#Input_Measures_0__HoursPerWeek\"", html);
        Assert.Empty(await VersionsAsync(p));
    }

    [Fact]
    public async Task Overlapping_measures_above_37_5_hours_per_week_are_refused_with_the_norwegian_message()
    {
        var p = await app.CreatePlanParticipantAsync("4601");
        using var client = await CoordinatorAsync();

        var html = await RefusedAsync(await SaveAsync(client, p, PlanFields(StartOf(p), 0, hours: "30,25"))); // + 7,5 from month 3
        Assert.Contains("Tiltak som pågår samtidig, har til sammen mer enn 37,5 timer per uke.", html);
        Assert.Empty(await VersionsAsync(p));
    }

    [Fact]
    public async Task A_measure_starting_before_the_programme_is_refused_with_the_norwegian_message()
    {
        var p = await app.CreatePlanParticipantAsync("4601");
        using var client = await CoordinatorAsync();
        var fields = PlanFields(StartOf(p), 0);
        fields["Input.Measures[0].Start"] = Iso(StartOf(p).AddDays(-1));

        var html = await RefusedAsync(await SaveAsync(client, p, fields));
        Assert.Contains("Tiltaket kan ikke starte før programstart.", html);
        Assert.Empty(await VersionsAsync(p));
    }

    [Fact]
    public async Task A_measure_lasting_beyond_the_programme_is_refused_with_the_norwegian_message()
    {
        var p = await app.CreatePlanParticipantAsync("4601");
        using var client = await CoordinatorAsync();
        var fields = PlanFields(StartOf(p), 0);
        fields["Input.Measures[1].End"] = Iso(StartOf(p).AddYears(4));

        var html = await RefusedAsync(await SaveAsync(client, p, fields));
        Assert.Contains("Tiltaket kan ikke vare lenger enn senest mulige slutt på programmet.", html);
        Assert.Empty(await VersionsAsync(p));
    }

    [Fact]
    public async Task Hours_that_are_not_a_number_are_refused_with_the_norwegian_message()
    {
        var p = await app.CreatePlanParticipantAsync("4601");
        using var client = await CoordinatorAsync();

        var html = await RefusedAsync(await SaveAsync(client, p, PlanFields(StartOf(p), 0, hours: "femten")));
        Assert.Contains("Skriv timer per uke som et tall, for eksempel 7,5.", html);
        Assert.Contains("value=\"femten\"", html);
        Assert.Empty(await VersionsAsync(p));
    }

    [Fact]
    public async Task A_participant_without_a_programme_start_cannot_have_a_plan()
    {
        var p = await app.CreatePlanParticipantAsync("4601", d => d with { ProgrammeStart = null });
        using var client = await CoordinatorAsync();

        var form = TestClient.Decode(await client.GetPageAsync($"/participants/{p.Id}/plan/edit"));
        Assert.Contains("Deltakeren har ingen programstart ennå, så planen kan ikke lages.", form);
        Assert.DoesNotContain("name=\"Input.TargetDate\"", form);

        var html = await RefusedAsync(await SaveAsync(client, p, PlanFields(ParticipantTestData.Today, 0)));
        Assert.Contains("Deltakeren har ingen programstart ennå, så planen kan ikke lages.", html);
        Assert.Empty(await VersionsAsync(p));
    }

    [Fact]
    public async Task A_form_opened_before_someone_else_saved_a_version_is_refused_as_a_conflict()
    {
        var p = await app.CreatePlanParticipantAsync("4601");
        using var client = await CoordinatorAsync();
        await SaveAsync(client, p, PlanFields(StartOf(p), 0));

        var stale = await SaveAsync(client, p, PlanFields(StartOf(p), 0));
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Single(await VersionsAsync(p));
    }

    [Fact]
    public async Task Submitting_the_same_plan_form_twice_saves_one_version()
    {
        var p = await app.CreatePlanParticipantAsync("4601");
        using var client = await CoordinatorAsync();
        var fields = PlanFields(StartOf(p), 0);

        Assert.Equal(HttpStatusCode.Redirect, (await SaveAsync(client, p, fields)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await SaveAsync(client, p, fields)).StatusCode);
        Assert.Single(await VersionsAsync(p));
    }

    [Fact]
    public async Task The_edit_form_is_prefilled_from_the_current_version()
    {
        var p = await app.CreatePlanParticipantAsync("4601");
        using var client = await CoordinatorAsync();
        await SaveAsync(client, p, PlanFields(StartOf(p), 0, provider: "Skole A", hours: "22,5"));

        var form = TestClient.Decode(await client.GetPageAsync($"/participants/{p.Id}/plan/edit"));
        Assert.Contains("value=\"Skole A\"", form);
        Assert.Contains("value=\"22,5\"", form);
        Assert.Contains("name=\"BaseVersion\" value=\"1\"", form);
        Assert.Contains("Hvorfor endres planen?", form);
    }

    [Fact]
    public async Task Every_save_is_audited_as_create_then_change()
    {
        var p = await app.CreatePlanParticipantAsync("4601");
        using var client = await CoordinatorAsync();
        await SaveAsync(client, p, PlanFields(StartOf(p), 0));
        await SaveAsync(client, p, PlanFields(StartOf(p), 1, reason: "Endret"));

        var versions = await VersionsAsync(p);
        var writes = (await app.AuditAsync(p, IndividualPlanRecorder.RecordType)).Where(e => e.Action != AuditAction.Read).ToList();
        Assert.Equal([AuditAction.Create, AuditAction.Change], writes.Select(e => e.Action));
        Assert.Equal(versions.Select(v => v.Id.ToString()), writes.Select(e => e.RecordId));
    }

    [Fact]
    public async Task Every_read_of_the_plan_pages_is_audited()
    {
        var p = await app.CreatePlanParticipantAsync("4601");
        using var client = await CoordinatorAsync();
        await SaveAsync(client, p, PlanFields(StartOf(p), 0));
        var before = (await app.AuditAsync(p, IndividualPlanRecorder.RecordType)).Count(e => e.Action == AuditAction.Read);

        await client.GetPageAsync($"/participants/{p.Id}/plan");
        await client.GetPageAsync($"/participants/{p.Id}/plan/versions/1");
        await client.GetPageAsync($"/participants/{p.Id}/plan/edit");

        var reads = (await app.AuditAsync(p, IndividualPlanRecorder.RecordType)).Where(e => e.Action == AuditAction.Read).ToList();
        Assert.Equal(before + 3, reads.Count);
        Assert.All(reads, e => Assert.Equal(p.Id, e.ParticipantId));
    }

    [Fact]
    public async Task The_plan_page_warns_when_a_review_date_has_passed_without_a_new_version()
    {
        var p = await app.CreatePlanParticipantAsync("4601");
        var start = StartOf(p);
        var review = start.AddDays(20);
        await app.InTenantAsync(p.TenantId, async db =>
        {
            db.IndividualPlans.Add(new IndividualPlan
            {
                Id = Guid.CreateVersion7(), ParticipantId = p.Id, Version = 1, DecidedOn = start.AddDays(1), DecidedAt = TestClock.Now,
                Goal = PlanGoal.Work, TargetDate = start.AddYears(1), NorwegianLevel = CefrLevel.A2,
                Measures = [new PlanMeasure { Category = HourCategory.Norwegian, Provider = "Skole", Start = start, End = start.AddYears(1), HoursPerWeek = 15m }],
                ReviewDates = [review, start.AddYears(1)],
            });
            return await db.SaveChangesAsync();
        });
        using var client = await CoordinatorAsync();

        var page = TestClient.Decode(await client.GetPageAsync($"/participants/{p.Id}/plan"));
        Assert.Contains("Planen skulle vært gjennomgått", page);

        Assert.Equal(HttpStatusCode.Redirect, (await SaveAsync(client, p, PlanFields(start, 1, reason: "Gjennomgått med deltakeren"))).StatusCode);
        var after = TestClient.Decode(await client.GetPageAsync($"/participants/{p.Id}/plan"));
        Assert.DoesNotContain("Planen skulle vært gjennomgått", after);
    }

    [Fact]
    public async Task The_plan_is_shown_in_plain_language_with_the_fixed_texts_in_the_readers_language_and_free_text_as_written()
    {
        var p = await app.CreatePlanParticipantAsync("4601");
        using var client = await CoordinatorAsync();
        await SaveAsync(client, p, PlanFields(StartOf(p), 0, provider: "Læringssenteret på Åsane"));

        var norwegian = TestClient.Decode(await client.GetPageAsync($"/participants/{p.Id}/plan"));
        Assert.Contains("Mål etter programmet", norwegian);
        Assert.Contains("Opplæring i norsk", norwegian);

        // Staff pages come in bokmål and English (the participant's own pages also in Arabic and Ukrainian, tested
        // with the portal): the fixed texts follow the reader's language, what was written stays as written.
        var request = new HttpRequestMessage(HttpMethod.Get, $"/participants/{p.Id}/plan");
        request.Headers.Add("Cookie", ".AspNetCore.Culture=c%3Den%7Cuic%3Den");
        var english = TestClient.Decode(await (await client.Http.SendAsync(request)).Content.ReadAsStringAsync());
        Assert.Contains("Goal after the programme", english);
        Assert.Contains("Norwegian language training", english);
        Assert.Contains("Læringssenteret på Åsane", english);
        Assert.Contains("Fast jobb som elektriker.", english);
    }

    [Fact]
    public async Task A_caseworker_may_decide_a_plan()
    {
        var p = await app.CreatePlanParticipantAsync("4601");
        using var client = app.CreateTestClient();
        await client.LoginOkAsync(Demo.BergenCaseworker);
        Assert.Equal(HttpStatusCode.Redirect, (await SaveAsync(client, p, PlanFields(StartOf(p), 0))).StatusCode);
        Assert.Single(await VersionsAsync(p));
    }

    [Fact]
    public async Task A_tenant_admin_can_read_the_plan_but_not_change_it()
    {
        var p = await app.CreatePlanParticipantAsync("4601");
        using var client = app.CreateTestClient();
        await client.LoginOkAsync(Demo.BergenAdmin);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/participants/{p.Id}/plan")).StatusCode);
        var post = await client.PostFormAsync("/", $"/participants/{p.Id}/plan/edit", PlanFields(StartOf(p), 0));
        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        Assert.Contains("/account/access-denied", post.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Empty(await VersionsAsync(p));
    }
}
