using System.Diagnostics;
using System.Text.RegularExpressions;
using IntroProgram.Domain.Certificates;
using IntroProgram.Domain.Decisions;
using IntroProgram.Domain.Participants;
using IntroProgram.Domain.Programme;
using IntroProgram.Infrastructure;
using IntroProgram.Infrastructure.Certificates;
using IntroProgram.Infrastructure.Data;
using IntroProgram.Infrastructure.Decisions;
using IntroProgram.Infrastructure.Tenancy;
using IntroProgram.Web.Tests.Participants;
using IntroProgram.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IntroProgram.Web.Tests.Certificates;

/// <summary>A municipality with a caseworker signed in, and participants brought to the point of a certificate.</summary>
public sealed record CertificateWorld(string Number, Guid TenantId, TestUser Caseworker, TestClient Client);

public static partial class CertificateTestSupport
{
    public static DateOnly Today => ParticipantTestData.Today;

    public static async Task<CertificateWorld> CaseworkerWorldAsync(this AppFactory app)
    {
        var number = await app.CreateMunicipalityAsync();
        var caseworker = await app.CreateUserAsync(number, "caseworker");
        var client = app.CreateTestClient();
        await client.LoginOkAsync(caseworker.Email);
        return new CertificateWorld(number, caseworker.TenantId!.Value, caseworker, client);
    }

    /// <summary>Logs the hours through the ledger, 20 hours a day at most, on days ending with <paramref name="lastDay"/>.</summary>
    public static async Task GiveHoursAsync(this AppFactory app, TestParticipant p, HourCategory category, decimal hours, DateOnly lastDay)
    {
        var day = lastDay;
        while (hours > 0m)
        {
            var chunk = Math.Min(20m, hours);
            await app.LogHoursAsync(p, day, category, chunk);
            hours -= chunk;
            day = day.AddDays(-1);
        }
    }

    /// <summary>
    /// A participant who started <paramref name="startedDaysAgo"/> days ago with the given hours logged before yesterday,
    /// or up to <paramref name="hoursUpTo"/> for a programme that is to end on that day.
    /// </summary>
    public static async Task<TestParticipant> ParticipantWithHoursAsync(this AppFactory app, string number, decimal norwegian, decimal social,
        Func<ParticipantDetails, ParticipantDetails>? change = null, int startedDaysAgo = 90, DateOnly? hoursUpTo = null)
    {
        var p = await app.CreateParticipantAsync(number, d =>
        {
            d = d with
            {
                PermitDate = Today.AddDays(-startedDaysAgo - 60), SettlementDate = Today.AddDays(-startedDaysAgo - 30),
                ProgrammeStart = Today.AddDays(-startedDaysAgo),
            };
            return change is null ? d : change(d);
        });
        await app.GiveHoursAsync(p, HourCategory.Norwegian, norwegian, hoursUpTo ?? Today.AddDays(-2));
        await app.GiveHoursAsync(p, HourCategory.SocialStudies, social, Today.AddDays(-40));
        return p;
    }

    public static async Task EndProgrammeAsync(this AppFactory app, TestParticipant p, Guid caseworkerId, DateOnly endedOn,
        ParticipantStatus outcome = ParticipantStatus.Completed)
    {
        await using var scope = app.Services.GetRequiredService<TenantScopeFactory>().ForTenant(p.TenantId);
        var result = await scope.ServiceProvider.GetRequiredService<DecisionRecorder>().DecideAsync(p.Id, new DecisionInput
        {
            Kind = DecisionKind.ProgrammeEnd, DecidedOn = endedOn, Reason = "Programmet er avsluttet etter plan.", Outcome = outcome,
        }, Guid.NewGuid(), caseworkerId);
        Assert.True(result.Succeeded, string.Join(", ", result.Errors.Select(e => e.Code)));
    }

    public static async Task<CommandResult> IssueDirectAsync(this AppFactory app, Guid tenantId, Guid participantId, CertificateKind kind, Guid issuerId)
    {
        await using var scope = app.Services.GetRequiredService<TenantScopeFactory>().ForTenant(tenantId);
        return await scope.ServiceProvider.GetRequiredService<CertificateIssuer>().IssueAsync(participantId, kind, issuerId);
    }

    /// <summary>Issues through the caseworker's page, as the browser would; returns the response (a redirect on success).</summary>
    public static async Task<HttpResponseMessage> IssueAsync(this TestClient client, Guid participantId, string kind)
    {
        var page = await client.GetPageAsync($"/participants/{participantId}/certificates");
        return await client.Http.PostAsync($"/participants/{participantId}/certificates/issue/{kind}",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = TestClient.AntiforgeryToken(page) }));
    }

    public static Guid CertificateIdFrom(HttpResponseMessage response)
    {
        if (response.StatusCode != System.Net.HttpStatusCode.Redirect)
        {
            var summary = ErrorSummary().Match(TestClient.Decode(response.Content.ReadAsStringAsync().GetAwaiter().GetResult()));
            Assert.Fail($"Expected a redirect to the new certificate, got {(int)response.StatusCode}: {summary.Value}");
        }
        var match = CertificateLocation().Match(response.Headers.Location!.OriginalString);
        Assert.True(match.Success, response.Headers.Location.OriginalString);
        return Guid.Parse(match.Groups[1].Value);
    }

    public static Task<Certificate> CertificateAsync(this AppFactory app, Guid tenantId, Guid id) =>
        app.InTenantAsync(tenantId, db => db.Certificates.AsNoTracking().SingleAsync(c => c.Id == id));

    /// <summary>The text of a PDF as poppler's pdftotext reads it (what a person copying from the document gets).</summary>
    public static async Task<string> PdfTextAsync(byte[] pdf)
    {
        var file = Path.Combine(Path.GetTempPath(), $"certificate-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(file, pdf);
        try
        {
            using var process = Process.Start(new ProcessStartInfo("pdftotext", ["-enc", "UTF-8", file, "-"])
            {
                RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            })!;
            var text = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.Equal(0, process.ExitCode);
            if (Environment.GetEnvironmentVariable("INTROPROGRAM_KEEP_PDF_TEXT") is { Length: > 0 } keep)
            {
                await File.WriteAllTextAsync(Path.Combine(keep, Path.GetFileNameWithoutExtension(file) + ".txt"), text);
            }
            // Lines wrap where the layout wraps them; compare words, not line breaks.
            return Whitespace().Replace(text, " ");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex("<div class=\"ds-error-summary\".*?</div>", RegexOptions.Singleline)]
    private static partial Regex ErrorSummary();

    [GeneratedRegex("^/certificates/([0-9a-f-]{36})$")]
    private static partial Regex CertificateLocation();
}
