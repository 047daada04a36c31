using System.Text.RegularExpressions;
using IntroProgram.Web.Tests.Participants;
using IntroProgram.Web.Tests.Support;
using static IntroProgram.Web.Tests.Reports.ReportTestSupport;

namespace IntroProgram.Web.Tests.Reports;

/// <summary>The platform operator's overview: counts per municipality and job health, never a person.</summary>
[Collection(AppSuite.Name)]
public sealed class OperatorOverviewTests(AppFactory app)
{
    [Fact]
    public async Task The_operator_sees_each_municipalitys_user_and_participant_counts_but_no_names()
    {
        var (number, tenant, _, staff) = await app.FreshMunicipalityAsync();
        staff.Dispose();
        await app.CreateUserAsync(number, "caseworker");
        var active = await app.ParticipantAsync(number, new DateOnly(1980, 1, 1), Today.AddDays(-10));
        await app.ParticipantAsync(number, new DateOnly(1981, 1, 1), Today, d => d with { ProgrammeStart = null });
        using var client = app.CreateTestClient();
        await client.LoginOkAsync(Demo.Operator);

        var html = await client.GetPageAsync("/platform/overview");

        var row = Regex.Match(html, $"<tr data-municipality=\"{number}\">(.*?)</tr>", RegexOptions.Singleline).Groups[1].Value;
        Assert.Contains("data-key=\"users\">2<", row);
        Assert.Contains("data-key=\"participants\">2<", row);
        Assert.Contains("data-key=\"active\">1<", row);
        var bergen = Regex.Match(html, "<tr data-municipality=\"4601\">(.*?)</tr>", RegexOptions.Singleline).Groups[1].Value;
        var bergenCount = await app.CountsAsync(await app.MunicipalityIdAsync("4601"), "SELECT 'n', count(*) FROM participants");
        Assert.Contains($"data-key=\"participants\">{bergenCount["n"]:#,0}<".Replace(",", "\u00a0", StringComparison.Ordinal), bergen);
        Assert.DoesNotContain(active.Details.FamilyName!, html);
        Assert.DoesNotContain(active.Id.ToString(), html);
        Assert.DoesNotContain(tenant.ToString(), html);
    }

    [Fact]
    public async Task Job_health_needs_attention_when_no_job_server_has_checked_in()
    {
        // The test host runs no job server (Jobs:RunScheduler=false), and the tests that start servers use databases of their own.
        using var client = app.CreateTestClient();
        await client.LoginOkAsync(Demo.Operator);

        var html = TestClient.Decode(await client.GetPageAsync("/platform/overview"));

        Assert.Contains("data-key=\"scheduler-health\" class=\"health-bad\"", html);
        Assert.Contains("Ingen jobbserver har meldt seg i det siste.", html);
    }
}
