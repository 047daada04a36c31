using Microsoft.Extensions.DependencyInjection;

namespace IntroProgram.Infrastructure.Reporting;

public static class ReportingServices
{
    /// <summary>The dashboard, exports, benefit basis and the operator's overview: plain scoped readers.</summary>
    public static IServiceCollection AddReporting(this IServiceCollection services)
    {
        services.AddScoped<DashboardReader>();
        services.AddScoped<ReportExports>();
        services.AddScoped<BaseAmounts>();
        services.AddScoped<BenefitBasis>();
        services.AddScoped<OperatorOverview>();
        return services;
    }
}
