using System.ComponentModel;
using System.Net;
using System.Reflection;
using IntroProgram.Web.Tests.Security;
using IntroProgram.Web.Tests.Support;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace IntroProgram.Web.Tests.BadInput;

/// <summary>
/// Every route value and every query-string value of every route in the endpoint table (the route sweep's table, with
/// its records and callers), tried with every hostile value on the real server: never a 500, never unescaped markup,
/// never a redirect off the site. A post's form fields are the form matrix's; its query and route values are here.
/// </summary>
[Collection(AppSuite.Name)]
public sealed class QueryAndRouteMatrixTests(AppFactory app, KestrelApp kestrel, ITestOutputHelper output) : IClassFixture<KestrelApp>
{
    /// <summary>One value a route takes from its address: a route parameter or a query-string name.</summary>
    public sealed record AddressValue(string Name, bool InRoute);

    /// <summary>Where a route's value is tried: the route's rule (caller, path, form) and the values it reads from the address.</summary>
    public sealed record AddressTarget(RouteRule Rule, string Method, IReadOnlyList<AddressValue> Values);

    [Fact]
    public void Every_route_of_the_endpoint_table_is_in_the_matrix_with_the_values_it_reads_from_its_address()
    {
        var targets = Targets(app.Services);
        var routes = RouteAccessRules.All.Sum(r => r.Method == "*" ? 2 : 1);
        Assert.Equal(routes, targets.Count);
        // The values the audit log, the reports and the participant list are filtered by must be among them.
        Assert.Contains(targets, t => t.Rule.Key == "GET admin/audit" && t.Values.Any(v => v.Name == "from") && t.Values.Any(v => v.Name == "before"));
        Assert.Contains(targets, t => t.Rule.Key == "GET reports/export/hours.csv" && t.Values.Any(v => v.Name == "to"));
        Assert.Contains(targets, t => t.Rule.Key == "GET participants/{id:guid}" && t.Values.Any(v => v.Name == "page") && t.Values.Any(v => v is { Name: "id", InRoute: true }));
        Assert.Contains(targets, t => t.Rule.Key == "POST language" && t.Values.Any(v => v.Name == "returnUrl"));
        var values = targets.Sum(t => t.Values.Count);
        output.WriteLine($"{targets.Count} routes, {values} route and query values, {values * HostileValues.ForAddresses.Count} requests.");
    }

    public static TheoryData<string> Areas => new(Area.Names);

    [Theory]
    [MemberData(nameof(Areas))]
    public async Task No_route_or_query_value_of_an_area_reaches_a_500_or_leaves_the_site(string area)
    {
        var server = await kestrel.StartAsync(app);
        var records = await RecordsAsync();
        var targets = Targets(app.Services).Where(t => Area.Of(t.Rule.Pattern) == area).ToList();
        var failures = new List<string>();
        var tried = 0;
        var sessions = new Dictionary<string, (TestClient Client, string Token)>();
        try
        {
            foreach (var target in targets)
            {
                foreach (var value in target.Values)
                {
                    foreach (var hostile in HostileValues.ForAddresses)
                    {
                        var session = await SessionAsync(server, sessions, CallerOf(target.Rule.Access));
                        var url = Address(records.Fill(target.Rule.Path), target.Rule.Pattern, value, hostile.Text);
                        var label = $"{target.Method} /{target.Rule.Pattern} · {value.Name} · {hostile.Label}";
                        tried++;
                        try
                        {
                            using var request = new HttpRequestMessage(new HttpMethod(target.Method), url);
                            if (target.Method != "GET")
                            {
                                request.Content = new FormUrlEncodedContent(
                                    new List<KeyValuePair<string, string>>(target.Rule.Form) { new("__RequestVerificationToken", session.Token) });
                            }
                            using var response = await session.Client.Http.SendAsync(request);
                            failures.AddRange((await JudgeAsync(session.Client, response)).Select(p => $"{label}: {p}"));
                        }
                        catch (HttpRequestException e)
                        {
                            failures.Add($"{label}: no answer ({e.Message})");
                        }
                        if (target.Rule.EndsSession && sessions.Remove(CallerOf(target.Rule.Access) ?? "", out var ended))
                        {
                            ended.Client.Dispose();
                        }
                    }
                }
            }
        }
        finally
        {
            foreach (var (client, _) in sessions.Values)
            {
                client.Dispose();
            }
        }

        output.WriteLine($"{area}: {targets.Count} routes, {tried} (route, value, hostile value) requests, {failures.Count} problems.");
        foreach (var failure in failures.Take(200))
        {
            output.WriteLine(failure);
        }
        Assert.True(tried > 0, $"No route of {area} reads a value from its address.");
        Assert.Empty(failures);
    }

