using Microsoft.Extensions.DependencyInjection;

namespace IntroProgram.Infrastructure.Tenancy;

/// <summary>Creates DI scopes bound to one municipality (or to none: a platform scope), for jobs, seeding and commands.</summary>
public sealed class TenantScopeFactory(IServiceScopeFactory scopes)
{
    public AsyncServiceScope ForTenant(Guid? tenantId)
    {
        var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Use(tenantId);
        return scope;
    }

}
