using System.Net;
using System.Text.RegularExpressions;
using IntroProgram.Domain.Decisions;
using IntroProgram.Infrastructure.Decisions;
using IntroProgram.Web.Tests.Decisions;
using IntroProgram.Web.Tests.Participants;
using IntroProgram.Web.Tests.Support;
using static IntroProgram.Web.Tests.Reports.ReportTestSupport;

namespace IntroProgram.Web.Tests.Reports;

/// <summary>
/// The monthly benefit basis through the whole stack: participants, absence and leave as the app records them, G from
/// the stored table (2024 G, 124 028, applies to March 2025), the page and the payroll CSV.
/// </summary>
[Collection(AppSuite.Name)]
public sealed class BenefitBasisTests(AppFactory app)
{
    private static readonly DateOnly January6 = new(2025, 1, 6);

    [Fact]
    public async Task March_2025_is_calculated_from_age_absence_leave_and_part_months()
    {
        var (number, _, _, client) = await app.FreshMunicipalityAsync();
        using var _ = client;
        var caseworker = await app.CreateUserAsync(number, "caseworker");
        // 24 years old: two thirds of 2 G; 7.5 unexcused hours at 89.39 kr.
        var young = await app.ParticipantAsync(number, new DateOnly(2000, 10, 10), January6);
        await Hours.HoursTestSupport.RecordAbsenceAsync(app, young, new DateOnly(2025, 3, 12), 4m, excused: false);
        await Hours.HoursTestSupport.RecordAbsenceAsync(app, young, new DateOnly(2025, 3, 13), 3.5m, excused: false);
        await Hours.HoursTestSupport.RecordAbsenceAsync(app, young, new DateOnly(2025, 3, 14), 2m, excused: true);
        // Parental leave 11–20 March: 21 of 31 days are paid.
        var parent = await app.ParticipantAsync(number, new DateOnly(1994, 6, 15), January6);
        await app.RecordDecisionAsync(parent, Leave(LeaveType.Parental), caseworker.Id);
        // Leave for welfare keeps the benefit: a whole month.
        var welfare = await app.ParticipantAsync(number, new DateOnly(1993, 2, 1), January6);
        await app.RecordDecisionAsync(welfare, Leave(LeaveType.Welfare), caseworker.Id);
        // Starting on 17 March: 15 of 31 days.
        var late = await app.ParticipantAsync(number, new DateOnly(1992, 9, 9), new DateOnly(2025, 3, 17));
        // Starting in April: nothing for March.
        await app.ParticipantAsync(number, new DateOnly(1991, 9, 9), new DateOnly(2025, 4, 1));

        var html = TestClient.Decode(await client.GetPageAsync("/reports/benefit?month=2025-03"));

        Assert.Equal("13 110,46", Cell(html, young.Id, "payable"));
        Assert.Equal("670,43", Cell(html, young.Id, "deduction"));
        Assert.Equal("7,5", Cell(html, young.Id, "hours"));
        Assert.Equal("14 003,16", Cell(html, parent.Id, "payable"));
        Assert.Equal("20 671,33", Cell(html, welfare.Id, "payable"));
        Assert.Equal("10 002,26", Cell(html, late.Id, "payable"));
        Assert.Equal(4, Regex.Count(html, "<tr data-participant="));
        Assert.Contains("data-key=\"total-payable\">57 787,21<", Normalise(html));

        var rows = ParseExcelCsv(await client.DownloadAsync("/reports/benefit.csv?month=2025-03"));
        var header = rows[0];
        var csvYoung = rows.Single(r => r[1] == young.Details.FamilyName);
        string Cell2(string[] row, string column) => row[Array.IndexOf(header, column)];
        Assert.Equal(5, rows.Count);
        Assert.Equal(("124028,00", "Ja", "165370,67", "89,39"),
            (Cell2(csvYoung, "Grunnbeløp (G)"), Cell2(csvYoung, "Redusert sats (2/3)"), Cell2(csvYoung, "Årlig stønad"), Cell2(csvYoung, "Timesats")));
        Assert.Equal(("13780,89", "7,5", "670,43", "13110,46"),
            (Cell2(csvYoung, "Stønad før trekk"), Cell2(csvYoung, "Ugyldig fravær (timer)"), Cell2(csvYoung, "Trekk"), Cell2(csvYoung, "Til utbetaling")));
        var csvParent = rows.Single(r => r[1] == parent.Details.FamilyName);
        Assert.Equal(("21", "31", "10", "14003,16"),
            (Cell2(csvParent, "Stønadsdager"), Cell2(csvParent, "Dager i måneden"), Cell2(csvParent, "Permisjonsdager uten stønad"), Cell2(csvParent, "Til utbetaling")));
    }

