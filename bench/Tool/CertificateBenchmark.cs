using System.Diagnostics;
using System.Globalization;
using IntroProgram.Domain.Certificates;
using IntroProgram.Domain.Decisions;
using IntroProgram.Domain.Participants;
using IntroProgram.Domain.Programme;
using IntroProgram.Domain.Tenancy;
using IntroProgram.Infrastructure.Certificates;
using IntroProgram.Infrastructure.Data;
using IntroProgram.Infrastructure.Decisions;
using IntroProgram.Infrastructure.Identity;
using IntroProgram.Infrastructure.Ledger;
using IntroProgram.Infrastructure.Participants;
using IntroProgram.Infrastructure.Pdf;
using IntroProgram.Infrastructure.Tenancy;
using IntroProgram.Seeds;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace IntroProgram.Bench;

/// <summary>
/// `bench-certificates [count=100]`: in a new benchmark municipality, registers `count` × 2 participants whose
/// programme has ended, then times (1) issuing `count` certificates one after another through the real issuer with a
/// warm browser (number, Chromium render, storage, audit) and (2) a batch of `count` through the batch runner, and
/// samples the peak memory of this process and its Chromium. Prints figures only. Refused in Production.
/// </summary>
public static class CertificateBenchmark
{
    public static async Task<int> RunAsync(string[] args, WebApplication app)
    {
        if (app.Environment.IsProduction())
        {
            await Console.Error.WriteLineAsync("Refusing to generate benchmark data in Production.");
            return 1;
        }
        if (args.Length > 1 && (!int.TryParse(args[1], NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) || parsed is < 1 or > 5000))
        {
            await Console.Error.WriteLineAsync("Usage: bench-certificates [count=100] (1–5000)");
            return 2;
        }
        var count = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100;
        var scopes = app.Services.GetRequiredService<TenantScopeFactory>();
        using var memory = new MemorySampler();

        var setup = Stopwatch.StartNew();
        var (tenant, caseworker) = await CreateMunicipalityAsync(scopes);
        var today = app.Services.GetRequiredService<TimeProvider>().OsloToday();
        var month = new DateOnly(today.Year, today.Month, 1);
        var singles = await EndedParticipantsAsync(scopes, tenant, caseworker, count, month.AddDays(-1));
        await EndedParticipantsAsync(scopes, tenant, caseworker, count, month);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"setup: {2 * count} ended participants in {setup.Elapsed.TotalSeconds:0.0} s"));

        // Warm the browser and the page pool once, as a running app would be.
        var renderer = app.Services.GetRequiredService<PdfRenderer>();
        var cold = Stopwatch.StartNew();
        await using (var scope = scopes.ForTenant(tenant))
        {
            await scope.ServiceProvider.GetRequiredService<CertificateIssuer>().PreviewAsync(singles[0], CertificateKind.Participation, caseworker);
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"first document (browser start included): {cold.ElapsedMilliseconds} ms"));

        // Rendering alone (Razor template to HTML, Chromium to PDF), without the database work around it.
        await using (var scope = scopes.ForTenant(tenant))
        {
            var template = scope.ServiceProvider.GetRequiredService<ICertificateTemplate>();
            var document = SampleDocument();
            var renders = new List<double>(count);
            var templates = new List<double>(count);
            long bytes = 0;
            for (var i = 0; i < count; i++)
            {
                var one = Stopwatch.StartNew();
                var html = await template.RenderAsync(document);
                templates.Add(one.Elapsed.TotalMilliseconds);
                var pdf = await renderer.RenderAsync(html);
                renders.Add(one.Elapsed.TotalMilliseconds);
                bytes += pdf.Length;
            }
            renders.Sort();
            templates.Sort();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"render only ({count}, template + Chromium): median {Percentile(renders, 0.5):0} ms, p95 {Percentile(renders, 0.95):0} ms " +
                $"(of which the Razor template median {Percentile(templates, 0.5):0.0} ms), average PDF {bytes / count / 1024.0:0} KiB"));
        }

        var times = new List<double>(count);
        var all = Stopwatch.StartNew();
        foreach (var participant in singles)
        {
            await using var scope = scopes.ForTenant(tenant);
            var issuer = scope.ServiceProvider.GetRequiredService<CertificateIssuer>();
            var one = Stopwatch.StartNew();
            var result = await issuer.IssueAsync(participant, CertificateKind.Participation, caseworker);
            times.Add(one.Elapsed.TotalMilliseconds);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException("Issuing failed: " + string.Join(", ", result.Errors.Select(e => e.Code)));
            }
        }
        times.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"issue one by one ({count}, warm browser): median {Percentile(times, 0.5):0} ms, p95 {Percentile(times, 0.95):0} ms, " +
            $"max {times[^1]:0} ms, total {all.Elapsed.TotalSeconds:0.0} s"));

        Guid batchId;
        await using (var scope = scopes.ForTenant(tenant))
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var batch = new CertificateBatch { Id = Guid.CreateVersion7(), Month = month, RequestedBy = caseworker, RequestedAt = DateTimeOffset.UtcNow };
            db.CertificateBatches.Add(batch);
            await db.SaveChangesAsync();
            batchId = batch.Id;
        }
        var batchWatch = Stopwatch.StartNew();
        await app.Services.GetRequiredService<CertificateBatchRunner>().RunAsync(tenant, batchId);
        await using (var scope = scopes.ForTenant(tenant))
        {
            var done = await scope.ServiceProvider.GetRequiredService<AppDbContext>().CertificateBatches.AsNoTracking().SingleAsync(b => b.Id == batchId);
            var sequences = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Certificates.AsNoTracking().Select(c => c.Sequence).ToListAsync();
            var gapFree = sequences.Order().SequenceEqual(Enumerable.Range(1, sequences.Count));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"batch of {done.Total}: {batchWatch.Elapsed.TotalSeconds:0.0} s ({batchWatch.Elapsed.TotalMilliseconds / Math.Max(1, done.Total):0} ms each), " +
                $"issued {done.Issued}, skipped {done.Skipped}, failed {done.Failed}; numbers 1–{sequences.Count} gap-free: {gapFree}"));
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"peak memory: app process {memory.PeakSelfMiB:0} MiB, with its Chromium and driver {memory.PeakTreeMiB:0} MiB; browser starts {renderer.BrowserStarts}"));
        return 0;
    }

    private static CertificateDocument SampleDocument() => new()
    {
        Kind = CertificateKind.Participation, IsPreview = false, Number = "9999-2026-00001", MunicipalityName = "Ytelsesprøve",
        MunicipalityNumber = "9999", HolderName = "Åsmund Prøvesen", BirthDate = new DateOnly(1990, 5, 17), NationalId = "17859012345",
        IssuedOn = new DateOnly(2026, 1, 8), IssuerName = "Saksbehandler Ytelse", IssuerTitle = "Rådgiver",
        ProgrammeStart = new DateOnly(2024, 1, 8), ProgrammeEnd = new DateOnly(2026, 1, 7), Outcome = ParticipantStatus.Completed,
        NorwegianHours = 612.5m, NorwegianHoursRequired = 550m, SocialStudiesHours = 75m, SocialStudiesHoursRequired = 75m,
        ExtraNorwegianHours = 120m, CareerGuidanceHours = 14m, WorkOrientedHours = 310.25m, EducationOrientedHours = 0m,
        Tests = [new CertificateTest(TestKind.Norwegian, new DateOnly(2025, 6, 2), CefrLevel.B1, CefrLevel.B1, CefrLevel.A2, CefrLevel.B1, null)],
        VerificationUrl = "https://intro.example.no/verify/abcdefghijklmnopqrstuvwxyz234567",
        QrCodeDataUri = CertificateIssuer.QrCodeDataUri("https://intro.example.no/verify/abcdefghijklmnopqrstuvwxyz234567"),
    };

    private static double Percentile(List<double> sorted, double p) => sorted[(int)Math.Clamp(Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    private static async Task<(Guid Tenant, Guid Caseworker)> CreateMunicipalityAsync(TenantScopeFactory scopes)
    {
        Guid tenant;
        await using (var platform = scopes.ForTenant(null))
        {
            var db = platform.ServiceProvider.GetRequiredService<AppDbContext>();
            var taken = await db.Municipalities.Select(m => m.Number).ToListAsync();
            var number = Enumerable.Range(8000, 1000).Select(n => n.ToString(CultureInfo.InvariantCulture)).First(n => !taken.Contains(n));
            var municipality = new Municipality
            {
                Id = Guid.CreateVersion7(), Name = "Ytelsesprøve " + number, Number = number, Slug = "certbench-" + number, CreatedAt = DateTimeOffset.UtcNow,
            };
            db.Municipalities.Add(municipality);
            await db.SaveChangesAsync();
            tenant = municipality.Id;
        }
        await using var scope = scopes.ForTenant(tenant);
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var email = $"saksbehandler-{tenant:N}@bench.introprogram.invalid";
        var user = new AppUser { UserName = email, Email = email, DisplayName = "Saksbehandler Ytelse", Title = "Rådgiver", EmailConfirmed = true };
        var created = await users.CreateAsync(user);
        if (!created.Succeeded || !(await users.AddToRoleAsync(user, Roles.Caseworker)).Succeeded)
        {
            throw new InvalidOperationException("Could not create the benchmark caseworker.");
        }
        return (tenant, user.Id);
    }

    /// <summary>Participants through the real services: registered, some hours and a test, then ended on <paramref name="endedOn"/>.</summary>
    private static async Task<List<Guid>> EndedParticipantsAsync(TenantScopeFactory scopes, Guid tenant, Guid caseworker, int count, DateOnly endedOn)
    {
        var random = new Random(count * 7919 + endedOn.DayNumber);
        var taken = new HashSet<string>();
        var ids = new List<Guid>(count);
        var start = endedOn.AddYears(-2);
        for (var i = 0; i < count; i++)
        {
            await using var scope = scopes.ForTenant(tenant);
            var birth = new DateOnly(1980, 1, 1).AddDays(random.Next(0, 5000));
            var registered = await scope.ServiceProvider.GetRequiredService<ParticipantRegistry>().RegisterAsync(new ParticipantDetails
            {
                GivenName = i % 3 == 0 ? "Åsmund" : i % 3 == 1 ? "سمير" : "Олена",
                FamilyName = "Prøvesen" + i.ToString(CultureInfo.InvariantCulture),
                BirthDate = birth,
                NationalId = SyntheticNationalIds.Create(birth, random, taken),
                Gender = Gender.Unspecified,
                CountryOfOrigin = "SY",
                PreferredLanguage = "nb",
                PermitDate = start.AddDays(-60),
                SettlementDate = start.AddDays(-30),
                ProgrammeStart = start,
            }, Guid.NewGuid(), caseworker);
            var id = registered.Id ?? throw new InvalidOperationException("Registration failed: " + string.Join(", ", registered.Errors.Select(e => e.Code)));
            var ledger = scope.ServiceProvider.GetRequiredService<HourLedger>();
            foreach (var (category, hours, day) in new[] { (HourCategory.Norwegian, 6m, 10), (HourCategory.SocialStudies, 3m, 11), (HourCategory.CareerGuidance, 2m, 12) })
            {
                await ledger.LogAsync(id, new HourEntryInput(start.AddDays(day), category, hours, null), Guid.NewGuid(), caseworker);
            }
            var decisions = scope.ServiceProvider.GetRequiredService<DecisionRecorder>();
            await decisions.RecordTestAsync(id, new TestResultInput { Kind = TestKind.Norwegian, TakenOn = start.AddDays(300), Reading = CefrLevel.B1, Listening = CefrLevel.B1, Writing = CefrLevel.A2, Oral = CefrLevel.B1 }, Guid.NewGuid(), caseworker);
            var ended = await decisions.DecideAsync(id, new DecisionInput
            {
                Kind = DecisionKind.ProgrammeEnd, DecidedOn = endedOn, Reason = "Fullført etter plan.", Outcome = ParticipantStatus.Completed,
            }, Guid.NewGuid(), caseworker);
            if (!ended.Succeeded)
            {
                throw new InvalidOperationException("Ending failed: " + string.Join(", ", ended.Errors.Select(e => e.Code)));
            }
            ids.Add(id);
        }
        return ids;
    }

    /// <summary>Samples resident memory of this process and of everything it started (driver, Chromium), every 100 ms.</summary>
    private sealed class MemorySampler : IDisposable
    {
        private readonly Timer _timer;

        public MemorySampler() => _timer = new Timer(_ => Sample(), null, 0, 100);

        public double PeakSelfMiB { get; private set; }

        public double PeakTreeMiB { get; private set; }

        private void Sample()
        {
            var self = Environment.ProcessId;
            var parents = new Dictionary<int, int>();
            var rss = new Dictionary<int, long>();
            foreach (var dir in Directory.EnumerateDirectories("/proc"))
            {
                if (!int.TryParse(Path.GetFileName(dir), out var pid))
                {
                    continue;
                }
                try
                {
                    var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                    var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                    parents[pid] = int.Parse(fields[1], CultureInfo.InvariantCulture);
                    rss[pid] = long.Parse(fields[21], CultureInfo.InvariantCulture) * Environment.SystemPageSize;
                }
                catch (Exception e) when (e is IOException or FormatException or UnauthorizedAccessException)
                {
                    // the process ended while it was read
                }
            }
            bool InTree(int pid)
            {
                for (var p = pid; p > 1; p = parents.GetValueOrDefault(p))
                {
                    if (p == self)
                    {
                        return true;
                    }
                }
                return false;
            }
            var tree = rss.Where(kv => InTree(kv.Key)).Sum(kv => kv.Value) / 1048576.0;
            var own = rss.GetValueOrDefault(self) / 1048576.0;
            PeakSelfMiB = Math.Max(PeakSelfMiB, own);
            PeakTreeMiB = Math.Max(PeakTreeMiB, tree);
        }

        public void Dispose() => _timer.Dispose();
    }
}
