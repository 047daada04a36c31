using IntroProgram.Web.Tests.Decisions;
using IntroProgram.Web.Tests.Hours;
using IntroProgram.Domain.Programme;
using IntroProgram.Domain.Decisions;
using IntroProgram.Infrastructure.Decisions;
using IntroProgram.Infrastructure.Ledger;
using System.Net;
using System.Text.RegularExpressions;
using IntroProgram.Domain.Certificates;
using IntroProgram.Domain.Ledger;
using IntroProgram.Domain.Participants;
using IntroProgram.Infrastructure.Data;
using IntroProgram.Infrastructure.Identity;
using IntroProgram.Infrastructure.Tenancy;
using IntroProgram.Web.Tests.Certificates;
using IntroProgram.Web.Tests.Plans;
using IntroProgram.Web.Tests.Support;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit.Abstractions;

namespace IntroProgram.Web.Tests.Security;

/// <summary>
/// Every route of the endpoint table, asked by every kind of caller, must answer as <see cref="RouteAccessRules"/> says:
/// a new route without a rule fails here until someone decides who may use it.
/// </summary>
[Collection(AppSuite.Name)]
public sealed partial class RouteAccessSweepTests(AppFactory app, ITestOutputHelper output)
{
    private static readonly Dictionary<Caller, string?> Logins = new()
    {
        [Caller.Anonymous] = null,
        [Caller.Admin] = Demo.BergenAdmin,
        [Caller.Coordinator] = Demo.BergenCoordinator,
        [Caller.Caseworker] = Demo.BergenCaseworker,
        [Caller.Participant] = Demo.BergenParticipant,
        [Caller.Operator] = Demo.Operator,
        [Caller.OtherMunicipality] = null, // created for the sweep
    };

    [Fact]
    public void Every_route_of_the_endpoint_table_has_an_access_rule()
    {
        var routes = Routes(app.Services);
        var rules = RouteAccessRules.All.Select(r => r.Key).ToHashSet();
        var without = routes.Where(r => !rules.Contains(r)).ToList();
        Assert.True(without.Count == 0, "Routes without an access rule in RouteAccessRules: " + string.Join(", ", without));
        Assert.True(routes.Count > 50, $"Only {routes.Count} routes found: the endpoint table was not read.");
    }

    [Fact]
    public void Every_access_rule_names_a_route_that_exists_once()
    {
        var routes = Routes(app.Services).ToHashSet();
        var duplicates = RouteAccessRules.All.GroupBy(r => r.Key).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(duplicates.Count == 0, "Rules given twice: " + string.Join(", ", duplicates));
        var stale = RouteAccessRules.All.Where(r => !routes.Contains(r.Key)).Select(r => r.Key).ToList();
        Assert.True(stale.Count == 0, "Rules for routes the app does not have: " + string.Join(", ", stale));
    }

    [Fact]
    public async Task Every_route_answers_every_caller_as_its_rule_says()
    {
        // A server of its own: the sweep's many requests do not use up the shared rate limits of the other tests.
        await using var server = app.WithWebHostBuilder(_ => { });
        var records = await SweepRecords.CreateAsync(app);
        var other = await CreateOtherMunicipalityStaffAsync();
        var rules = RouteAccessRules.All.ToDictionary(r => r.Key);
        var routes = Routes(server.Services);
        var failures = new List<string>();
        var checks = 0;

        foreach (var (caller, demoLogin) in Logins)
        {
            var email = caller == Caller.OtherMunicipality ? other.Email : demoLogin;
            var roles = email is null ? null : RolesOf(caller);
            var session = await CallerSession.OpenAsync(server, email);
            try
            {
                foreach (var key in routes)
                {
                    if (!rules.TryGetValue(key, out var rule))
                    {
                        continue; // reported by Every_route_of_the_endpoint_table_has_an_access_rule
                    }
                    var expected = rule.Expected(caller, roles);
                    foreach (var method in rule.Method == "*" ? new[] { "GET", "POST" } : [rule.Method])
                    {
                        var path = records.Fill(rule.Path);
                        using var response = await session.SendAsync(method, path, rule);
                        checks++;
                        if (!Matches(expected, response, records))
                        {
                            failures.Add($"{method} /{rule.Pattern} as {caller}: expected {expected}, got {Describe(response)}");
                        }
                    }
                    if (rule.EndsSession && email is not null)
                    {
                        session.Dispose();
                        session = await CallerSession.OpenAsync(server, email);
                    }
                }
            }
            finally
            {
                session.Dispose();
            }
        }

        output.WriteLine($"Swept {routes.Count} routes × {Logins.Count} callers: {checks} requests, {failures.Count} unexpected answers.");
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        Assert.Equal(RouteAccessRules.All.Sum(r => r.Method == "*" ? 2 : 1) * Logins.Count, checks);
    }