    [Fact]
    public async Task A_month_that_cannot_be_read_is_refused_with_a_message()
    {
        using var client = app.CreateTestClient();
        await client.LoginOkAsync(Demo.BergenCaseworker);

        var response = await client.GetAsync("/reports/benefit?month=mars");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Skriv måneden som åååå-mm", TestClient.Decode(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task The_operator_adds_corrects_and_removes_a_base_amount()
    {
        using var client = app.CreateTestClient();
        await client.LoginOkAsync(Demo.Operator);

        var added = await client.PostFormAsync("/platform/base-amounts", "/platform/base-amounts",
            new Dictionary<string, string> { ["EffectiveFrom"] = "1990-05-01", ["Amount"] = "34 100" });
        var corrected = await client.PostFormAsync("/platform/base-amounts", "/platform/base-amounts",
            new Dictionary<string, string> { ["EffectiveFrom"] = "1990-05-01", ["Amount"] = "34100,50" });
        var page = await client.GetPageAsync("/platform/base-amounts");

        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, corrected.StatusCode);
        Assert.Equal(1, Regex.Count(page, "data-key=\"1990-05-01\""));
        Assert.Contains("34 100,50", Normalise(TestClient.Decode(page)));
        Assert.Contains("data-key=\"2025-05-01\"", page); // the migration's values are there

        var removed = await client.PostFormAsync("/platform/base-amounts", "/platform/base-amounts/remove",
            new Dictionary<string, string> { ["effectiveFrom"] = "1990-05-01" });
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.DoesNotContain("data-key=\"1990-05-01\"", await client.GetPageAsync("/platform/base-amounts"));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("tusen")]
    [InlineData("12,345")]
    public async Task A_base_amount_that_is_not_a_positive_sum_in_kroner_and_ore_is_refused(string amount)
    {
        using var client = app.CreateTestClient();
        await client.LoginOkAsync(Demo.Operator);

        var response = await client.PostFormAsync("/platform/base-amounts", "/platform/base-amounts",
            new Dictionary<string, string> { ["EffectiveFrom"] = "1991-05-01", ["Amount"] = amount });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Skriv et beløp større enn 0", TestClient.Decode(await response.Content.ReadAsStringAsync()));
    }

    private static DecisionInput Leave(LeaveType type) => new()
    {
        Kind = DecisionKind.Leave, DecidedOn = new DateOnly(2025, 3, 1), Reason = "Permisjon i test.", LeaveType = type,
        PeriodStart = new DateOnly(2025, 3, 11), PeriodEnd = new DateOnly(2025, 3, 20),
    };

    /// <summary>Norwegian number formatting uses a no-break space between thousands; tests compare with a plain space.</summary>
    private static string Normalise(string html) => html.Replace('\u00a0', ' ').Replace('\u202f', ' ');

    private static string Cell(string html, Guid participant, string key)
    {
        var row = Regex.Match(html, $"<tr data-participant=\"{participant}\">(.*?)</tr>", RegexOptions.Singleline);
        Assert.True(row.Success, "The participant is not in the table.");
        var cell = Regex.Match(row.Groups[1].Value, $"data-key=\"{key}\">([^<]*)<");
        return Normalise(cell.Groups[1].Value);
    }
}
