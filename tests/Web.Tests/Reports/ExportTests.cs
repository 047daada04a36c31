using System.Net;
using IntroProgram.Domain.Auditing;
using IntroProgram.Domain.Decisions;
using IntroProgram.Infrastructure.Decisions;
using IntroProgram.Domain.Programme;
using IntroProgram.Web.Tests.Decisions;
using IntroProgram.Web.Tests.Participants;
using IntroProgram.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static IntroProgram.Web.Tests.Reports.ReportTestSupport;

namespace IntroProgram.Web.Tests.Reports;

/// <summary>The CSV exports read back as Excel would: same rows, Norwegian letters, semicolons, decimal commas, no formulas.</summary>
[Collection(AppSuite.Name)]
public sealed class ExportTests(AppFactory app)
{
    [Fact]
    public async Task The_participant_export_reads_back_with_the_same_rows_norwegian_letters_and_decimal_commas()
    {
        var (number, tenant, _, client) = await app.FreshMunicipalityAsync();
        using var _ = client;
        var caseworker = await app.CreateUserAsync(number, "caseworker");
        var start = Today.AddDays(-90);
        var norwegian = await app.ParticipantAsync(number, new DateOnly(1984, 2, 29), start, d => d with { GivenName = "Åse Ærlig", FamilyName = "Østbø-Lærå" });
        var plain = await app.ParticipantAsync(number, new DateOnly(1979, 12, 31), start, d => d with { GivenName = "Bjørn", FamilyName = "Blåbær" });
        await app.LogHoursAsync(norwegian, start.AddDays(3), HourCategory.Norwegian, 12.5m);
        await app.LogHoursAsync(norwegian, start.AddDays(4), HourCategory.SocialStudies, 3.25m);
        await app.RecordDecisionAsync(norwegian, new DecisionInput
        {
            Kind = DecisionKind.Leave, DecidedOn = Today, Reason = "Permisjon i test.", LeaveType = LeaveType.Welfare,
            PeriodStart = start.AddDays(10), PeriodEnd = start.AddDays(14),
        }, caseworker.Id);
        await app.InTenantAsync(tenant, async db =>
        {
            db.TestResults.Add(new TestResult
            {
                Id = Guid.NewGuid(), ParticipantId = norwegian.Id, Kind = TestKind.Norwegian, TakenOn = start.AddDays(20),
                Reading = CefrLevel.A2, Listening = CefrLevel.B1, RecordedAt = TestClock.Now,
            });
            return await db.SaveChangesAsync();
        });

        var rows = ParseExcelCsv(await client.DownloadAsync("/reports/export/participants.csv"));

        var header = rows[0];
        Assert.Equal("Fødselsnummer", header[0]);
        Assert.Equal(3, rows.Count);
        Assert.All(rows, r => Assert.Equal(header.Length, r.Length));
        var row = rows.Single(r => r[0] == norwegian.NationalId);
        string Cell(string column) => row[Array.IndexOf(header, column)];
        Assert.Equal(("Østbø-Lærå", "Åse Ærlig"), (Cell("Etternavn"), Cell("Fornavn")));
        Assert.Equal("29.02.1984", Cell("Fødselsdato"));
        Assert.Equal(start.ToString("dd.MM.yyyy", System.Globalization.CultureInfo.InvariantCulture), Cell("Programstart"));
        Assert.Equal("Aktiv", Cell("Status"));
        Assert.Equal("12,5", Cell("Norskopplæring"));
        Assert.Equal("3,25", Cell("Samfunnskunnskap"));
        Assert.Equal(("1", "5"), (Cell("Permisjoner"), Cell("Permisjonsdager")));
        Assert.Equal(("A2", "B1", ""), (Cell("Lesing"), Cell("Lytting"), Cell("Skriving")));
        Assert.Contains(rows, r => r[0] == plain.NationalId && r[1] == "Blåbær" && r[2] == "Bjørn");
    }

