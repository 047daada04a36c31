using System.Text.RegularExpressions;
using IntroProgram.Domain.Participants;
using Microsoft.EntityFrameworkCore;

namespace IntroProgram.Web.Tests.Support;

/// <summary>What every form test does: sign in, make a participant of its own, open a form and post it as a browser would.</summary>
public static partial class Forms
{
    public static async Task<TestClient> SignedInAsync(this AppFactory app, string email = Demo.BergenCoordinator, string password = TestClient.DemoPassword)
    {
        var client = app.CreateTestClient();
        await client.LoginOkAsync(email, password);
        return client;
    }

    /// <summary>
    /// A fresh active participant with a name and a birth date no other test uses (one birth date has only a few hundred
    /// valid synthetic national ids), so pages can be searched for it. <paramref name="change"/> changes the other details.
    /// </summary>
    public static Task<TestParticipant> NewParticipantAsync(this AppFactory app, string municipality = "4601",
        Func<ParticipantDetails, ParticipantDetails>? change = null)
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var birth = new DateOnly(1972, 1, 1).AddDays(Random.Shared.Next(0, 27 * 365));
        return app.CreateParticipantAsync(municipality, d =>
        {
            d = d with { GivenName = "Ulla" + suffix, FamilyName = "Timesen" + suffix, BirthDate = birth, NationalId = TestNationalIds.For(birth) };
            return change is null ? d : change(d);
        });
    }

    /// <summary>The id of the municipality's user with this e-mail.</summary>
    public static Task<Guid> UserIdAsync(this AppFactory app, Guid tenant, string email)
    {
        var normalized = email.ToUpperInvariant();
        return app.InTenantAsync(tenant, db => db.Users.Where(u => u.NormalizedEmail == normalized).Select(u => u.Id).SingleAsync());
    }

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

    [GeneratedRegex("name=\"FormToken\"[^>]*value=\"([0-9a-fA-F-]{36})\"")]
    private static partial Regex FormTokenPattern();
}

/// <summary>A form page as the server sent it (<see cref="RawHtml"/>) and with its entities decoded (<see cref="Html"/>).</summary>
public sealed record FormPage(string Html, string RawHtml, Guid? FormToken)
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
