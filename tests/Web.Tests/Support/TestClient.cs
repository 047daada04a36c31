using System.Net;
using System.Text.RegularExpressions;

namespace IntroProgram.Web.Tests.Support;

/// <summary>A browser-like client: keeps cookies, reads antiforgery tokens from forms, does not follow redirects.</summary>
public sealed partial class TestClient(HttpClient http) : IDisposable
{
    public const string DemoPassword = "Demo-password-2026";

    public HttpClient Http { get; } = http;

    public Task<HttpResponseMessage> GetAsync(string url) => Http.GetAsync(url);

    public async Task<string> GetPageAsync(string url)
    {
        var response = await Http.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Opens the page the form is on (for its antiforgery token), then posts the fields to the action.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string pageUrl, string action, IDictionary<string, string> fields)
    {
        var page = await GetPageAsync(pageUrl);
        var token = AntiforgeryToken(page);
        var all = new List<KeyValuePair<string, string>>(fields) { new("__RequestVerificationToken", token) };
        return await Http.PostAsync(action, new FormUrlEncodedContent(all));
    }

    public async Task<HttpResponseMessage> LoginAsync(string email, string password = DemoPassword) =>
        await PostFormAsync("/account/login", "/account/login", new Dictionary<string, string>
        {
            ["Email"] = email, ["Password"] = password,
        });

    public async Task LoginOkAsync(string email, string password = DemoPassword)
    {
        var response = await LoginAsync(email, password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    public static string AntiforgeryToken(string html)
    {
        var match = TokenPattern().Match(html);
        Assert.True(match.Success, "The page has no antiforgery token.");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    public static string Decode(string html) => WebUtility.HtmlDecode(html);

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    public void Dispose() => Http.Dispose();
}