    /// <summary>The sweep's own records (participants, certificate, flag, …), made once for all the areas.</summary>
    private static Task<SweepRecords>? _records;
    private static readonly Lock RecordsGate = new();

    private Task<SweepRecords> RecordsAsync()
    {
        lock (RecordsGate)
        {
            return _records ??= SweepRecords.CreateAsync(app);
        }
    }

    /// <summary>Never a 5xx, never markup that would run, a redirect only within the site (and the page it leads to no 5xx).</summary>
    private static async Task<List<string>> JudgeAsync(TestClient client, HttpResponseMessage response)
    {
        var problems = new List<string>();
        if ((int)response.StatusCode >= 500)
        {
            problems.Add($"answered {(int)response.StatusCode}");
        }
        var type = response.Content.Headers.ContentType?.MediaType;
        if (type == "text/html" && HostileValues.UnescapedMarkup(await response.Content.ReadAsStringAsync()) is { } marker)
        {
            problems.Add($"renders {marker} unescaped");
        }
        if ((int)response.StatusCode is >= 300 and < 400 && response.Headers.Location is { } location)
        {
            // The sign-in challenge names the server itself (an absolute address of the same host): that is within the site.
            var target = !location.IsAbsoluteUri ? location.OriginalString
                : location.Authority == client.Http.BaseAddress?.Authority ? location.PathAndQuery : location.ToString();
            if (!FormMatrix.IsLocal(target))
            {
                problems.Add($"redirects off the site to {HostileValues.Show(target)}");
            }
            else
            {
                using var next = await client.Http.GetAsync(target);
                if ((int)next.StatusCode >= 500)
                {
                    problems.Add($"the page redirected to answers {(int)next.StatusCode}");
                }
            }
        }
        return problems;
    }

    /// <summary>The request path with one value replaced: a route segment (escaped) or a query-string value.</summary>
    private static string Address(string path, string pattern, AddressValue value, string hostile)
    {
        var escaped = Uri.EscapeDataString(hostile);
        if (!value.InRoute)
        {
            return path + (path.Contains('?', StringComparison.Ordinal) ? "&" : "?") + Uri.EscapeDataString(value.Name) + "=" + escaped;
        }
        var segments = path.Split('/');
        // A catch-all parameter ({**path}, {*path}) is a segment like any other here.
        var patternSegments = ("/" + pattern).Replace("{**", "{", StringComparison.Ordinal).Replace("{*", "{", StringComparison.Ordinal).Split('/');
        var index = Array.FindIndex(patternSegments, s => s.StartsWith("{" + value.Name, StringComparison.OrdinalIgnoreCase)
            && (s.Length == value.Name.Length + 2 || s[value.Name.Length + 1] is ':' or '}' or '?'));
        Assert.True(index > 0 && index < segments.Length, $"{value.Name} is no segment of {pattern}");
        segments[index] = escaped;
        return string.Join('/', segments);
    }

    private async Task<(TestClient Client, string Token)> SessionAsync(
        AppProcess server, Dictionary<string, (TestClient Client, string Token)> sessions, string? email)
    {
        var key = email ?? "";
        if (!sessions.TryGetValue(key, out var session))
        {
            var client = server.CreateTestClient();
            if (email is not null)
            {
                await client.LoginOkAsync(email);
            }
            session = (client, TestClient.AntiforgeryToken(await client.GetPageAsync("/accessibility")));
            sessions[key] = session;
        }
        return session;
    }

