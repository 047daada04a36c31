using IntroProgram.Infrastructure.Data;
using IntroProgram.Infrastructure.Tenancy;
using Microsoft.Extensions.DependencyInjection;

namespace IntroProgram.Web.Tests.Support;

public static class TenantScope
{
    /// <summary>Runs a query in the municipality's scope, as the app would: row-level security sees that municipality only.</summary>
    public static async Task<T> InTenantAsync<T>(this AppFactory app, Guid tenantId, Func<AppDbContext, Task<T>> query)
    {
        await using var scope = app.Services.GetRequiredService<TenantScopeFactory>().ForTenant(tenantId);
        return await query(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }
}
