namespace IntroProgram.Browser.Tests.Support;

/// <summary>What the sweep checked, per role and language, next to the screenshots (TestResults/accessibility).</summary>
public static class SweepLog
{
    private static readonly object Gate = new();

    public static async Task WriteAsync(string role, string language, string headline, string pages, int pageCount, IEnumerable<string> rules)
    {
        var folder = Path.Combine(Path.GetDirectoryName(BrowserApp.ScreenshotDirectory)!, "accessibility");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, $"{role}-{language}.txt"),
            headline + Environment.NewLine + pages + Environment.NewLine + "rules: " + string.Join(", ", rules.Order()) + Environment.NewLine);
        lock (Gate)
        {
            File.AppendAllText(Path.Combine(folder, "summary.tsv"), $"{role}\t{language}\t{pageCount}\t{rules.Count()}{Environment.NewLine}");
        }
    }
}
