using IntroProgram.Infrastructure.Data;
using IntroProgram.Infrastructure.Identity;
using IntroProgram.Infrastructure.Tenancy;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IntroProgram.Web.Tests.Support;

public sealed record TestUser(Guid Id, string Email, Guid? TenantId);

/// <summary>Creates records through the app's own services, in the scope of one municipality.</summary>
public static class TestData
{
    public static Task<Guid> MunicipalityIdAsync(this AppFactory app, string number) => app.Services.MunicipalityIdAsync(number);

    public static async Task<TestUser> CreateUserAsync(this AppFactory app, string municipalityNumber, string role,
        string password = TestClient.DemoPassword)
    {
        var tenant = await app.MunicipalityIdAsync(municipalityNumber);
        await using var scope = app.Services.GetRequiredService<TenantScopeFactory>().ForTenant(tenant);
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var email = $"{role}-{Guid.NewGuid():N}@test.introprogram.no";
        var user = new AppUser { UserName = email, Email = email, DisplayName = "Test " + role, EmailConfirmed = true };
        var created = await users.CreateAsync(user, password);
        Assert.True(created.Succeeded, string.Join(", ", created.Errors.Select(e => e.Code)));
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        return new TestUser(user.Id, email, tenant);
    }

    /// <summary>A municipality number (kommunenummer) no municipality in the test database has yet.</summary>
    public static async Task<string> UnusedMunicipalityNumberAsync(this AppFactory app)
    {
        await using var scope = app.Services.GetRequiredService<TenantScopeFactory>().ForTenant(null);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        while (true)
        {
            var number = Random.Shared.Next(1000, 9999).ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (!await db.Municipalities.AnyAsync(m => m.Number == number))
            {
                return number;
            }
        }
    }

    public static async Task<string> CreateMunicipalityAsync(this AppFactory app)
    {
        var number = await app.UnusedMunicipalityNumberAsync();
        await using var scope = app.Services.GetRequiredService<TenantScopeFactory>().ForTenant(null);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.Municipalities.Add(new Domain.Tenancy.Municipality
        {
            Id = Guid.NewGuid(), Name = "Test " + number, Number = number, Slug = "t-" + number,
            RequireTwoFactorForStaff = false, CreatedAt = TestClock.Now,
        });
        await db.SaveChangesAsync();
        return number;
    }

    public static async Task SetMunicipalityActiveAsync(this AppFactory app, string number, bool active)
    {
        await using var scope = app.Services.GetRequiredService<TenantScopeFactory>().ForTenant(null);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var m = await db.Municipalities.SingleAsync(x => x.Number == number);
        m.IsActive = active;
        await db.SaveChangesAsync();
    }

    public static async Task SetTwoFactorRequiredAsync(this AppFactory app, string municipalityNumber, bool required)
    {
        await using var scope = app.Services.GetRequiredService<TenantScopeFactory>().ForTenant(null);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var m = await db.Municipalities.SingleAsync(x => x.Number == municipalityNumber);
        m.RequireTwoFactorForStaff = required;
        await db.SaveChangesAsync();
    }
}
