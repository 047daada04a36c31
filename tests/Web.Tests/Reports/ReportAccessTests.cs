using System.Net;
using IntroProgram.Domain.Programme;
using IntroProgram.Web.Tests.Participants;
using IntroProgram.Web.Tests.Support;
using static IntroProgram.Web.Tests.Reports.ReportTestSupport;

namespace IntroProgram.Web.Tests.Reports;

/// <summary>Who may open the reports, and that each municipality sees only its own numbers.</summary>
[Collection(AppSuite.Name)]
public sealed class ReportAccessTests(AppFactory app)
{
    public static TheoryData<string> TenantReports =>
    [
        "/reports", "/reports/export/participants.csv", "/reports/export/hours.csv", "/reports/benefit",
        "/reports/benefit.csv", "/admin/audit/export.csv",
    ];

    [Theory]
    [MemberData(nameof(TenantReports))]
    public async Task A_participant_is_refused_every_report_and_export(string url)
    {
        using var client = app.CreateTestClient();
        await client.LoginOkAsync(Demo.BergenParticipant);

        await AssertDeniedAsync(client, url);
    }

    [Theory]
    [MemberData(nameof(TenantReports))]
    public async Task The_platform_operator_is_refused_every_municipal_report(string url)
    {
        using var client = app.CreateTestClient();
        await client.LoginOkAsync(Demo.Operator);

        await AssertDeniedAsync(client, url);
    }

    [Theory]
    [InlineData(Demo.BergenAdmin, "/platform/overview")]
    [InlineData(Demo.BergenCoordinator, "/platform/base-amounts")]
    [InlineData(Demo.BergenCoordinator, "/admin/audit/export.csv")]
    public async Task Municipal_staff_are_refused_the_platform_pages_and_coordinators_the_audit_export(string email, string url)
    {
        using var client = app.CreateTestClient();
        await client.LoginOkAsync(email);

        await AssertDeniedAsync(client, url);
    }

    [Theory]
    [InlineData("/reports?coordinator={0}")]
    [InlineData("/reports/export/participants.csv?coordinator={0}")]
    [InlineData("/reports/export/hours.csv?coordinator={0}")]
    [InlineData("/reports/benefit?coordinator={0}")]
    [InlineData("/reports/benefit.csv?coordinator={0}")]
    public async Task A_coordinator_of_another_municipality_is_not_found_as_a_filter(string url)
    {
        using var client = app.CreateTestClient();
        await client.LoginOkAsync(Demo.BergenCoordinator);
        var tromso = await app.MunicipalityIdAsync("5501");
        var tromsoCoordinator = await DecisionTestSupportUser(tromso, Demo.TromsoCoordinator);

        var response = await client.GetAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, url, tromsoCoordinator));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Each_municipality_sees_only_its_own_participants_in_the_dashboard_and_benefit_basis()
    {
        var (numberA, _, _, clientA) = await app.FreshMunicipalityAsync();
        var (numberB, _, _, clientB) = await app.FreshMunicipalityAsync();
        using var a = clientA;
        using var b = clientB;
        var start = new DateOnly(Today.Year, Today.Month, 1).AddMonths(-3);
        var onlyA = await app.ParticipantAsync(numberA, new DateOnly(1980, 1, 1), start);
        await app.ParticipantAsync(numberA, new DateOnly(1981, 1, 1), start);
        var onlyB = await app.ParticipantAsync(numberB, new DateOnly(1982, 1, 1), start);
        await app.LogHoursAsync(onlyB, Today.AddDays(-1), HourCategory.Norwegian, 2m);
        var lastMonth = start.AddMonths(2).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);

        var dashboardA = TestClient.Decode(await clientA.GetPageAsync("/reports"));
        var dashboardB = TestClient.Decode(await clientB.GetPageAsync("/reports"));
        var benefitA = await clientA.GetPageAsync("/reports/benefit?month=" + lastMonth);
        var benefitCsvB = ParseExcelCsv(await clientB.DownloadAsync("/reports/benefit.csv?month=" + lastMonth));

        Assert.Equal(2, KeyFigure(dashboardA, "participants"));
        Assert.Equal(1, KeyFigure(dashboardB, "participants"));
        Assert.Contains(onlyA.Id.ToString(), benefitA);
        Assert.DoesNotContain(onlyB.Id.ToString(), benefitA);
        Assert.Equal([onlyB.Details.FamilyName], benefitCsvB.Skip(1).Select(r => r[1]));
    }

    private Task<Guid> DecisionTestSupportUser(Guid tenant, string email) => app.UserIdAsync(tenant, email);

    private static async Task AssertDeniedAsync(TestClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/access-denied", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var denied = await client.GetAsync(response.Headers.Location.OriginalString);
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
    }
}