    /// <summary>A demo caller the rule admits, so the value reaches the action (anonymous where anyone may).</summary>
    private static string? CallerOf(Access access) => access.Name switch
    {
        _ when access.Anonymous => null,
        _ when access == Access.Platform => Demo.Operator,
        _ when access == Access.TenantAdmin => Demo.BergenAdmin,
        _ when access == Access.Caseworker => Demo.BergenCaseworker,
        _ when access == Access.Participant => Demo.BergenParticipant,
        _ => Demo.BergenCoordinator,
    };

    /// <summary>
    /// Every rule's route with the values its action reads from the address: the route's parameters, and the query
    /// values of its parameters (a complex parameter of a GET by its properties). A post's complex model is its form.
    /// </summary>
    public static List<AddressTarget> Targets(IServiceProvider services)
    {
        var endpoints = services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<ISuppressMatchingMetadata>()?.SuppressMatching != true).ToList();
        var targets = new List<AddressTarget>();
        foreach (var rule in RouteAccessRules.All)
        {
            foreach (var method in rule.Method == "*" ? new[] { "GET", "POST" } : [rule.Method])
            {
                var endpoint = endpoints.First(e => (e.RoutePattern.RawText ?? "").Trim('/') == rule.Pattern
                    && (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods is not { Count: > 0 } methods || methods.Contains(method)));
                var routeValues = endpoint.RoutePattern.Parameters.Select(p => new AddressValue(p.Name, true)).ToList();
                var action = endpoint.Metadata.GetMetadata<ControllerActionDescriptor>();
                var queryValues = action is null ? [] : QueryValues(action, method, routeValues.Select(v => v.Name).ToHashSet(StringComparer.OrdinalIgnoreCase));
                targets.Add(new AddressTarget(rule, method, [.. routeValues, .. queryValues]));
            }
        }
        return targets;
    }

    private static IEnumerable<AddressValue> QueryValues(ControllerActionDescriptor action, string method, HashSet<string> route)
    {
        var names = new List<string>();
        foreach (var parameter in action.Parameters.OfType<ControllerParameterDescriptor>())
        {
            var source = parameter.BindingInfo?.BindingSource;
            if (source is not null && source != BindingSource.Query && source != BindingSource.ModelBinding && source != BindingSource.Path)
            {
                continue; // services, form, body, files, the cancellation token
            }
            if (IsSimple(parameter.ParameterType))
            {
                names.Add(parameter.BindingInfo?.BinderModelName ?? parameter.Name);
            }
            else if (method == "GET" || source == BindingSource.Query)
            {
                names.AddRange(parameter.ParameterType.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                    .Where(p => p.CanWrite && IsSimple(p.PropertyType) && p.GetCustomAttribute<BindNeverAttribute>() is null
                        && p.GetCustomAttribute<FromFormAttribute>() is null)
                    .Select(p => p.GetCustomAttribute<FromQueryAttribute>()?.Name ?? p.Name));
            }
        }
        return names.Where(n => !route.Contains(n)).Distinct(StringComparer.OrdinalIgnoreCase).Select(n => new AddressValue(n, false));
    }

    /// <summary>A value one query-string value can give: a string, number, date, id, choice, or a list of them.</summary>
    private static bool IsSimple(Type type)
    {
        var element = type != typeof(string) && type.IsGenericType && type.GetGenericArguments() is [var item]
            && typeof(System.Collections.IEnumerable).IsAssignableFrom(type) ? item : type;
        element = Nullable.GetUnderlyingType(element) ?? element;
        return element != typeof(CancellationToken) && TypeDescriptor.GetConverter(element).CanConvertFrom(typeof(string));
    }

    /// <summary>The matrix in parts by the first segment of the route, so each part's failures are reported on their own.</summary>
    private static class Area
    {
        public static readonly string[] Names = ["account-public-and-portal", "platform", "admin", "reports", "participants", "hours", "risk-and-certificates"];

        public static string Of(string pattern) => pattern.Split('/')[0] switch
        {
            "platform" => "platform",
            "admin" => "admin",
            "reports" => "reports",
            "participants" => "participants",
            "hours" => "hours",
            "risk" or "certificates" => "risk-and-certificates",
            _ => "account-public-and-portal",
        };
    }
}
