using System.Net;
using System.Text;
using IntroProgram.Web.Tests.Support;
using Npgsql;

namespace IntroProgram.Web.Tests.BadInput;

public sealed record MatrixField(string Name, FieldKind Kind, bool Required = false);

/// <summary>One form of the app: which post actions it stands for and the fields it is tried with.</summary>
public sealed record FormSpec(string Name, string[] Actions, MatrixField[] Fields);

/// <summary>Where and as whom a form is posted, and the valid values the hostile one replaces.</summary>
public sealed class FormTarget
{
    public required Func<Task<TestClient>> Client { get; init; }
    /// <summary>A new client for every post (sign-in forms), instead of one for the whole form.</summary>
    public bool FreshClient { get; init; }
    public required Func<string> PageUrl { get; init; }
    public required Func<string> ActionUrl { get; init; }
    /// <summary>The valid fields, given the name of the field about to be replaced.</summary>
    public required Func<string, Task<Dictionary<string, string>>> Baseline { get; init; }
    public Guid? Tenant { get; init; }
    /// <summary>Tables the form changes in passing even when it refuses (a failed sign-in counts on the user).</summary>
    public string[] Ignored { get; init; } = [];
    /// <summary>Called after an accepted post, e.g. to give the next post a record to work on again.</summary>
    public Func<Task>? AfterAccepted { get; init; }
    /// <summary>Rewrites the posted fields once the hostile value is in, e.g. to move it into a field whose name holds an id.</summary>
    public Action<Dictionary<string, string>>? Adjust { get; init; }
    /// <summary>A page that refuses without a form to re-show says this instead of the error summary (e.g. an invalid link).</summary>
    public string? RefusalText { get; init; }
}

/// <summary>Posts every (field, hostile value) pair of a form and checks the answer, the rows and the markup.</summary>
public sealed class FormMatrix(AppFactory app)
{
    /// <summary>The tables a form may write; their row count and row versions must not move when input is refused.</summary>
    private static readonly string[] Tables =
    [
        "participants", "hour_entries", "absence_entries", "class_sessions", "decisions", "test_results", "competence_mappings",
        "individual_plans", "certificates", "certificate_batches", "risk_flags", "import_batches", "users", "user_roles",
        "municipalities", "base_amounts",
    ];

    public const string BokmalSummary = "Noe må rettes før du kan gå videre";
    public const string BokmalBadRequest = "Forespørselen kunne ikke behandles.";

    public async Task<(int Tried, List<string> Failures)> RunAsync(FormSpec spec, FormTarget target, IReadOnlyList<HostileValue>? values = null)
    {
        var failures = new List<string>();
        var tried = 0;
        TestClient? shared = target.FreshClient ? null : await target.Client();
        try
        {
            var token = shared is null ? null : TestClient.AntiforgeryToken(await shared.GetPageAsync(target.PageUrl()));
            foreach (var field in spec.Fields)
            {
                foreach (var value in values ?? HostileValues.For(field.Kind))
                {
                    tried++;
                    var fields = await target.Baseline(field.Name);
                    fields[field.Name] = value.Text;
                    target.Adjust?.Invoke(fields);
                    var client = shared ?? await target.Client();
                    try
                    {
                        var formToken = token ?? TestClient.AntiforgeryToken(await client.GetPageAsync(target.PageUrl()));
                        var before = await SnapshotAsync(target.Tenant, target.Ignored);
                        var outcome = await PostAsync(client, target.ActionUrl(), fields, formToken, target.RefusalText);
                        var label = $"{spec.Name} · {field.Name} · {value.Label}";
                        failures.AddRange(outcome.Problems.Select(p => $"{label}: {p}"));
                        if (field.Kind == FieldKind.Url && outcome.Location is { } location && !IsLocal(location))
                        {
                            failures.Add($"{label}: redirects off the site to {HostileValues.Show(location)}");
                        }
                        var after = await SnapshotAsync(target.Tenant, target.Ignored);
                        if (outcome.Accepted)
                        {
                            if (HostileValues.MustRefuse(field.Kind, field.Required, value))
                            {
                                failures.Add($"{label}: accepted, should be refused ({(int)outcome.Status})");
                            }
                            if (target.AfterAccepted is { } next)
                            {
                                await next();
                            }
                        }
                        else if (before != after)
                        {
                            failures.Add($"{label}: refused ({(int)outcome.Status}) but rows changed: {Diff(before, after)}");
                        }
                    }
                    finally
                    {
                        if (shared is null)
                        {
                            client.Dispose();
                        }
                    }
                }
            }
        }
        finally
        {
            shared?.Dispose();
        }
        return (tried, failures);
    }

    public sealed record Outcome(HttpStatusCode Status, bool Accepted, string? Location, List<string> Problems, string Body);

