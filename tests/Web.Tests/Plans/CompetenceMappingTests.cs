using System.Net;
using IntroProgram.Domain.Auditing;
using IntroProgram.Domain.Participants;
using IntroProgram.Domain.Plans;
using IntroProgram.Infrastructure;
using IntroProgram.Infrastructure.Participants;
using IntroProgram.Infrastructure.Plans;
using IntroProgram.Infrastructure.Tenancy;
using IntroProgram.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static IntroProgram.Web.Tests.Plans.PlanTestData;

namespace IntroProgram.Web.Tests.Plans;

[Collection(AppSuite.Name)]
public sealed class CompetenceMappingTests(AppFactory app)
{
    private async Task<TestClient> CoordinatorAsync()
    {
        var client = app.CreateTestClient();
        await client.LoginOkAsync(Demo.BergenCoordinator);
        return client;
    }

    private static Task<HttpResponseMessage> SaveAsync(TestClient client, TestParticipant p, Dictionary<string, string> fields) =>
        client.PostFormAsync($"/participants/{p.Id}/mapping/edit", $"/participants/{p.Id}/mapping/edit", fields);

    private Task<List<CompetenceMapping>> VersionsAsync(TestParticipant p) =>
        app.InTenantAsync(p.TenantId, db => db.CompetenceMappings.AsNoTracking().Where(m => m.ParticipantId == p.Id).OrderBy(m => m.Version).ToListAsync());

    private Task<List<RiskFlag>> MappingFlagsAsync(TestParticipant p) =>
        app.InTenantAsync(p.TenantId, db => db.RiskFlags.AsNoTracking()
            .Where(f => f.ParticipantId == p.Id && f.Rule == MappingRules.MissingRule).OrderBy(f => f.FirstSeenAt).ToListAsync());

    [Fact]
    public async Task Correcting_a_mapping_adds_a_second_version_and_leaves_the_first_unchanged()
    {
        var p = await app.CreatePlanParticipantAsync("4601");
        using var client = await CoordinatorAsync();

        var first = await SaveAsync(client, p, MappingFields(baseVersion: 0));
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal($"/participants/{p.Id}/mapping", first.Headers.Location?.OriginalString);
        var afterFirst = Assert.Single(await VersionsAsync(p));

        var second = await SaveAsync(client, p, MappingFields(baseVersion: 1, reason: "Feil antall skoleår", schoolingYears: "9"));
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);

