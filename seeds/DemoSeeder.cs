using System.Text.Json;
using IntroProgram.Domain.Tenancy;
using IntroProgram.Infrastructure.Data;
using IntroProgram.Infrastructure.Identity;
using IntroProgram.Infrastructure.Tenancy;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace IntroProgram.Seeds;

public sealed record DemoUser(string Email, string Name, string? Title, string[] Roles, string? Language);
public sealed record DemoMunicipality(string Name, string Number, string Slug, bool RequireTwoFactorForStaff, DemoUser[] Users);
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
/// row-level security as requests. Runs once: a database that already has the demo municipalities is left alone.
/// </summary>
public sealed class DemoSeeder(IServiceProvider services, TenantScopeFactory scopes, TimeProvider clock)
{
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
        var data = DemoData.Load();
        await EnsureRolesAsync();

        await using (var scope = scopes.ForTenant(null))
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var numbers = data.Municipalities.Select(m => m.Number).ToArray();
            if (await db.Municipalities.AnyAsync(m => numbers.Contains(m.Number), ct))
            {
                return false;
            }
            await CreateUserAsync(scope.ServiceProvider, new DemoUser(data.Operator.Email, data.Operator.Name, null,
                [Roles.PlatformOperator], "nb"), data.Password);
        }

        foreach (var m in data.Municipalities)
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
                    await CreateUserAsync(scope.ServiceProvider, u, data.Password);
                }
            }
        }
        return true;
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

    private async Task CreateUserAsync(IServiceProvider sp, DemoUser u, string password)
    {
        var users = sp.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser
        {
            UserName = u.Email, Email = u.Email, EmailConfirmed = true, DisplayName = u.Name, Title = u.Title,
            PreferredLanguage = u.Language ?? "nb", CreatedAt = clock.GetUtcNow(), InvitationAcceptedAt = clock.GetUtcNow(),
        };
        Check(await users.CreateAsync(user, password));
        Check(await users.AddToRolesAsync(user, u.Roles));
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
