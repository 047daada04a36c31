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

    public static async Task<TestClient> SignedInAsync(this AppFactory app, string email = Demo.BergenCoordinator)
    {
        var client = app.CreateTestClient();
        await client.LoginOkAsync(email);
        return client;
    }

    /// <summary>A participant with a name no other test uses, so pages can be searched for it.</summary>
    public static Task<TestParticipant> NewParticipantAsync(this AppFactory app, string municipality = Bergen,
        Func<ParticipantDetails, ParticipantDetails>? change = null)
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        // A birth date of its own too: one date has only a few hundred valid synthetic national ids.
        var birth = new DateOnly(1975, 1, 1).AddDays(Random.Shared.Next(0, 25 * 365));
        return app.CreateParticipantAsync(municipality, d =>
        {
            d = d with { GivenName = "Ulla" + suffix, FamilyName = "Timesen" + suffix, BirthDate = birth, NationalId = TestNationalIds.For(birth) };
            return change is null ? d : change(d);
        });
    }

    public static string NameOf(TestParticipant p) => p.Details.GivenName + " " + p.Details.FamilyName;

    /// <summary>The form's page and its hidden tokens: the antiforgery token and, when the form has one, the form token.</summary>
    public static async Task<FormPage> OpenFormAsync(this TestClient client, string url)
    {
        var html = await client.GetPageAsync(url);
        var token = FormTokenPattern().Match(html);
        return new FormPage(TestClient.Decode(html), html, token.Success ? Guid.Parse(token.Groups[1].Value) : null);
    }

    /// <summary>
    /// Posts the fields as the page's form for <paramref name="action"/> would: with the antiforgery token inside that
    /// form (the test fails when the form has none, as a browser's post would) and its form token, unless the fields
    /// carry one. <paramref name="handMade"/> posts to an address no form on the page has, with the page's first token.
    /// </summary>
    public static Task<HttpResponseMessage> PostAsync(this TestClient client, FormPage page, string action, IDictionary<string, string> fields,
        bool handMade = false)
    {
        var token = handMade ? TestClient.AntiforgeryToken(page.RawHtml) : page.AntiforgeryTokenOfForm(action);
        var all = new List<KeyValuePair<string, string>>(fields) { new("__RequestVerificationToken", token) };
        if (!fields.ContainsKey("FormToken") && page.FormToken is { } formToken)
        {
            all.Add(new("FormToken", formToken.ToString()));
        }
        return client.Http.PostAsync(action, new FormUrlEncodedContent(all));
    }

    /// <summary>Opens the form at <paramref name="url"/> and submits it back to the same address.</summary>
    public static async Task<HttpResponseMessage> SubmitAsync(this TestClient client, string url, IDictionary<string, string> fields) =>
        await client.PostAsync(await client.OpenFormAsync(url), url, fields);

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

    public static Task<Guid> UserIdAsync(this AppFactory app, Guid tenant, string email) =>
        app.InTenantAsync(tenant, db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());

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

    [GeneratedRegex("<div class=\"error-summary\".*?</div>", RegexOptions.Singleline)]
    private static partial Regex ErrorSummaryPattern();

    [GeneratedRegex("name=\"FormToken\"[^>]*value=\"([0-9a-fA-F-]{36})\"")]
    private static partial Regex FormTokenPattern();
}

internal sealed record FormPage(string Html, string RawHtml, Guid? FormToken)
{
    /// <summary>The antiforgery token inside the page's post form for <paramref name="action"/> (its path; the query is ignored).</summary>
    public string AntiforgeryTokenOfForm(string action)
    {
        var path = action.Split('?')[0];
        var form = Regex.Match(RawHtml, $"<form method=\"post\"[^>]*action=\"{Regex.Escape(path)}\"[^>]*>(.*?)</form>", RegexOptions.Singleline);
        Assert.True(form.Success, $"The page has no post form for {path}.");
        return TestClient.AntiforgeryToken(form.Groups[1].Value);
    }
}
