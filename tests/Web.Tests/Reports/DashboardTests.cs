using System.Net;
using IntroProgram.Domain.Decisions;
using IntroProgram.Infrastructure.Decisions;
using IntroProgram.Domain.Participants;
using IntroProgram.Domain.Programme;
using IntroProgram.Infrastructure.Risk;
using IntroProgram.Infrastructure.Tenancy;
using IntroProgram.Web.Tests.Decisions;
using IntroProgram.Web.Tests.Participants;
using IntroProgram.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static IntroProgram.Web.Tests.Reports.ReportTestSupport;

namespace IntroProgram.Web.Tests.Reports;

/// <summary>The municipality dashboard: its numbers against plain SQL counts, its filters and its outcome figures.</summary>
[Collection(AppSuite.Name)]
public sealed class DashboardTests(AppFactory app)
{
    private const string Bergen = "4601";

    /// <summary>The longest period the dashboard accepts, ending today: it covers every participant the tests create.</summary>
    private static string WholeHistory => $"from={Iso(Today.AddYears(-10).AddDays(1))}&to={Iso(Today)}";

    [Fact]
    public async Task The_dashboard_counts_on_the_demo_data_equal_a_direct_sql_count()
    {
        using var client = app.CreateTestClient();
        await client.LoginOkAsync(Demo.BergenCoordinator);
        var tenant = await app.MunicipalityIdAsync(Bergen);

        var html = TestClient.Decode(await client.GetPageAsync("/reports?" + WholeHistory));

        var byStatus = await app.CountsAsync(tenant, "SELECT status, count(*) FROM participants GROUP BY status");
        var status = TableValues(html, "status");
        foreach (var s in Enum.GetValues<ParticipantStatus>())
        {
            Assert.Equal(byStatus.GetValueOrDefault(((int)s).ToString()), (long)status[s.ToString()]);
        }
        Assert.Equal(byStatus.Values.Sum(), (long)status["total"]);
        Assert.True(byStatus.Values.Sum() >= 42, "The demo's 42 Bergen participants are counted.");

        var byGender = await app.CountsAsync(tenant, "SELECT gender, count(*) FROM participants GROUP BY gender");
        var gender = TableValues(html, "gender");
        foreach (var g in Enum.GetValues<Gender>())
        {
            Assert.Equal(byGender.GetValueOrDefault(((int)g).ToString()), (long)gender[g.ToString()]);
        }

        // Age in completed years on the reference date (today), by PostgreSQL's own age().
        var byAge = await app.CountsAsync(tenant, """
            SELECT CASE WHEN a < 25 THEN 'under-25' WHEN a < 35 THEN '25-34' WHEN a < 45 THEN '35-44' WHEN a < 55 THEN '45-54' ELSE '55+' END, count(*)
            FROM (SELECT date_part('year', age(@today, birth_date)) AS a FROM participants) x GROUP BY 1
            """, ("today", Today));
        var age = TableValues(html, "age");
        foreach (var group in new[] { "under-25", "25-34", "35-44", "45-54", "55+" })
        {
            Assert.Equal(byAge.GetValueOrDefault(group), (long)age[group]);
        }

        var byCountry = await app.CountsAsync(tenant, "SELECT country_of_origin, count(*) FROM participants GROUP BY country_of_origin");
        var country = TableValues(html, "country");
        foreach (var (code, count) in country.Where(c => c.Key is not ("other" or "total")))
        {
            Assert.Equal(byCountry[code], (long)count);
        }
        Assert.Equal(byCountry.Values.Sum(), (long)country.Where(c => c.Key != "total").Sum(c => c.Value));

        var flags = await app.CountsAsync(tenant, """
            SELECT rule || ':' || CASE severity WHEN 0 THEN 'Watch' WHEN 1 THEN 'Warning' ELSE 'Critical' END, count(*)
            FROM risk_flags WHERE resolved_at IS NULL GROUP BY 1
            """);
        if (flags.Count == 0)
        {
            Assert.Contains("data-key=\"no-risk\"", html);
        }
        else
        {
            Assert.Equal(flags.ToDictionary(f => f.Key, f => (decimal)f.Value), TableValues(html, "risk"));
        }
        var atRisk = await app.CountsAsync(tenant, "SELECT 'n', count(DISTINCT participant_id) FROM risk_flags WHERE resolved_at IS NULL");
        Assert.Equal(atRisk["n"], KeyFigure(html, "at-risk"));
    }

