using System.Text.Json;
using Microsoft.Playwright;

namespace IntroProgram.Browser.Tests.Support;

/// <summary>
/// axe-core (pinned in tests/Browser.Tests/package.json, installed by build.sh with npm ci) run inside the page
/// against the WCAG 2.0 and 2.1 A and AA rules.
/// </summary>
public sealed class Axe
{
    public static readonly string[] Tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

    private const string Run = """
        async (tags) => {
            const r = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
            const ids = (list) => list.map(x => x.id);
            return {
                rules: [...ids(r.passes), ...ids(r.violations), ...ids(r.incomplete), ...ids(r.inapplicable)],
                violations: r.violations.map(v => ({
                    id: v.id, impact: v.impact || '', help: v.help,
                    targets: v.nodes.map(n => n.target.map(t => Array.isArray(t) ? t.join(' >>> ') : t).join(' '))
                }))
            };
        }
        """;

    private readonly string _source;

    private Axe(string source) => _source = source;

    public static Axe Load(string projectDirectory)
    {
        var path = Path.Combine(projectDirectory, "node_modules", "axe-core", "axe.min.js");
        if (!File.Exists(path))
        {
            throw new InvalidOperationException(
                $"axe-core is missing at {path}: run `npm ci --no-audit --no-fund` in tests/Browser.Tests (./build.sh test does).");
        }
        return new Axe(File.ReadAllText(path));
    }

    /// <summary>
    /// Injects axe through the DevTools protocol rather than a script tag, so the page's own Content-Security-Policy
    /// (no inline script) stays in force and the page is checked as users get it.
    /// </summary>
    public async Task<AxeResult> CheckAsync(IPage page)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
        {
            await page.EvaluateAsync(_source);
        }
        var json = await page.EvaluateAsync<JsonElement>(Run, Tags);
        var rules = json.GetProperty("rules").EnumerateArray().Select(r => r.GetString()!).ToHashSet(StringComparer.Ordinal);
        var violations = json.GetProperty("violations").EnumerateArray().Select(v => new AxeViolation(
            v.GetProperty("id").GetString()!,
            v.GetProperty("impact").GetString()!,
            v.GetProperty("help").GetString()!,
            v.GetProperty("targets").EnumerateArray().Select(t => t.GetString()!).ToList())).ToList();
        return new AxeResult(rules, violations);
    }
}

public sealed record AxeResult(IReadOnlySet<string> Rules, IReadOnlyList<AxeViolation> Violations);

/// <summary>A rule that failed and the CSS selectors of the elements that failed it (never their text).</summary>
public sealed record AxeViolation(string Rule, string Impact, string Help, IReadOnlyList<string> Targets)
{
    public string Describe(string path) =>
        $"{path}: {Rule} ({Impact}) {Help}{Environment.NewLine}    " + string.Join(Environment.NewLine + "    ", Targets.Take(8)) +
        (Targets.Count > 8 ? $"{Environment.NewLine}    … and {Targets.Count - 8} more" : "");
}
