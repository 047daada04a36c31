using IntroProgram.Web.Tests.Participants;
using IntroProgram.Web.Tests.Reports;
using IntroProgram.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace IntroProgram.Web.Tests.Certificates;

/// <summary>The "certificates issued" export: Norwegian Excel CSV, the municipality's own rows only, audited.</summary>
[Collection(AppSuite.Name)]
public sealed class CertificateExportTests(AppFactory app)
{
    [Fact]
    public async Task The_export_lists_the_municipalitys_certificates_with_Norwegian_letters_intact_and_nothing_from_elsewhere()
    {
        var world = await app.CaseworkerWorldAsync();
        var other = await app.CaseworkerWorldAsync();
        using var _ = world.Client;
        using var __ = other.Client;
        var p = await app.ParticipantWithHoursAsync(world.Number, 551.5m, 75m, d => d with { GivenName = "Øystein", FamilyName = "Åsheim-Læreid" });
        var id = CertificateTestSupport.CertificateIdFrom(await world.Client.IssueAsync(p.Id, "evidence"));
        var elsewhere = await app.ParticipantWithHoursAsync(other.Number, 550m, 75m);
        CertificateTestSupport.CertificateIdFrom(await other.Client.IssueAsync(elsewhere.Id, "evidence"));
        var today = ReportTestSupport.Iso(CertificateTestSupport.Today);

        var bytes = await world.Client.DownloadAsync($"/reports/export/certificates.csv?from={today}&to={today}");
        var rows = ReportTestSupport.ParseExcelCsv(bytes);

        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        Assert.Equal(2, rows.Count); // the header and the one certificate
        var row = rows[1];
        Assert.Equal((await app.CertificateAsync(world.TenantId, id)).Number, row[0]);
        Assert.Contains("Åsheim-Læreid", row);
        Assert.Contains("Øystein", row);
        Assert.Contains("551,5", row);
        Assert.Contains("Gyldig", row);
        Assert.DoesNotContain(p.NationalId, string.Join(";", row));
        Assert.Equal(1, await app.InTenantAsync(world.TenantId, db => db.AuditEvents.CountAsync(e => e.RecordId == "certificates")));
    }
}
