using System.Net;
using IntroProgram.Infrastructure.Pdf;
using IntroProgram.Web.Tests.Participants;
using IntroProgram.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Moq;

namespace IntroProgram.Web.Tests.Certificates;

/// <summary>The browser failing in the middle of an issue: a failure the real renderer cannot be made to have on demand.</summary>
[Collection(AppSuite.Name)]
public sealed class CertificateRenderingFailureTests(AppFactory app)
{
    private static DateOnly Today => CertificateTestSupport.Today;

    [Fact]
    public async Task A_PDF_that_fails_mid_issue_stores_nothing_and_gives_its_number_back()
    {
        var world = await app.CaseworkerWorldAsync();
        using var _ = world.Client;
        var p = await app.ParticipantWithHoursAsync(world.Number, 40m, 5m, hoursUpTo: Today.AddDays(-1));
        await app.EndProgrammeAsync(p, world.Caseworker.Id, Today.AddDays(-1));
        var pdf = new Mock<IPdfRenderer>();
        pdf.Setup(r => r.RenderAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new PdfRenderingException("The browser failed to render the PDF."));
        using var failing = app.WithService(pdf.Object);
        using var caseworker = failing.CreateTestClient();
        await caseworker.LoginOkAsync(world.Caseworker.Email);

        var response = await caseworker.IssueAsync(p.Id, "participation");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("PDF-en kunne ikke lages", TestClient.Decode(await response.Content.ReadAsStringAsync()));
        Assert.Equal(0, await app.InTenantAsync(world.TenantId, db => db.Certificates.CountAsync()));
        Assert.Equal(0, await app.InTenantAsync(world.TenantId, db => db.CertificateNumberSeries.SumAsync(s => s.LastSequence)));
        // With the real renderer the same certificate is issued as number 1 of the year: no gap where the failure was.
        var issued = CertificateTestSupport.CertificateIdFrom(await world.Client.IssueAsync(p.Id, "participation"));
        Assert.Equal(1, (await app.CertificateAsync(world.TenantId, issued)).Sequence);
    }
}