    [Fact]
    public void A_rule_refuses_callers_outside_its_access_and_sends_anonymous_callers_to_sign_in()
    {
        var rule = RouteAccessRules.All.Single(r => r.Key == "GET participants/{id:guid}/edit");
        Assert.Equal(Answer.Login, rule.Expected(Caller.Anonymous, null));
        Assert.Equal(Answer.Denied, rule.Expected(Caller.Caseworker, RolesOf(Caller.Caseworker)));
        Assert.Equal(Answer.Denied, rule.Expected(Caller.Operator, RolesOf(Caller.Operator)));
        Assert.Equal(Answer.Ok, rule.Expected(Caller.Coordinator, RolesOf(Caller.Coordinator)));
        Assert.Equal(Answer.NotFound, rule.Expected(Caller.OtherMunicipality, RolesOf(Caller.OtherMunicipality)));
        // And the check of an answer is strict about where a redirect leads.
        var denied = new HttpResponseMessage(HttpStatusCode.Redirect) { Headers = { Location = new Uri("/account/access-denied?ReturnUrl=%2Fx", UriKind.Relative) } };
        Assert.True(Matches(Answer.Denied, denied, SweepRecords.Empty));
        Assert.False(Matches(Answer.Login, denied, SweepRecords.Empty));
        Assert.False(Matches(Answer.RedirectTo("/participants"), denied, SweepRecords.Empty));
    }

    private static IReadOnlyList<string> RolesOf(Caller caller) => caller switch
    {
        Caller.Admin => [Roles.TenantAdmin],
        Caller.Coordinator => [Roles.Coordinator],
        Caller.Caseworker => [Roles.Caseworker],
        Caller.Participant => [Roles.Participant],
        Caller.Operator => [Roles.PlatformOperator],
        Caller.OtherMunicipality => Roles.Staff,
        _ => [],
    };

