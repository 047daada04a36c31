using Microsoft.Extensions.DependencyInjection;

namespace IntroProgram.Infrastructure.Tenancy;

/// <summary>Creates DI scopes bound to one municipality (or to none), for jobs, seeding and sign-in.</summary>
public sealed class TenantScopeFactory(IServiceScopeFactory scopes)
{
    public AsyncServiceScope ForTenant(Guid? tenantId)
    {
        var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Use(tenantId);
        return scope;
    }

    public AsyncServiceScope ForLoginLookup(string key)
    {
        var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().UseLoginLookup(key);
        return scope;
    }
}