    [Fact]
    public async Task Text_that_looks_like_a_formula_is_defused_and_separators_in_names_are_quoted()
    {
        var (number, _, _, client) = await app.FreshMunicipalityAsync();
        using var _ = client;
        await app.ParticipantAsync(number, new DateOnly(1980, 5, 5), Today.AddDays(-10), d => d with { GivenName = "=HYPERLINK(\"http://x\")", FamilyName = "Berg; \"Dal\"" });

        var bytes = await client.DownloadAsync("/reports/export/participants.csv");
        var rows = ParseExcelCsv(bytes);

        Assert.Equal("Berg; \"Dal\"", rows[1][1]);
        Assert.Equal("'=HYPERLINK(\"http://x\")", rows[1][2]);
        Assert.Contains("\"Berg; \"\"Dal\"\"\"", System.Text.Encoding.UTF8.GetString(bytes));
    }

    [Fact]
    public async Task The_hours_export_has_one_row_per_participant_and_month_with_the_months_absence()
    {
        var (number, _, _, client) = await app.FreshMunicipalityAsync();
        using var _ = client;
        var firstOfLastMonth = new DateOnly(Today.Year, Today.Month, 1).AddMonths(-1);
        var p = await app.ParticipantAsync(number, new DateOnly(1983, 3, 3), firstOfLastMonth.AddDays(-40), d => d with { FamilyName = "Søvik" });
        await app.LogHoursAsync(p, firstOfLastMonth.AddDays(-5), HourCategory.Norwegian, 2.75m);
        await app.LogHoursAsync(p, firstOfLastMonth.AddDays(1), HourCategory.Norwegian, 4m);
        await app.LogHoursAsync(p, firstOfLastMonth.AddDays(2), HourCategory.CareerGuidance, 1.5m);
        await Hours.HoursTestSupport.RecordAbsenceAsync(app, p, firstOfLastMonth.AddDays(3), 2.5m, excused: false);

        var rows = ParseExcelCsv(await client.DownloadAsync($"/reports/export/hours.csv?from={Iso(firstOfLastMonth.AddMonths(-2))}&to={Iso(Today)}"));

        Assert.Equal(3, rows.Count);
        var header = rows[0];
        var last = rows.Single(r => r[3] == firstOfLastMonth.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture));
        string Cell(string column) => last[Array.IndexOf(header, column)];
        Assert.Equal("Søvik", Cell("Etternavn"));
        Assert.Equal(("4", "1,5", "5,5", "2,5"), (Cell("Norskopplæring"), Cell("Karriereveiledning"), Cell("Timer i alt"), Cell("Ugyldig fravær (timer)")));
        var earlier = rows.Single(r => r[3] == firstOfLastMonth.AddDays(-5).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("2,75", earlier[Array.IndexOf(header, "Norskopplæring")]);
    }

    [Fact]
    public async Task Every_export_is_recorded_in_the_audit_log()
    {
        var (_, tenant, coordinator, client) = await app.FreshMunicipalityAsync();
        using var _ = client;

        await client.DownloadAsync("/reports/export/participants.csv");
        await client.DownloadAsync("/reports/export/hours.csv");
        await client.DownloadAsync("/reports/benefit.csv");

        var exports = await app.InTenantAsync(tenant, db => db.AuditEvents.AsNoTracking()
            .Where(e => e.Action == AuditAction.Export && e.ActorId == coordinator.Id).Select(e => e.RecordId).ToListAsync());
        Assert.Equal(["benefit-basis", "hours-per-month", "participants"], exports.Order());
    }

    [Fact]
    public async Task A_municipality_exports_only_its_own_participants()
    {
        var (number, _, _, client) = await app.FreshMunicipalityAsync();
        using var _ = client;
        var own = await app.ParticipantAsync(number, new DateOnly(1982, 2, 2), Today.AddDays(-30));
        var other = await app.ParticipantAsync("5501", new DateOnly(1982, 2, 2), Today.AddDays(-30));
        await app.LogHoursAsync(other, Today.AddDays(-2), HourCategory.Norwegian, 3m);
        await app.LogHoursAsync(own, Today.AddDays(-2), HourCategory.Norwegian, 3m);

        var participants = ParseExcelCsv(await client.DownloadAsync("/reports/export/participants.csv"));
        var hours = ParseExcelCsv(await client.DownloadAsync("/reports/export/hours.csv"));

        Assert.Equal([own.NationalId], participants.Skip(1).Select(r => r[0]));
        Assert.Equal([own.Details.FamilyName], hours.Skip(1).Select(r => r[1]));
    }
}