    /// <summary>"METHOD pattern" of every route of the app, as the endpoint table has them; "*" for any method.</summary>
    private static List<string> Routes(IServiceProvider services) =>
        services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<ISuppressMatchingMetadata>()?.SuppressMatching != true)
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods is { Count: > 0 } methods ? methods : ["*"])
                .Select(m => m + " " + (e.RoutePattern.RawText ?? "").Trim('/')))
            .Distinct().Order(StringComparer.Ordinal).ToList();

    private static bool Matches(Answer expected, HttpResponseMessage response, SweepRecords records)
    {
        if (response.StatusCode != expected.Status)
        {
            return false;
        }
        if (expected.Location is null)
        {
            return true;
        }
        var location = LocationOf(response) ?? "";
        var wanted = records.Fill(expected.Location);
        return wanted.EndsWith('*') ? location.StartsWith(wanted[..^1], StringComparison.Ordinal) : location == wanted;
    }

    private static string? LocationOf(HttpResponseMessage response) =>
        response.Headers.Location is not { } uri ? null
        : uri.IsAbsoluteUri ? uri.PathAndQuery + uri.Fragment
        : uri.OriginalString;

    private static string Describe(HttpResponseMessage response) =>
        LocationOf(response) is { } location ? $"{(int)response.StatusCode} → {location}" : $"{(int)response.StatusCode}";

    private async Task<TestUser> CreateOtherMunicipalityStaffAsync()
    {
        var user = await app.CreateUserAsync("5501", Roles.TenantAdmin);
        await using var scope = app.Services.GetRequiredService<TenantScopeFactory>().ForTenant(user.TenantId);
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var stored = await users.FindByIdAsync(user.Id.ToString());
        Assert.True((await users.AddToRolesAsync(stored!, [Roles.Coordinator, Roles.Caseworker])).Succeeded);
        return user;
    }

    /// <summary>One caller's browser on the sweep's server: signed in (unless anonymous), with an antiforgery token of its own.</summary>
    private sealed class CallerSession : IDisposable
    {
        private readonly TestClient _client;
        private readonly string _token;

        private CallerSession(TestClient client, string token)
        {
            _client = client;
            _token = token;
        }

        public static async Task<CallerSession> OpenAsync(WebApplicationFactory<Program> server, string? email)
        {
            var client = new TestClient(server.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));
            if (email is not null)
            {
                await client.LoginOkAsync(email);
            }
            // Every page has the language form; its token is bound to the signed-in user.
            return new CallerSession(client, TestClient.AntiforgeryToken(await client.GetPageAsync("/accessibility")));
        }

        public async Task<HttpResponseMessage> SendAsync(string method, string path, RouteRule rule)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            if (method != "GET")
            {
                var fields = new List<KeyValuePair<string, string>>(rule.Form);
                if (!rule.WithoutAntiforgery)
                {
                    fields.Add(new("__RequestVerificationToken", _token));
                }
                request.Content = new FormUrlEncodedContent(fields);
            }
            return await _client.Http.SendAsync(request);
        }

        public void Dispose() => _client.Dispose();
    }
}

/// <summary>
/// Bergen's records the sweep addresses by id. The participants, certificate, absence, batches, mapping and plan are
/// made for the sweep (nothing another test counts on); the rest are demo records, read through the owner connection.
/// </summary>
public sealed partial class SweepRecords
{
    private readonly Dictionary<string, string> _values;

    private SweepRecords(Dictionary<string, string> values) => _values = values;

    public static SweepRecords Empty { get; } = new([]);

    public string Fill(string template) =>
        Placeholder().Replace(template, m => _values.TryGetValue(m.Groups[1].Value, out var v) ? v
            : throw new InvalidOperationException($"No record for {{{m.Groups[1].Value}}} in the sweep."));

