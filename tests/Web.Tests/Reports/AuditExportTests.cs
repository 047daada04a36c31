using System.Net;
using IntroProgram.Domain.Auditing;
using IntroProgram.Domain.Programme;
using IntroProgram.Web.Tests.Decisions;
using IntroProgram.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static IntroProgram.Web.Tests.Reports.ReportTestSupport;

namespace IntroProgram.Web.Tests.Reports;

/// <summary>The audit log's CSV export: the page's filters, the municipality's own events, and the export logged too.</summary>
[Collection(AppSuite.Name)]
public sealed class AuditExportTests(AppFactory app)
{
    [Fact]
    public async Task The_export_of_one_participants_events_holds_exactly_those_events_including_the_export_itself()
    {
        using var client = app.CreateTestClient();
        await client.LoginOkAsync(Demo.BergenAdmin);
        var p = await app.ParticipantAsync("4601", new DateOnly(1977, 7, 7), Today.AddDays(-20));
        await app.LogHoursAsync(p, Today.AddDays(-3), HourCategory.Norwegian, 2m);
        await app.LogHoursAsync(p, Today.AddDays(-2), HourCategory.Norwegian, 2m);

        var rows = ParseExcelCsv(await client.DownloadAsync($"/admin/audit/export.csv?participant={p.Id}"));

        var events = await app.InTenantAsync(p.TenantId, db => db.AuditEvents.AsNoTracking().Where(e => e.ParticipantId == p.Id)
            .OrderByDescending(e => e.At).ThenByDescending(e => e.Id).Select(e => new { e.Action, e.RecordId }).ToListAsync());
        Assert.Equal(events.Count + 1, rows.Count);
        Assert.Equal(AuditAction.Export, events[0].Action);
        Assert.Equal("Eksport", rows[1][3]);
        Assert.All(rows.Skip(1), r => Assert.Equal(p.Id.ToString(), r[6]));
        Assert.Equal(events.Select(e => e.RecordId ?? ""), rows.Skip(1).Select(r => r[5]));
    }

    [Fact]
    public async Task The_action_and_period_filters_apply_to_the_export()
    {
        using var client = app.CreateTestClient();
        await client.LoginOkAsync(Demo.BergenAdmin);
        await client.DownloadAsync("/reports/export/hours.csv");

        var rows = ParseExcelCsv(await client.DownloadAsync($"/admin/audit/export.csv?action=Export&from={Iso(Today)}&to={Iso(Today)}"));
        var yesterday = ParseExcelCsv(await client.DownloadAsync($"/admin/audit/export.csv?action=Export&to={Iso(Today.AddDays(-1))}"));

        Assert.True(rows.Count >= 3);
        Assert.All(rows.Skip(1), r => Assert.Equal("Eksport", r[3]));
        Assert.Contains(rows, r => r[5] == "hours-per-month");
        Assert.Single(yesterday); // the test database was created today: nothing but the header
    }

    [Fact]
    public async Task Another_municipalitys_events_are_never_exported()
    {
        using var client = app.CreateTestClient();
        await client.LoginOkAsync(Demo.BergenAdmin);
        var tromsoParticipant = await app.ParticipantAsync("5501", new DateOnly(1976, 6, 6), Today.AddDays(-20));
        await app.LogHoursAsync(tromsoParticipant, Today.AddDays(-1), HourCategory.Norwegian, 2m);

        var rows = ParseExcelCsv(await client.DownloadAsync($"/admin/audit/export.csv?participant={tromsoParticipant.Id}"));
        var everything = System.Text.Encoding.UTF8.GetString(await client.DownloadAsync("/admin/audit/export.csv"));

        // Only the header and Bergen's own record of this export (which names the filter, not another municipality's data).
        Assert.All(rows.Skip(1), r => Assert.Equal("Eksport", r[3]));
        var tromsoEvents = await app.InTenantAsync(tromsoParticipant.TenantId, db => db.AuditEvents.AsNoTracking()
            .Where(e => e.ParticipantId == tromsoParticipant.Id && e.Action != AuditAction.Export).Select(e => e.RecordId).ToListAsync());
        Assert.NotEmpty(tromsoEvents);
        // (The participant's own id is in Bergen's log as the filter of the first export, so it is not checked here.)
        Assert.All(tromsoEvents.Where(id => id is not null && id != tromsoParticipant.Id.ToString()), id => Assert.DoesNotContain(id!, everything));
    }

    [Fact]
    public async Task A_refused_filter_is_answered_with_400()
    {
        using var client = app.CreateTestClient();
        await client.LoginOkAsync(Demo.BergenAdmin);

        var response = await client.GetAsync($"/admin/audit/export.csv?from={Iso(Today)}&to={Iso(Today.AddDays(-3))}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
