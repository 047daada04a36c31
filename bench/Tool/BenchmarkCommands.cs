using System.Diagnostics;
using System.Globalization;
using IntroProgram.Domain.Risk;
using IntroProgram.Infrastructure.Data;
using IntroProgram.Infrastructure.Identity;
using IntroProgram.Infrastructure.Risk;
using IntroProgram.Infrastructure.Tenancy;
using IntroProgram.Bench.Synthetic;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace IntroProgram.Bench;

/// <summary>
/// Benchmark commands. They print figures only, never personal data, and are refused in Production.
/// <list type="bullet">
/// <item>`bench-data [scale=national] [seed=42]`: loads the synthetic municipalities (<see cref="SyntheticScale"/>) and
/// a benchmark coordinator in the largest, who has 20 participants; prints KEY=VALUE lines for the benchmark script.</item>
/// <item>`bench-risk [scale=national] [seed=42]`: the same data, then times the risk evaluation through the real
/// runner: once over everything (raising the flags), then the nightly re-run over the largest municipalities up to
/// 10,000, 50,000 and 100,000 participants, to show how the cost grows.</item>
/// </list>
/// </summary>
public static class BenchmarkCommands
{
    public const string CoordinatorEmail = "koordinator@bench.introprogram.invalid";
    public const int CoordinatorCaseload = 20;
    private static readonly int[] RiskSteps = [10_000, 50_000, 100_000];