    public static async Task<SweepRecords> CreateAsync(AppFactory app)
    {
        var bergen = await app.MunicipalityIdAsync("4601");
        var participant = await app.ParticipantWithHoursAsync("4601", 550m, 75m);
        await using var owner = new NpgsqlConnection(app.OwnerConnectionString);
        await owner.OpenAsync();
        await ScalarAsync(owner, "SELECT set_config('app.tenant_id', $1, false)", bergen.ToString());
        var caseworker = (Guid)(await ScalarAsync(owner, "SELECT id FROM users WHERE email = $1", Demo.BergenCaseworker))!;

        var issued = await app.IssueDirectAsync(bergen, participant.Id, CertificateKind.PermanentResidenceEvidence, caseworker);
        Assert.True(issued.Succeeded, string.Join(", ", issued.Errors.Select(e => e.Code)));
        var certificate = issued.Id!.Value;
        var absence = (await Hours.HoursTestSupport.RecordAbsenceAsync(app, participant, ParticipantTestData.Today.AddDays(-3), 2m, excused: true)).Id!.Value;
        // Its own class session and decision, never the demo data's first rows.
        var session = (await app.WithServiceAsync<HourLedger>(bergen, ledger => ledger.LogClassSessionAsync(
            new ClassSessionInput(ParticipantTestData.Today.AddDays(-1), HourCategory.Norwegian, 2m, "Sveip",
                new Dictionary<Guid, Attendance> { [participant.Id] = Attendance.Attended }), Guid.NewGuid(), null))).Id!.Value;
        var decision = await app.RecordDecisionAsync(participant,
            new DecisionInput { Kind = DecisionKind.ExtraHoursGrant, DecidedOn = ParticipantTestData.Today, ExtraHoursTotal = 100m, Reason = "Sveip" }, caseworker);

        var importBatch = Guid.NewGuid();
        var certificateBatch = Guid.NewGuid();
        var flag = Guid.NewGuid();
        var user = Guid.NewGuid();
        await using (var scope = app.Services.GetRequiredService<TenantScopeFactory>().ForTenant(bergen))
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var now = TestClock.Now;
            db.ImportBatches.Add(new ImportBatch { Id = importBatch, FileName = "sweep.csv", FileSha256 = Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N"), ImportedAt = now });
            db.CertificateBatches.Add(new CertificateBatch { Id = certificateBatch, Month = new DateOnly(2001, 1, 1), RequestedAt = now, FinishedAt = now, Status = CertificateBatchStatus.Done });
            db.RiskFlags.Add(new RiskFlag
            {
                Id = flag, ParticipantId = participant.Id, Rule = "pace.norwegian", Severity = RiskSeverity.Watch, FirstSeenAt = now, LastEvaluatedAt = now,
            });
            await db.SaveChangesAsync();
            // An invited member of staff who has not set a password yet: the admin pages may resend the invitation.
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var email = $"sweep-{user:N}@test.introprogram.no";
            var invited = new AppUser { Id = user, UserName = email, Email = email, DisplayName = "Sweep", CreatedAt = now };
            Assert.True((await users.CreateAsync(invited)).Succeeded);
            Assert.True((await users.AddToRoleAsync(invited, Roles.Coordinator)).Succeeded);
        }

        // Its own participant with mapping and plan at version 1: a demo participant with a plan may have been ended by
        // an earlier test, and then a save is refused as invalid (400) before the version is compared (409).
        var planParticipant = await app.CreatePlanParticipantAsync("4601");
        using (var coordinator = app.CreateTestClient())
        {
            await coordinator.LoginOkAsync(Demo.BergenCoordinator);
            var edit = $"/participants/{planParticipant.Id}";
            var mapping = await coordinator.PostFormAsync(edit + "/mapping/edit", edit + "/mapping/edit", PlanTestData.MappingFields(0));
            Assert.Equal(HttpStatusCode.Redirect, mapping.StatusCode);
            var plan = await coordinator.PostFormAsync(edit + "/plan/edit", edit + "/plan/edit",
                PlanTestData.PlanFields(planParticipant.Details.ProgrammeStart!.Value, 0));
            Assert.Equal(HttpStatusCode.Redirect, plan.StatusCode);
        }

        return new SweepRecords(new Dictionary<string, string>
        {
            ["participant"] = participant.Id.ToString(),
            ["certificate"] = certificate.ToString(),
            ["code"] = (string)(await ScalarAsync(owner, "SELECT verification_code FROM certificates WHERE id = $1", certificate))!,
            ["entry"] = (await ScalarAsync(owner, "SELECT id FROM hour_entries WHERE participant_id = $1 AND class_session_id IS NULL ORDER BY id LIMIT 1", participant.Id))!.ToString()!,
            ["absence"] = absence.ToString(),
            ["session"] = session.ToString(),
            ["importBatch"] = importBatch.ToString(),
            ["certificateBatch"] = certificateBatch.ToString(),
            ["flag"] = flag.ToString(),
            ["user"] = user.ToString(),
            ["municipality"] = bergen.ToString(),
            ["planParticipant"] = planParticipant.Id.ToString(),
            ["decision"] = decision.ToString(),
            ["decisionParticipant"] = participant.Id.ToString(),
        });
    }

    private static async Task<object?> ScalarAsync(NpgsqlConnection connection, string sql, params object[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var p in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = p });
        }
        var value = await command.ExecuteScalarAsync();
        Assert.True(value is not null and not DBNull, "The demo data has no row for: " + sql);
        return value;
    }

    [GeneratedRegex(@"\{([A-Za-z]+)\}")]
    private static partial Regex Placeholder();
}