        var versions = await VersionsAsync(p);
        Assert.Equal([1, 2], versions.Select(v => v.Version));
        Assert.Equal(afterFirst.Id, versions[0].Id);
        Assert.Equal(12, versions[0].SchoolingYears);
        Assert.Null(versions[0].Reason);
        Assert.Equal(afterFirst.RecordedAt, versions[0].RecordedAt);
        Assert.Equal(["ar", "en"], versions[0].Languages.Select(l => l.Language));
        Assert.Equal(9, versions[1].SchoolingYears);
        Assert.Equal("Feil antall skoleår", versions[1].Reason);
    }

    [Fact]
    public async Task The_mapping_page_shows_the_current_version_and_the_history_newest_first()
    {
        var p = await app.CreatePlanParticipantAsync("4601");
        using var client = await CoordinatorAsync();
        await SaveAsync(client, p, MappingFields(baseVersion: 0));
        await SaveAsync(client, p, MappingFields(baseVersion: 1, reason: "Rettet skoleår", schoolingYears: "9"));

        var page = TestClient.Decode(await client.GetPageAsync($"/participants/{p.Id}/mapping"));
        Assert.Contains("Gjeldende kartlegging (versjon 2)", page);
        Assert.Contains("9 år", page);
        var history = page[page.IndexOf("Alle versjoner av kartleggingen", StringComparison.Ordinal)..];
        Assert.True(history.IndexOf("Versjon 2 (vises)", StringComparison.Ordinal) < history.IndexOf("Versjon 1", StringComparison.Ordinal));
        Assert.Contains("Rettet skoleår", history);
        Assert.Contains("Første versjon", history);
    }

    [Fact]
    public async Task An_older_version_can_be_opened_as_it_was()
    {
        var p = await app.CreatePlanParticipantAsync("4601");
        using var client = await CoordinatorAsync();
        await SaveAsync(client, p, MappingFields(baseVersion: 0));
        await SaveAsync(client, p, MappingFields(baseVersion: 1, reason: "Rettet skoleår", schoolingYears: "9"));

        var page = TestClient.Decode(await client.GetPageAsync($"/participants/{p.Id}/mapping/versions/1"));
        Assert.Contains("Du ser på versjon 1. Gjeldende versjon er 2.", page);
        Assert.Contains("12 år", page);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/participants/{p.Id}/mapping/versions/3")).StatusCode);
    }

    [Fact]
    public async Task The_edit_form_is_prefilled_from_the_current_version()
    {
        var p = await app.CreatePlanParticipantAsync("4601");
        using var client = await CoordinatorAsync();
        await SaveAsync(client, p, MappingFields(baseVersion: 0));

        var form = TestClient.Decode(await client.GetPageAsync($"/participants/{p.Id}/mapping/edit"));
        Assert.Contains("Vil jobbe som elektriker i Norge.", form);
        Assert.Contains("value=\"Elektriker\"", form);
        Assert.Contains("name=\"BaseVersion\" value=\"1\"", form);
        Assert.Contains("Hvorfor rettes kartleggingen?", form);
    }

    [Fact]
    public async Task A_correction_without_a_reason_is_refused_with_the_norwegian_message()
    {
        var p = await app.CreatePlanParticipantAsync("4601");
        using var client = await CoordinatorAsync();
        await SaveAsync(client, p, MappingFields(baseVersion: 0));

        var response = await SaveAsync(client, p, MappingFields(baseVersion: 1, reason: " "));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Skriv hvorfor kartleggingen rettes.", TestClient.Decode(await response.Content.ReadAsStringAsync()));
        Assert.Single(await VersionsAsync(p));
    }

    [Fact]
    public async Task Schooling_years_above_30_are_refused_with_the_norwegian_message()
    {
        var p = await app.CreatePlanParticipantAsync("4601");
        using var client = await CoordinatorAsync();

        var response = await SaveAsync(client, p, MappingFields(baseVersion: 0, schoolingYears: "31"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = TestClient.Decode(await response.Content.ReadAsStringAsync());
        Assert.Contains("Antall år med skolegang må være mellom 0 og 30.", html);
        Assert.Contains("href=\"#Input_SchoolingYears\"", html);
        Assert.Empty(await VersionsAsync(p));
    }

    [Fact]
    public async Task A_form_opened_before_someone_else_saved_a_version_is_refused_as_a_conflict()
    {
        var p = await app.CreatePlanParticipantAsync("4601");
        using var client = await CoordinatorAsync();
        await SaveAsync(client, p, MappingFields(baseVersion: 0));

        var stale = await SaveAsync(client, p, MappingFields(baseVersion: 0));
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("Noen andre har lagret en ny versjon av kartleggingen", TestClient.Decode(await stale.Content.ReadAsStringAsync()));
        Assert.Single(await VersionsAsync(p));
    }

    [Fact]
    public async Task Submitting_the_same_form_twice_saves_one_version()
    {
        var p = await app.CreatePlanParticipantAsync("4601");
        using var client = await CoordinatorAsync();
        var fields = MappingFields(baseVersion: 0);

        Assert.Equal(HttpStatusCode.Redirect, (await SaveAsync(client, p, fields)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await SaveAsync(client, p, fields)).StatusCode);
        Assert.Single(await VersionsAsync(p));
    }

    [Fact]
    public async Task Registering_a_participant_whose_programme_has_started_without_a_mapping_raises_the_mapping_flag()
    {
        var p = await app.CreatePlanParticipantAsync("4601");

        var flag = Assert.Single(await MappingFlagsAsync(p));
        Assert.Null(flag.ResolvedAt);
        Assert.Equal(RiskSeverity.Warning, flag.Severity);
        Assert.Contains($"\"startedOn\": \"{Iso(p.Details.ProgrammeStart!.Value)}\"", flag.Facts.Replace("\":\"", "\": \"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Registering_a_participant_who_has_not_started_raises_no_mapping_flag()
    {
        var p = await app.CreatePlanParticipantAsync("4601", d => d with { ProgrammeStart = ParticipantTestData.Today.AddDays(14) });
        Assert.Empty(await MappingFlagsAsync(p));
    }

    [Fact]
    public async Task Starting_the_programme_by_a_status_change_without_a_mapping_raises_the_mapping_flag()
    {
        var p = await app.CreatePlanParticipantAsync("4601", d => d with { ProgrammeStart = ParticipantTestData.Today.AddDays(14) });
        var result = await ChangeStatusAsync(p, ParticipantStatus.Active);
        Assert.Equal(CommandStatus.Done, result.Status);

        var flag = Assert.Single(await MappingFlagsAsync(p));
        Assert.Null(flag.ResolvedAt);
    }

    [Fact]
    public async Task Starting_the_programme_after_a_completed_mapping_raises_no_flag()
    {
        var p = await app.CreatePlanParticipantAsync("4601", d => d with { ProgrammeStart = ParticipantTestData.Today.AddDays(14) });
        using var client = await CoordinatorAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await SaveAsync(client, p, MappingFields(baseVersion: 0))).StatusCode);

        Assert.Equal(CommandStatus.Done, (await ChangeStatusAsync(p, ParticipantStatus.Active)).Status);
        Assert.Empty(await MappingFlagsAsync(p));
    }

    [Fact]
    public async Task Completing_the_mapping_resolves_the_mapping_flag()
    {
        var p = await app.CreatePlanParticipantAsync("4601");
        using var client = await CoordinatorAsync();

        Assert.Equal(HttpStatusCode.Redirect, (await SaveAsync(client, p, MappingFields(baseVersion: 0))).StatusCode);

        var flag = Assert.Single(await MappingFlagsAsync(p));
        Assert.NotNull(flag.ResolvedAt);
    }

    [Fact]
    public async Task A_draft_mapping_keeps_the_mapping_flag_open_and_the_page_says_so()
    {
        var p = await app.CreatePlanParticipantAsync("4601");
        using var client = await CoordinatorAsync();

        Assert.Equal(HttpStatusCode.Redirect, (await SaveAsync(client, p, MappingFields(baseVersion: 0, completed: false))).StatusCode);

        Assert.Null(Assert.Single(await MappingFlagsAsync(p)).ResolvedAt);
        var page = TestClient.Decode(await client.GetPageAsync($"/participants/{p.Id}/mapping"));
        Assert.Contains("Programmet er i gang, men kartleggingen er ikke fullført.", page);
        Assert.Contains("Utkast (ikke fullført)", page);
    }

    [Fact]
    public async Task Every_save_is_audited_as_create_then_change()
    {
        var p = await app.CreatePlanParticipantAsync("4601");
        using var client = await CoordinatorAsync();
        await SaveAsync(client, p, MappingFields(baseVersion: 0));
        await SaveAsync(client, p, MappingFields(baseVersion: 1, reason: "Rettet"));

        var versions = await VersionsAsync(p);
        var writes = (await app.AuditAsync(p, CompetenceMappingRecorder.RecordType)).Where(e => e.Action != AuditAction.Read).ToList();
        Assert.Equal([AuditAction.Create, AuditAction.Change], writes.Select(e => e.Action));
        Assert.Equal(versions.Select(v => v.Id.ToString()), writes.Select(e => e.RecordId));
        Assert.All(writes, e => Assert.NotNull(e.ActorId));
    }

    [Fact]
    public async Task Every_read_of_the_mapping_pages_is_audited()
    {
        var p = await app.CreatePlanParticipantAsync("4601");
        using var client = await CoordinatorAsync();
        await SaveAsync(client, p, MappingFields(baseVersion: 0));
        var before = (await app.AuditAsync(p, CompetenceMappingRecorder.RecordType)).Count(e => e.Action == AuditAction.Read);

        await client.GetPageAsync($"/participants/{p.Id}/mapping");
        await client.GetPageAsync($"/participants/{p.Id}/mapping/versions/1");
        await client.GetPageAsync($"/participants/{p.Id}/mapping/edit");

        var reads = (await app.AuditAsync(p, CompetenceMappingRecorder.RecordType)).Count(e => e.Action == AuditAction.Read);
        Assert.Equal(before + 3, reads);
    }

    [Fact]
    public async Task A_caseworker_may_record_a_mapping()
    {
        var p = await app.CreatePlanParticipantAsync("4601");
        using var client = app.CreateTestClient();
        await client.LoginOkAsync(Demo.BergenCaseworker);
        Assert.Equal(HttpStatusCode.Redirect, (await SaveAsync(client, p, MappingFields(baseVersion: 0))).StatusCode);
        Assert.Single(await VersionsAsync(p));
    }

    [Fact]
    public async Task A_tenant_admin_can_read_the_mapping_but_not_open_the_form()
    {
        var p = await app.CreatePlanParticipantAsync("4601");
        using var client = app.CreateTestClient();
        await client.LoginOkAsync(Demo.BergenAdmin);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/participants/{p.Id}/mapping")).StatusCode);
        var form = await client.GetAsync($"/participants/{p.Id}/mapping/edit");
        Assert.Equal(HttpStatusCode.Redirect, form.StatusCode);
        Assert.Contains("/account/access-denied", form.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_app_role_cannot_update_or_delete_mapping_versions()
    {
        var p = await app.CreatePlanParticipantAsync("4601");
        using var client = await CoordinatorAsync();
        await SaveAsync(client, p, MappingFields(baseVersion: 0));

        await using var connection = new NpgsqlConnection(app.AppConnectionString);
        await connection.OpenAsync();
        await TenantSession.UseTenantAsync(connection, p.TenantId);
        foreach (var sql in new[] { "UPDATE competence_mappings SET schooling_years = 1", "DELETE FROM competence_mappings", "TRUNCATE competence_mappings",
                     "UPDATE individual_plans SET reason = 'x'", "DELETE FROM individual_plans" })
        {
            await using var command = new NpgsqlCommand(sql, connection);
            var error = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
            Assert.Equal("42501", error.SqlState); // permission denied
        }
    }

    private async Task<CommandResult> ChangeStatusAsync(TestParticipant p, ParticipantStatus to)
    {
        await using var scope = app.Services.GetRequiredService<TenantScopeFactory>().ForTenant(p.TenantId);
        var db = scope.ServiceProvider.GetRequiredService<Infrastructure.Data.AppDbContext>();
        var version = await db.Participants.Where(x => x.Id == p.Id).Select(x => x.Version).SingleAsync();
        return await scope.ServiceProvider.GetRequiredService<ParticipantRegistry>().ChangeStatusAsync(p.Id, to, version, null);
    }
}