    [Fact]
    public async Task Outcomes_of_a_municipality_are_counted_from_its_ledger_decisions_and_rule_sets()
    {
        var (number, tenant, coordinator, client) = await app.FreshMunicipalityAsync();
        using var _ = client;
        var caseworker = await app.CreateUserAsync(number, "caseworker");
        // A and B started 41 months ago, so their evidence deadline (36 months) passed five months ago.
        var longAgo = Today.AddMonths(-41);
        var a = await app.ParticipantAsync(number, new DateOnly(1990, 3, 3), longAgo);
        var b = await app.ParticipantAsync(number, new DateOnly(1991, 4, 4), longAgo);
        var aReached = await app.LogManyAsync(a, longAgo.AddDays(10), HourCategory.Norwegian, 550m);
        // Their permits fall under the 2021 act: 75 hours of social studies, so B's 60 hours are not enough.
        await app.LogManyAsync(a, longAgo.AddDays(60), HourCategory.SocialStudies, 75m);
        await app.LogManyAsync(b, longAgo.AddDays(10), HourCategory.Norwegian, 300m);
        await app.LogManyAsync(b, longAgo.AddDays(60), HourCategory.SocialStudies, 60m);
        // C started five months after settlement: later than the three months the rule set allows.
        var lateStart = Today.AddDays(-20);
        await app.ParticipantAsync(number, new DateOnly(1985, 5, 5), lateStart, d => d with
        {
            SettlementDate = lateStart.AddMonths(-5), PermitDate = lateStart.AddMonths(-6),
        });
        await app.ParticipantAsync(number, new DateOnly(1986, 6, 6), Today, d => d with { ProgrammeStart = null });
        var completed = await app.ParticipantAsync(number, new DateOnly(1987, 7, 7), Today.AddDays(-200));
        var stopped = await app.ParticipantAsync(number, new DateOnly(1988, 8, 8), Today.AddDays(-200));
        await app.RecordDecisionAsync(completed, End(ParticipantStatus.Completed), caseworker.Id);
        await app.RecordDecisionAsync(stopped, End(ParticipantStatus.Stopped), caseworker.Id);
        await using (var scope = app.Services.GetRequiredService<TenantScopeFactory>().ForTenant(tenant))
        {
            await scope.ServiceProvider.GetRequiredService<RiskEvaluator>().EvaluateAsync(Today);
        }

        var from = longAgo.AddDays(-1);
        var html = TestClient.Decode(await client.GetPageAsync($"/reports?from={Iso(from)}&to={Iso(Today)}"));

        Assert.Equal(6, KeyFigure(html, "participants"));
        var status = TableValues(html, "status");
        Assert.Equal((3m, 1m, 1m, 1m), (status["Active"], status["Registered"], status["Completed"], status["Stopped"]));
        Assert.Equal(5, KeyFigure(html, "starts"));
        Assert.Equal(1, KeyFigure(html, "late-starts"));
        var evidence = TableValues(html, "evidence");
        Assert.Equal(50m, evidence["norwegian"]); // A of A and B
        Assert.Equal(50m, evidence["social-studies"]);
        Assert.Equal(50m, evidence["both"]);
        Assert.Contains("1 av 2", html);
        var expectedMonths = Math.Round((aReached.DayNumber - longAgo.DayNumber) / 30.436875m, 1, MidpointRounding.AwayFromZero);
        Assert.Matches($"data-key=\"median-months\" data-value=\"{expectedMonths.ToString(System.Globalization.CultureInfo.InvariantCulture)}\"", html);

        var years = TableValues(html, "years");
        Assert.Equal(5m, years.Where(y => y.Key.StartsWith("starts:", StringComparison.Ordinal)).Sum(y => y.Value));
        var endYear = Today.AddDays(-10).Year;
        Assert.Equal(1m, years[$"completions:{endYear}"]);
        Assert.Equal(1m, years[$"other-ends:{endYear}"]);
        var months = TableValues(html, "months");
        var startMonth = (longAgo.Year - from.Year) * 12 + longAgo.Month - from.Month;
        Assert.Equal(2m, months[$"starts:{startMonth}"]); // A and B

        var flags = await app.CountsAsync(tenant, """
            SELECT rule || ':' || CASE severity WHEN 0 THEN 'Watch' WHEN 1 THEN 'Warning' ELSE 'Critical' END, count(*)
            FROM risk_flags WHERE resolved_at IS NULL GROUP BY 1
            """);
        Assert.NotEmpty(flags);
        Assert.Equal(flags.ToDictionary(f => f.Key, f => (decimal)f.Value), TableValues(html, "risk"));
    }