    /// <summary>Posts and judges one answer: never a 500, never unescaped markup, a refusal says why in bokmål.</summary>
    public static async Task<Outcome> PostAsync(TestClient client, string action, IDictionary<string, string> fields, string antiforgery,
        string? refusalText = null)
    {
        var all = new List<KeyValuePair<string, string>>(fields) { new("__RequestVerificationToken", antiforgery) };
        using var content = new FormUrlEncodedContent(all);
        var response = await client.Http.PostAsync(action, content);
        return await JudgeAsync(client, response, refusalText: refusalText);
    }

    public static async Task<Outcome> JudgeAsync(TestClient client, HttpResponseMessage response, string summary = BokmalSummary,
        string badRequest = BokmalBadRequest, string? refusalText = null)
    {
        var problems = new List<string>();
        var status = response.StatusCode;
        var body = await response.Content.ReadAsStringAsync();
        if ((int)status >= 500)
        {
            problems.Add($"answered {(int)status}");
        }
        if (HostileValues.UnescapedMarkup(body) is { } marker)
        {
            problems.Add($"renders {marker} unescaped");
        }
        var location = response.Headers.Location?.OriginalString;
        bool accepted;
        if ((int)status is >= 300 and < 400 && location is not null)
        {
            var shown = "";
            if (IsLocal(location))
            {
                using var next = await client.Http.GetAsync(location);
                shown = await next.Content.ReadAsStringAsync();
                if ((int)next.StatusCode >= 500)
                {
                    problems.Add($"the page redirected to answers {(int)next.StatusCode}");
                }
                if (HostileValues.UnescapedMarkup(shown) is { } shownMarker)
                {
                    problems.Add($"the page redirected to renders {shownMarker} unescaped");
                }
            }
            // A refusal after a redirect (post/redirect/get) shows its message at the top of the next page.
            accepted = !shown.Contains("class=\"ds-error-summary\"", StringComparison.Ordinal)
                && !shown.Contains("role=\"alert\" id=\"refusal\"", StringComparison.Ordinal)
                && !shown.Contains("class=\"ds-validation-message\"", StringComparison.Ordinal)
                && !location.StartsWith("/account/login", StringComparison.Ordinal);
        }
        else
        {
            accepted = false;
            if (status is HttpStatusCode.OK or HttpStatusCode.BadRequest)
            {
                var text = TestClient.Decode(body);
                // A request the framework cannot read at all (a NUL byte in a field) gets the localized 400 page.
                if (!body.Contains("class=\"ds-error-summary\"", StringComparison.Ordinal) && !text.Contains(summary, StringComparison.Ordinal)
                    && !(status == HttpStatusCode.BadRequest && text.Contains(badRequest, StringComparison.Ordinal))
                    && !(refusalText is not null && text.Contains(refusalText, StringComparison.Ordinal)))
                {
                    var shown = System.Text.RegularExpressions.Regex.Replace(text, "<[^>]+>|\\s+", " ");
                    problems.Add($"refused ({(int)status}) without a validation message: {HostileValues.Show(shown.Trim())}");
                }
                else if (body.Contains("<h2>", StringComparison.Ordinal) && body.Contains("class=\"ds-error-summary\" role=\"alert\" tabindex", StringComparison.Ordinal)
                    && !text.Contains(summary, StringComparison.Ordinal))
                {
                    problems.Add($"refused ({(int)status}) without the summary \"{summary}\"");
                }
            }
        }
        return new Outcome(status, accepted, location, problems, body);
    }

    public static bool IsLocal(string location) =>
        location.StartsWith('/') && !location.StartsWith("//", StringComparison.Ordinal) && !location.StartsWith("/\\", StringComparison.Ordinal);

    /// <summary>Row counts and the sum of row versions (xmin) of every table the forms write, seen as the owner within the municipality.</summary>
    public async Task<string> SnapshotAsync(Guid? tenant, string[] ignored)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(app.OwnerConnectionString) { Pooling = true }.ConnectionString);
        await connection.OpenAsync();
        if (tenant is { } id)
        {
            await using var set = new NpgsqlCommand("SELECT set_config('app.tenant_id', @t, false)", connection);
            set.Parameters.AddWithValue("t", id.ToString());
            await set.ExecuteNonQueryAsync();
        }
        var sql = string.Join(" UNION ALL ", Tables.Except(ignored).Select(t =>
            $"SELECT '{t}', count(*), coalesce(sum(xmin::text::bigint), 0) FROM {t}"));
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var snapshot = new StringBuilder();
        while (await reader.ReadAsync())
        {
            snapshot.Append(reader.GetString(0)).Append('=').Append(reader.GetInt64(1)).Append('/').Append(reader.GetDecimal(2)).Append(';');
        }
        return snapshot.ToString();
    }

    private static string Diff(string before, string after)
    {
        var a = before.Split(';');
        var b = after.Split(';');
        return string.Join(", ", a.Zip(b).Where(x => x.First != x.Second).Select(x => x.First.Split('=')[0]));
    }
}