    public static async Task<int> DataAsync(string[] args, WebApplication app)
    {
        if (await RefusedAsync(args, app, "bench-data") is { } refused)
        {
            return refused;
        }
        var (scale, seed) = Arguments(args);
        if (await TryLoadAsync(app, scale, seed, CancellationToken.None) is not { } municipalities)
        {
            return 1;
        }
        var largest = municipalities[0];
        var password = Environment.GetEnvironmentVariable("BENCH_PASSWORD") is { Length: > 0 } p ? p : "Bench-password-2026";
        await EnsureCoordinatorAsync(app, largest.Id, password);
        Console.WriteLine($"BENCH_TENANT={largest.Id}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"BENCH_TENANT_PARTICIPANTS={largest.Participants}"));
        Console.WriteLine($"BENCH_EMAIL={CoordinatorEmail}");
        return 0;
    }

    public static async Task<int> RiskAsync(string[] args, WebApplication app)
    {
        if (await RefusedAsync(args, app, "bench-risk") is { } refused)
        {
            return refused;
        }
        var (scale, seed) = Arguments(args);
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        var ct = stop.Token;
        if (await TryLoadAsync(app, scale, seed, ct) is not { } municipalities)
        {
            return 1;
        }
        var runner = app.Services.GetRequiredService<RiskEvaluationRunner>();

        var first = Stopwatch.StartNew();
        var everything = new RiskEvaluationRun();
        foreach (var m in municipalities)
        {
            Add(everything, await runner.RunAsync(m.Id, RunTrigger.OnDemand, "bench", ct: ct));
        }
        Print("risk, first run over all benchmark municipalities (raises flags)", everything, first.Elapsed);

        foreach (var step in RiskSteps.Where(s => s <= municipalities.Sum(m => m.Participants)))
        {
            // The largest municipalities until the step is reached: the same order every time, so each step contains the last.
            var chosen = new List<SyntheticMunicipality>();
            foreach (var m in municipalities)
            {
                chosen.Add(m);
                if (chosen.Sum(c => c.Participants) >= step)
                {
                    break;
                }
            }
            var watch = Stopwatch.StartNew();
            var run = new RiskEvaluationRun();
            foreach (var m in chosen)
            {
                Add(run, await runner.RunAsync(m.Id, RunTrigger.OnDemand, "bench", ct: ct));
            }
            Print(string.Create(CultureInfo.InvariantCulture, $"risk, nightly re-run, {chosen.Sum(c => c.Participants)} participants in {chosen.Count} municipalities"), run, watch.Elapsed);
        }
        return 0;
    }

    private static async Task<int?> RefusedAsync(string[] args, WebApplication app, string command)
    {
        if (app.Environment.IsProduction())
        {
            await Console.Error.WriteLineAsync("Refusing to generate benchmark data in Production.");
            return 1;
        }
        if (!SyntheticScale.TryParse(args.ElementAtOrDefault(1), out _)
            || (args.Length > 2 && !int.TryParse(args[2], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)))
        {
            await Console.Error.WriteLineAsync(
                $"Usage: {command} [scale=national] [seed=42]; scale is one of {string.Join(", ", SyntheticScale.Named.Select(s => $"{s.Name} ({s.Participants} in {s.Municipalities})"))} or PARTICIPANTSxMUNICIPALITIES");
            return 2;
        }
        return null;
    }

    private static (SyntheticScale Scale, int Seed) Arguments(string[] args)
    {
        var scale = SyntheticScale.TryParse(args.ElementAtOrDefault(1), out var parsed) ? parsed : SyntheticScale.National;
        var seed = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 42;
        return (scale, seed);
    }

    /// <summary>The scale's data, loaded unless present; null (the reason printed) when the database holds another scale.</summary>
    private static async Task<IReadOnlyList<SyntheticMunicipality>?> TryLoadAsync(WebApplication app, SyntheticScale scale, int seed, CancellationToken ct)
    {
        try
        {
            return (await LoadAsync(app, scale, seed, ct)).Municipalities;
        }
        catch (SyntheticScaleMismatchException e)
        {
            Console.Error.WriteLine(e.Message);
            return null;
        }
    }

    private static async Task<(SyntheticDataReport Report, IReadOnlyList<SyntheticMunicipality> Municipalities)> LoadAsync(
        WebApplication app, SyntheticScale scale, int seed, CancellationToken ct)
    {
        var owner = app.Configuration.GetConnectionString("Owner") ?? throw new InvalidOperationException("ConnectionStrings:Owner is not set.");
        var today = app.Services.GetRequiredService<RiskEvaluationRunner>().Today;
        var loaded = await SyntheticProgrammeData.GenerateAsync(owner, scale, seed, today, ct: ct);
        var r = loaded.Report;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"data ({scale.Name}, seed {seed}): {r.Elapsed.TotalSeconds:0.0} s; {r.Generated} municipalities loaded, {r.Skipped} already present; " +
            $"participants {r.Participants}, hour_entries {r.HourEntries}, absence_entries {r.AbsenceEntries}, leave decisions {r.LeaveDecisions}, " +
            $"participant_totals {r.Totals}, participant_weeks {r.Weeks}"));
        if (r.Generated > 0)
        {
            var analyze = Stopwatch.StartNew();
            await using var connection = new NpgsqlConnection(owner);
            await connection.OpenAsync(ct);
            await using var command = new NpgsqlCommand("ANALYZE", connection) { CommandTimeout = 0 };
            await command.ExecuteNonQueryAsync(ct);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"analyze: {analyze.Elapsed.TotalSeconds:0.0} s"));
        }
        return loaded;
    }

    /// <summary>A coordinator in the benchmark municipality, responsible for 20 of its active participants.</summary>
    private static async Task EnsureCoordinatorAsync(WebApplication app, Guid tenant, string password)
    {
        await app.Services.GetRequiredService<Seeds.DemoSeeder>().EnsureRolesAsync();
        await using var scope = app.Services.GetRequiredService<TenantScopeFactory>().ForTenant(tenant);
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByEmailAsync(CoordinatorEmail);
        if (user is null)
        {
            user = new AppUser
            {
                UserName = CoordinatorEmail, Email = CoordinatorEmail, DisplayName = "Koordinator Ytelse", Title = "Koordinator", EmailConfirmed = true,
            };
            var created = await users.CreateAsync(user, password);
            if (!created.Succeeded)
            {
                throw new InvalidOperationException("Could not create the benchmark coordinator: " + string.Join(", ", created.Errors.Select(e => e.Code)));
            }
        }
        else
        {
            // Each benchmark run signs in with a password of its own.
            await users.RemovePasswordAsync(user);
            var set = await users.AddPasswordAsync(user, password);
            if (!set.Succeeded)
            {
                throw new InvalidOperationException("Could not set the benchmark coordinator's password: " + string.Join(", ", set.Errors.Select(e => e.Code)));
            }
        }
        if (!await users.IsInRoleAsync(user, Roles.Coordinator) && !(await users.AddToRoleAsync(user, Roles.Coordinator)).Succeeded)
        {
            throw new InvalidOperationException("Could not make the benchmark user a coordinator.");
        }
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var caseload = await db.Participants.CountAsync(p => p.CoordinatorId == user.Id);
        if (caseload < CoordinatorCaseload)
        {
            var ids = await db.Participants.Where(p => p.CoordinatorId == null && p.Status == Domain.Participants.ParticipantStatus.Active)
                .OrderBy(p => p.Id).Select(p => p.Id).Take(CoordinatorCaseload - caseload).ToListAsync();
            await db.Participants.Where(p => ids.Contains(p.Id)).ExecuteUpdateAsync(s => s.SetProperty(p => p.CoordinatorId, user.Id));
        }
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
            $"{run.ParticipantsEvaluated} evaluated, {(seconds > 0 ? run.ParticipantsEvaluated / seconds : 0):0} participants/s, " +
            $"flags raised {run.FlagsRaised}, updated {run.FlagsUpdated}, resolved {run.FlagsResolved}"));
    }
}