    [Fact]
    public async Task The_coordinator_filter_counts_only_that_coordinators_participants()
    {
        var (number, _, coordinator, client) = await app.FreshMunicipalityAsync();
        using var _ = client;
        var other = await app.CreateUserAsync(number, "coordinator");
        await app.ParticipantAsync(number, new DateOnly(1980, 1, 2), Today.AddDays(-30), d => d with { CoordinatorId = coordinator.Id, Gender = Gender.Male });
        await app.ParticipantAsync(number, new DateOnly(1981, 1, 2), Today.AddDays(-30), d => d with { CoordinatorId = other.Id });
        await app.ParticipantAsync(number, new DateOnly(1982, 1, 2), Today.AddDays(-30), d => d with { CoordinatorId = other.Id });

        var all = TestClient.Decode(await client.GetPageAsync("/reports"));
        var mine = TestClient.Decode(await client.GetPageAsync($"/reports?coordinator={coordinator.Id}"));

        Assert.Equal(3, KeyFigure(all, "participants"));
        Assert.Equal(1, KeyFigure(mine, "participants"));
        Assert.Equal(1m, TableValues(mine, "gender")["Male"]);
        Assert.Equal(0m, TableValues(mine, "gender")["Female"]);
    }

    [Fact]
    public async Task A_period_that_ends_before_it_starts_is_refused_with_a_message()
    {
        using var client = app.CreateTestClient();
        await client.LoginOkAsync(Demo.BergenCoordinator);

        var response = await client.GetAsync($"/reports?from={Iso(Today)}&to={Iso(Today.AddDays(-1))}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Til-datoen kan ikke være før fra-datoen.", TestClient.Decode(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task Every_chart_has_a_described_svg_and_a_table_with_caption_and_header_scopes()
    {
        using var client = app.CreateTestClient();
        await client.LoginOkAsync(Demo.BergenCaseworker);

        var html = await client.GetPageAsync("/reports");

        var charts = System.Text.RegularExpressions.Regex.Matches(html, "<svg class=\"report-svg[^\"]*\"[^>]*role=\"img\" aria-labelledby=\"([a-z]+)-title \\1-desc\"");
        Assert.True(charts.Count >= 6, $"Only {charts.Count} charts.");
        foreach (System.Text.RegularExpressions.Match chart in charts)
        {
            var id = chart.Groups[1].Value;
            Assert.Contains($"<desc id=\"{id}-desc\">", html);
            Assert.Matches($"<table class=\"ds-table report-table\" data-report=\"{id}\">\\s*<caption>", html);
        }
        Assert.Contains("<th scope=\"col\"", html);
        Assert.Contains("<th scope=\"row\"", html);
        Assert.DoesNotContain("style=", html);
        Assert.DoesNotContain("<script>", html);
    }

    private static DecisionInput End(ParticipantStatus outcome) => new()
    {
        Kind = DecisionKind.ProgrammeEnd, DecidedOn = Today.AddDays(-10), Reason = "Avsluttet i test.", Outcome = outcome,
    };
}
