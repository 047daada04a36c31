using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using IntroProgram.Domain.Ledger;
using IntroProgram.Domain.Participants;
using IntroProgram.Domain.Programme;
using IntroProgram.Infrastructure;
using IntroProgram.Infrastructure.Data;
using IntroProgram.Infrastructure.Ledger;
using IntroProgram.Infrastructure.Tenancy;
using IntroProgram.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IntroProgram.Web.Tests.Hours;

/// <summary>Opening the hour forms, posting them as a browser would, and reading the ledger behind them.</summary>
internal static partial class HoursTestSupport
{
    public const string Bergen = "4601";
    public const string Tromso = "5501";

    public static DateOnly Today => ParticipantTestData.Today;

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Norwegian(DateOnly date) => date.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture);

    public static string NameOf(TestParticipant p) => p.Details.GivenName + " " + p.Details.FamilyName;

    public static async Task<string> BodyAsync(this HttpResponseMessage response) => TestClient.Decode(await response.Content.ReadAsStringAsync());

    public static void AssertRedirectTo(this HttpResponseMessage response, string location)
    {
        AssertRedirect(response);
        Assert.Equal(location, response.Headers.Location?.OriginalString);
    }

    public static async Task AssertRefusedWithAsync(this HttpResponseMessage response, string message)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.BodyAsync();
        Assert.True(body.Contains(message, StringComparison.Ordinal), $"\"{message}\" is not on the page; it says: {ErrorSummaryOf(body)}");
    }

    public static Dictionary<string, string> HourFields(DateOnly date, string hours, HourCategory category = HourCategory.Norwegian, string? note = null)
    {
        var fields = new Dictionary<string, string> { ["Date"] = Iso(date), ["Category"] = category.ToString(), ["Hours"] = hours };
        if (note is not null)
        {
            fields["Note"] = note;
        }
        return fields;
    }

    public static string LogUrl(TestParticipant p) => $"/participants/{p.Id}/hours/new";

    public static string AbsenceUrl(TestParticipant p) => $"/participants/{p.Id}/absence/new";

    public static string ParticipantUrl(TestParticipant p) => $"/participants/{p.Id}";

    public static Task<List<HourLedgerEntry>> EntriesAsync(this AppFactory app, TestParticipant p) =>
        app.InTenantAsync(p.TenantId, db => db.HourEntries.AsNoTracking().Where(e => e.ParticipantId == p.Id).OrderBy(e => e.RecordedAt).ToListAsync());

    public static Task<List<AbsenceEntry>> AbsencesAsync(this AppFactory app, TestParticipant p) =>
        app.InTenantAsync(p.TenantId, db => db.AbsenceEntries.AsNoTracking().Where(e => e.ParticipantId == p.Id).ToListAsync());

    public static Task<ParticipantTotals> TotalsAsync(this AppFactory app, TestParticipant p) =>
        app.InTenantAsync(p.TenantId, db => db.ParticipantTotals.AsNoTracking().SingleAsync(t => t.ParticipantId == p.Id));

    /// <summary>Runs one of the ledger services in the municipality's scope (for records of another municipality).</summary>
    public static async Task<CommandResult> WithServiceAsync<TService>(this AppFactory app, Guid tenant, Func<TService, Task<CommandResult>> action)
        where TService : notnull
    {
        await using var scope = app.Services.GetRequiredService<TenantScopeFactory>().ForTenant(tenant);
        var result = await action(scope.ServiceProvider.GetRequiredService<TService>());
        Assert.True(result.Succeeded, string.Join(", ", result.Errors.Select(e => e.Field + ":" + e.Code)));
        return result;
    }

    public static Task<CommandResult> RecordAbsenceAsync(this AppFactory app, TestParticipant p, DateOnly date, decimal hours, bool excused) =>
        app.WithServiceAsync<HourLedger>(p.TenantId, l => l.RecordAbsenceAsync(p.Id, new AbsenceInput(date, hours, excused, null), Guid.NewGuid(), null));

    /// <summary>The id at the end of a redirect such as /hours/session/{id}.</summary>
    public static Guid RedirectId(this HttpResponseMessage response, string prefix)
    {
        AssertRedirect(response);
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith(prefix, location, StringComparison.Ordinal);
        return Guid.Parse(location[prefix.Length..]);
    }

    private static void AssertRedirect(HttpResponseMessage response)
    {
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            Assert.Fail($"Expected a redirect, got {response.StatusCode}: {ErrorSummaryOf(response)}");
        }
    }

    /// <summary>The error summary of a refused form, to say why a test expecting success failed.</summary>
    private static string ErrorSummaryOf(HttpResponseMessage response) =>
        ErrorSummaryOf(TestClient.Decode(response.Content.ReadAsStringAsync().GetAwaiter().GetResult()));

    private static string ErrorSummaryOf(string html)
    {
        var summary = ErrorSummaryPattern().Match(html);
        return summary.Success ? Regex.Replace(summary.Value, "<[^>]+>", " ") : html[..Math.Min(html.Length, 500)];
    }

    [GeneratedRegex("<div class=\"ds-error-summary\".*?</div>", RegexOptions.Singleline)]
    private static partial Regex ErrorSummaryPattern();
}
