using System.Diagnostics;
using System.Text.Json;
using IntroProgram.Domain.Risk;
using IntroProgram.Domain.Tenancy;
using IntroProgram.Infrastructure.Data;
using IntroProgram.Infrastructure.Identity;
using IntroProgram.Infrastructure.Risk;
using IntroProgram.Infrastructure.Tenancy;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace IntroProgram.Seeds;

public sealed record DemoUser(string Email, string Name, string? Title, string[] Roles, string? Language);
/// <param name="Participants">How many demo participants the municipality gets (with a year of history); its number seeds the randomness.</param>
public sealed record DemoMunicipality(string Name, string Number, string Slug, bool RequireTwoFactorForStaff, DemoUser[] Users, int Participants = 0);
public sealed record DemoOperator(string Email, string Name);
public sealed record DemoData(string Password, DemoOperator Operator, DemoMunicipality[] Municipalities)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static DemoData Load()
    {
        using var stream = typeof(DemoData).Assembly.GetManifestResourceStream("IntroProgram.Seeds.demo.json")!;
        return JsonSerializer.Deserialize<DemoData>(stream, Json)!;
    }
}

/// <summary>
/// Loads the readable demo data set (seeds/demo.json) through the app's own services, under the same
/// row-level security as requests: the municipalities and their staff, then in each municipality its participants with
/// decisions, test results and a year of hours (<see cref="DemoProgrammePlan"/>), and runs the risk evaluation over
/// them once. Runs once: a database that already has the demo municipalities keeps them, and a municipality that
/// already has participants gets none.
/// </summary>
public sealed class DemoSeeder(IServiceProvider services, TenantScopeFactory scopes, TimeProvider clock, ILogger<DemoSeeder> log)
{
    /// <summary>The node name the seed's risk evaluation is recorded with.</summary>
    public const string DemoNode = "demo-seed";

    public async Task<bool> SeedAsync(CancellationToken ct = default)
    {
        // Several processes may start at once (app nodes, test hosts): one seeds, the others wait and find it done.
        await using var gate = await services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync(ct);
        await using (var take = new NpgsqlCommand("SELECT pg_advisory_lock(7461001)", gate))
        {
            await take.ExecuteNonQueryAsync(ct);
        }
        try
        {
            return await SeedOnceAsync(ct);
        }
        finally
        {
            await using var release = new NpgsqlCommand("SELECT pg_advisory_unlock(7461001)", gate);
            await release.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    private async Task<bool> SeedOnceAsync(CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var data = DemoData.Load();
        await EnsureRolesAsync();

        var seeded = false;
        var password = new DemoPassword(data.Password);
        Dictionary<string, Guid> municipalities;
        await using (var scope = scopes.ForTenant(null))
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var numbers = data.Municipalities.Select(m => m.Number).ToArray();
            municipalities = await db.Municipalities.Where(m => numbers.Contains(m.Number)).ToDictionaryAsync(m => m.Number, m => m.Id, ct);
            if (municipalities.Count == 0)
            {
                await CreateUserAsync(scope.ServiceProvider, new DemoUser(data.Operator.Email, data.Operator.Name, null,
                    [Roles.PlatformOperator], "nb"), password);
            }
        }

        if (municipalities.Count == 0)
        {
            foreach (var m in data.Municipalities)
            {
                municipalities[m.Number] = await CreateMunicipalityAsync(m, password, ct);
            }
            seeded = true;
        }

        // The municipalities are independent: each gets its programme history at the same time as the other.
        var programme = new DemoProgrammeSeeder(scopes, clock);
        var reports = await Task.WhenAll(data.Municipalities
            .Where(m => m.Participants > 0 && municipalities.ContainsKey(m.Number))
            .Select(async m => (Municipality: m, Report: await programme.SeedAsync(municipalities[m.Number], m, ct))));
        var written = DemoProgrammeReport.Empty;
        foreach (var (m, report) in reports.Where(r => r.Report is not null))
        {
            log.LogInformation("Demo programme for {Municipality}: {Participants} participants, {Decisions} decisions, {Tests} test results, " +
                "{Entries} hour entries ({Voided} voided), {Absences} absence entries, {Sessions} class sessions.",
                m.Name, report!.Participants, report.Decisions, report.TestResults, report.HourEntries, report.VoidedEntries,
                report.AbsenceEntries, report.ClassSessions);
            written = written.Add(report);
            seeded = true;
        }
        // The nightly evaluation would raise the pace, absence and silence flags tomorrow; the demo shows them at once.
        foreach (var (m, _) in reports.Where(r => r.Report is not null))
        {
            var run = await services.GetRequiredService<RiskEvaluationRunner>()
                .RunAsync(municipalities[m.Number], RunTrigger.OnDemand, DemoNode, ct: ct);
            log.LogInformation("Risk evaluation of the demo in {Municipality}: {Participants} participants evaluated, {Raised} flags raised.",
                m.Name, run.ParticipantsEvaluated, run.FlagsRaised);
        }
        if (seeded)
        {
            log.LogInformation("Demo data seeded in {ElapsedMs} ms: {Participants} participants, {Entries} hour entries, {Absences} absence entries.",
                (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds, written.Participants, written.HourEntries, written.AbsenceEntries);
        }
        return seeded;
    }

    private async Task<Guid> CreateMunicipalityAsync(DemoMunicipality m, DemoPassword password, CancellationToken ct)
    {
        var municipality = new Municipality
        {
            Id = Guid.NewGuid(), Name = m.Name, Number = m.Number, Slug = m.Slug,
            RequireTwoFactorForStaff = m.RequireTwoFactorForStaff, CreatedAt = clock.GetUtcNow(),
        };
        await using (var scope = scopes.ForTenant(null))
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            db.Municipalities.Add(municipality);
            await db.SaveChangesAsync(ct);
        }
        await using (var scope = scopes.ForTenant(municipality.Id))
        {
            foreach (var u in m.Users)
            {
                await CreateUserAsync(scope.ServiceProvider, u, password);
            }
        }
        return municipality.Id;
    }

    /// <summary>The fixed roles; every database needs them, demo or not.</summary>
    public async Task EnsureRolesAsync()
    {
        await using var scope = services.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<AppRole>>();
        foreach (var name in Roles.All)
        {
            if (!await roles.RoleExistsAsync(name))
            {
                Check(await roles.CreateAsync(new AppRole(name)));
            }
        }
    }

    private async Task CreateUserAsync(IServiceProvider sp, DemoUser u, DemoPassword password)
    {
        var users = sp.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser
        {
            UserName = u.Email, Email = u.Email, EmailConfirmed = true, DisplayName = u.Name, Title = u.Title,
            PreferredLanguage = u.Language ?? "nb", CreatedAt = clock.GetUtcNow(), InvitationAcceptedAt = clock.GetUtcNow(),
        };
        if (password.Hash is null)
        {
            Check(await users.CreateAsync(user, password.Plain));
            password.Hash = user.PasswordHash;
        }
        else
        {
            // Every demo user has the same password: one deliberately slow hash serves them all (salted once, still
            // verified normally), which keeps start-up and every test run fast.
            user.PasswordHash = password.Hash;
            Check(await users.CreateAsync(user));
        }
        Check(await users.AddToRolesAsync(user, u.Roles));
    }

    private sealed class DemoPassword(string plain)
    {
        public string Plain { get; } = plain;
        public string? Hash { get; set; }
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Demo seeding failed: " +
                string.Join("; ", result.Errors.Select(e => e.Code)));
        }
    }
}
