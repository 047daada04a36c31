using System.Net;
using IntroProgram.Domain.Auditing;
using IntroProgram.Domain.Participants;
using IntroProgram.Domain.Programme;
using IntroProgram.Domain.Risk;
using IntroProgram.Infrastructure.Data;
using IntroProgram.Infrastructure.Risk;
using IntroProgram.Infrastructure.Tenancy;
using IntroProgram.Web.Tests.Participants;
using IntroProgram.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IntroProgram.Web.Tests.Risk;

/// <summary>Flags on the start page and the participant page, acknowledging them, "evaluate now" and the runs pages.</summary>
[Collection(AppSuite.Name)]
public sealed class RiskPagesTests(AppFactory app)
{
    private static DateOnly Today => ParticipantTestData.Today;

    private async Task<(TestParticipant Participant, TestUser Coordinator, TestClient Client)> FlaggedParticipantAsync()
    {
        var (number, tenant, coordinator, client) = await app.FreshMunicipalityAsync();
        var p = await app.CreateParticipantAsync(number, d => d with
        {
            PermitDate = Today.AddDays(-160), SettlementDate = Today.AddDays(-130), ProgrammeStart = Today.AddDays(-100), CoordinatorId = coordinator.Id,
        });
        await app.LogHoursAsync(p, Today.AddDays(-20), HourCategory.Norwegian, 3m);
        await using var scope = app.Services.GetRequiredService<TenantScopeFactory>().ForTenant(tenant);
        await scope.ServiceProvider.GetRequiredService<RiskEvaluator>().EvaluateAsync(Today);
        return (p, coordinator, client);
    }

    [Fact]
    public async Task The_coordinators_start_page_lists_their_flags_with_a_plain_explanation()
    {
        var (p, _, client) = await FlaggedParticipantAsync();
        using var _ = client;

        var page = TestClient.Decode(await client.GetPageAsync("/"));

        Assert.Contains("Ingen timer ført på lenge", page);
        Assert.Contains("Ingen timer er ført på 20 dager", page);
        Assert.Contains(p.Details.FamilyName!, page);
    }

    [Fact]
    public async Task The_participant_page_explains_the_open_flags()
    {
        var (p, _, client) = await FlaggedParticipantAsync();
        using var _ = client;

        var page = TestClient.Decode(await client.GetPageAsync($"/participants/{p.Id}"));

        Assert.Contains("Ingen timer er ført på 20 dager", page);
        Assert.DoesNotContain("hours.none-recently", page);
    }

