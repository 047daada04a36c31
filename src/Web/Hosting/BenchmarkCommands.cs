using System.Diagnostics;
using System.Globalization;
using IntroProgram.Domain.Risk;
using IntroProgram.Infrastructure.Data;
using IntroProgram.Infrastructure.Risk;
using IntroProgram.Infrastructure.Tenancy;
using IntroProgram.Seeds.Benchmark;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace IntroProgram.Web.Hosting;

/// <summary>
/// `bench-risk [participants=50000] [municipalities=50]`: times the risk evaluation through the real runner, first
/// for the demo municipalities, then for every municipality after synthetic benchmark municipalities have been
/// generated (once; a later run reuses them). Prints figures only, never personal data. Refused in Production.
/// </summary>
public static class BenchmarkCommands
{
    private static readonly string[] DemoNumbers = ["4601", "5501"];

    public static async Task<int> RiskAsync(string[] args, WebApplication app)
    {
        if (app.Environment.IsProduction())
        {
            await Console.Error.WriteLineAsync("Refusing to generate benchmark data in Production.");
            return 1;
        }
        if (!TryArgument(args, 1, 50_000, out var participants) || !TryArgument(args, 2, 50, out var municipalities)
            || municipalities < 1 || municipalities > 999 || participants < municipalities)
        {
            await Console.Error.WriteLineAsync("Usage: bench-risk [participants=50000] [municipalities=50] (1–999 municipalities, at least one participant each)");
            return 2;
        }
        var owner = app.Configuration.GetConnectionString("Owner")
            ?? throw new InvalidOperationException("ConnectionStrings:Owner is not set.");
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        var ct = stop.Token;
        var runner = app.Services.GetRequiredService<RiskEvaluationRunner>();

        // The demo municipalities alone, before anything is generated.
        List<Guid> demo;
        await using (var platform = app.Services.GetRequiredService<TenantScopeFactory>().ForTenant(null))
        {
            var db = platform.ServiceProvider.GetRequiredService<AppDbContext>();
            demo = await db.Municipalities.AsNoTracking().Where(m => DemoNumbers.Contains(m.Number))
                .OrderBy(m => m.Number).Select(m => m.Id).ToListAsync(ct);
        }
        await AnalyzeAsync(owner, ct);
        for (var pass = 1; pass <= 2; pass++)
        {
            var watch = Stopwatch.StartNew();
            var total = new RiskEvaluationRun();
            foreach (var tenant in demo)
            {
                Add(total, await runner.RunAsync(tenant, RunTrigger.OnDemand, "bench", ct: ct));
            }
            Print($"demo ({demo.Count} municipalities) run {pass}", total, watch.Elapsed);
        }

        var report = await SyntheticProgrammeData.GenerateAsync(owner, participants, municipalities, runner.Today, ct: ct);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"generation: {report.Elapsed.TotalSeconds:0.0} s; {report.Generated} municipalities generated, {report.Skipped} already present; " +
            $"rows in benchmark municipalities: participants {report.Participants}, hour_entries {report.HourEntries}, " +
            $"participant_totals {report.Totals}, participant_weeks {report.Weeks}"));

        var analyze = Stopwatch.StartNew();
        await AnalyzeAsync(owner, ct);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"analyze: {analyze.Elapsed.TotalSeconds:0.0} s"));

        for (var pass = 1; pass <= 2; pass++)
        {
            var watch = Stopwatch.StartNew();
            var run = await runner.RunAsync(null, RunTrigger.OnDemand, "bench", ct: ct);
            Print($"all municipalities run {pass} ({(pass == 1 ? "raises flags" : "idempotent re-run")})", run, watch.Elapsed);
        }
        return 0;
    }

    private static bool TryArgument(string[] args, int index, int fallback, out int value)
    {
        value = fallback;
        return args.Length <= index || int.TryParse(args[index], NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    private static void Add(RiskEvaluationRun total, RiskEvaluationRun run)
    {
        total.Municipalities += run.Municipalities;
        total.FailedMunicipalities += run.FailedMunicipalities;
        total.ParticipantsEvaluated += run.ParticipantsEvaluated;
        total.FlagsRaised += run.FlagsRaised;
        total.FlagsUpdated += run.FlagsUpdated;
        total.FlagsResolved += run.FlagsResolved;
    }

    private static void Print(string label, RiskEvaluationRun run, TimeSpan elapsed)
    {
        var seconds = elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{label}: {seconds:0.00} s, {run.Municipalities} municipalities ({run.FailedMunicipalities} failed), " +
            $"{run.ParticipantsEvaluated} participants, {(seconds > 0 ? run.ParticipantsEvaluated / seconds : 0):0} participants/s, " +
            $"flags raised {run.FlagsRaised}, updated {run.FlagsUpdated}, resolved {run.FlagsResolved}"));
    }

    private static async Task AnalyzeAsync(string owner, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(owner);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand("ANALYZE", connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(ct);
    }
}