    [Fact]
    public async Task A_coordinator_acknowledges_a_flag_with_a_note_and_the_audit_log_records_it()
    {
        var (p, coordinator, client) = await FlaggedParticipantAsync();
        using var _ = client;
        var flagId = await app.InTenantAsync(p.TenantId, db => db.RiskFlags.Where(f => f.ParticipantId == p.Id && f.Rule == RiskRuleKeys.NoRecentHours).Select(f => f.Id).SingleAsync());

        var response = await client.PostFormAsync($"/participants/{p.Id}", $"/risk/flags/{flagId}/acknowledge",
            new Dictionary<string, string> { ["note"] = "Ringt deltakeren, tilbake neste uke", ["returnUrl"] = $"/participants/{p.Id}" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var flag = await app.InTenantAsync(p.TenantId, db => db.RiskFlags.AsNoTracking().SingleAsync(f => f.Id == flagId));
        Assert.Equal(coordinator.Id, flag.AcknowledgedBy);
        Assert.Equal("Ringt deltakeren, tilbake neste uke", flag.AcknowledgementNote);
        Assert.Null(flag.ResolvedAt);
        Assert.True(await app.InTenantAsync(p.TenantId, db => db.AuditEvents.AnyAsync(e => e.RecordId == flagId.ToString() && e.Action == AuditAction.Change && e.ActorId == coordinator.Id
            && e.Details!.Contains("Ringt deltakeren, tilbake neste uke"))));
    }

    [Fact]
    public async Task Acknowledging_without_a_note_is_refused_with_a_message()
    {
        var (p, _, client) = await FlaggedParticipantAsync();
        using var _ = client;
        var flagId = await app.InTenantAsync(p.TenantId, db => db.RiskFlags.Where(f => f.ParticipantId == p.Id).Select(f => f.Id).FirstAsync());

        await client.PostFormAsync($"/participants/{p.Id}", $"/risk/flags/{flagId}/acknowledge", new Dictionary<string, string> { ["note"] = " " });

        var page = TestClient.Decode(await client.GetPageAsync($"/participants/{p.Id}"));
        Assert.Contains("Skriv et notat om hva som gjøres.", page);
        Assert.Null((await app.InTenantAsync(p.TenantId, db => db.RiskFlags.AsNoTracking().SingleAsync(f => f.Id == flagId))).AcknowledgedAt);
    }

    [Fact]
    public async Task A_flag_of_another_municipality_cannot_be_acknowledged()
    {
        var (p, _, other) = await FlaggedParticipantAsync();
        other.Dispose();
        var flagId = await app.InTenantAsync(p.TenantId, db => db.RiskFlags.Where(f => f.ParticipantId == p.Id).Select(f => f.Id).FirstAsync());
        using var bergen = app.CreateTestClient();
        await bergen.LoginOkAsync(Demo.BergenCoordinator);

        var response = await bergen.PostFormAsync("/", $"/risk/flags/{flagId}/acknowledge", new Dictionary<string, string> { ["note"] = "x" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Evaluate_now_queues_one_run_and_ignores_repeated_clicks_while_it_waits()
    {
        var (number, tenant, _, client) = await app.FreshMunicipalityAsync();
        using var _ = client;

        await client.PostFormAsync("/", "/risk/evaluate", new Dictionary<string, string>());
        var first = TestClient.Decode(await client.GetPageAsync("/"));
        // Ten more clicks at once, from several tabs: the database lets one request wait per municipality.
        var token = TestClient.AntiforgeryToken(await client.GetPageAsync("/"));
        var clicks = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => client.Http.PostAsync("/risk/evaluate",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }))));
        Assert.All(clicks, c => Assert.Equal(HttpStatusCode.Redirect, c.StatusCode));
        await client.PostFormAsync("/", "/risk/evaluate", new Dictionary<string, string>());
        var last = TestClient.Decode(await client.GetPageAsync("/"));

        Assert.Contains("Risikovurderingen er satt i kø", first);
        Assert.Contains("En risikovurdering står allerede i kø.", last);
        await using var connection = new Npgsql.NpgsqlConnection(app.OwnerConnectionString);
        await connection.OpenAsync();
        // Row-level security binds the owner too: read as the municipality.
        await using (var bind = new Npgsql.NpgsqlCommand("SELECT set_config('app.tenant_id', @t::text, false)", connection))
        {
            bind.Parameters.AddWithValue("t", tenant);
            await bind.ExecuteScalarAsync();
        }
        await using var requests = new Npgsql.NpgsqlCommand("SELECT id::text, job_id FROM job_requests WHERE tenant_id = @t", connection);
        requests.Parameters.AddWithValue("t", tenant);
        var rows = new List<(string Id, string? JobId)>();
        await using (var reader = await requests.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                rows.Add((reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1)));
            }
        }
        var request = Assert.Single(rows);
        Assert.NotNull(request.JobId);
        // One Hangfire job, carrying the request's id and nothing else of the municipality.
        await using var jobs = new Npgsql.NpgsqlCommand("SELECT count(*) FROM hangfire.job WHERE arguments::text LIKE '%' || @r || '%'", connection);
        jobs.Parameters.AddWithValue("r", request.Id);
        Assert.Equal(1L, await jobs.ExecuteScalarAsync());
        await using var leak = new Npgsql.NpgsqlCommand("SELECT count(*) FROM hangfire.job WHERE arguments::text LIKE '%' || @t || '%' OR invocationdata::text LIKE '%' || @t || '%'", connection);
        leak.Parameters.AddWithValue("t", tenant.ToString());
        Assert.Equal(0L, await leak.ExecuteScalarAsync());
    }

    [Fact]
    public async Task A_tenant_admin_sees_their_municipalitys_runs_and_the_operator_sees_counts()
    {
        var number = await app.CreateMunicipalityAsync();
        var admin = await app.CreateUserAsync(number, "tenant_admin");
        var tenant = admin.TenantId!.Value;
        await app.CreateParticipantAsync(number);
        var run = await app.Services.GetRequiredService<RiskEvaluationRunner>().RunAsync(tenant, RunTrigger.OnDemand, "test-node", Today);
        using var client = app.CreateTestClient();
        await client.LoginOkAsync(admin.Email);

        var page = TestClient.Decode(await client.GetPageAsync("/admin/risk-runs"));
        Assert.Contains("Manuelt", page);
        Assert.Equal(1, run.ParticipantsEvaluated);

        using var coordinator = app.CreateTestClient();
        await coordinator.LoginOkAsync(Demo.BergenCoordinator);
        var forbidden = await coordinator.GetAsync("/admin/risk-runs");
        Assert.NotEqual(HttpStatusCode.OK, forbidden.StatusCode);

        using var op = app.CreateTestClient();
        await op.LoginOkAsync(Demo.Operator);
        var platform = TestClient.Decode(await op.GetPageAsync("/platform/risk-runs"));
        Assert.Contains("test-node", platform);
    }
}
