using IntroProgram.Infrastructure.Time;
using IntroProgram.Infrastructure.Auditing;
using IntroProgram.Infrastructure.Certificates;
using IntroProgram.Infrastructure.Pdf;
using IntroProgram.Domain.Programme;
using IntroProgram.Infrastructure.Data;
using IntroProgram.Infrastructure.Decisions;
using IntroProgram.Infrastructure.Ledger;
using IntroProgram.Infrastructure.Participants;
using IntroProgram.Infrastructure.Jobs;
using IntroProgram.Infrastructure.Plans;
using IntroProgram.Infrastructure.Reporting;
using IntroProgram.Infrastructure.Mail;
using IntroProgram.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace IntroProgram.Infrastructure;

public static class DependencyInjection
{
    public const string MigrationsAssembly = "IntroProgram.Migrations";

    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var isProduction = environment.IsProduction();
        var appConnection = WithSessionDefaults(configuration.GetConnectionString("App")
            ?? throw new InvalidOperationException("ConnectionStrings:App is not set."));

        services.AddHttpContextAccessor();
        services.AddSingleton(AppClock.FromConfiguration(configuration, isProduction));
        services.AddScoped<TenantContext>();
        services.AddScoped<ITenantContext>(sp => sp.GetRequiredService<TenantContext>());
        services.AddSingleton<TenantScopeFactory>();
        services.AddSingleton<TenantConnectionInterceptor>();

        services.AddSingleton(_ => new NpgsqlDataSourceBuilder(appConnection).Build());
        services.AddDbContext<AppDbContext>((sp, options) => ConfigureDbContext(options, appConnection)
            .AddInterceptors(sp.GetRequiredService<TenantConnectionInterceptor>()));

        services.AddScoped<AuditLog>();
        services.AddSingleton(RuleSetCatalog.Standard);
        services.AddOptions<ParticipantDataOptions>().Bind(configuration.GetSection("ParticipantData"))
            .Validate(o => o.NationalIdLookupKey.Length >= 32, "ParticipantData:NationalIdLookupKey must be set to a secret of at least 32 characters.")
            .ValidateOnStart();
        services.AddSingleton<NationalIdProtector>();
        services.AddScoped<ParticipantHomeFinder>();
        services.AddScoped<FormTokens>();
        services.AddScoped<ParticipantRegistry>();
        services.AddScoped<ParticipantProgressReader>();
        services.AddScoped<HourLedger>();
        services.AddScoped<HourImport>();
        services.AddScoped<TotalsReconciliation>();
        services.AddScoped<DecisionRecorder>();
        services.AddBackgroundJobs(configuration, appConnection);
        services.AddScoped<CompetenceMappingRecorder>();
        services.AddScoped<IndividualPlanRecorder>();
        services.Configure<OutboxOptions>(configuration.GetSection("Outbox"));
        services.AddSingleton<IOutbox, FolderOutbox>();
        services.Configure<PdfOptions>(configuration.GetSection("Pdf"));
        services.AddSingleton<PdfRenderer>();
        services.AddSingleton<IPdfRenderer>(sp => sp.GetRequiredService<PdfRenderer>());
        // Outside Development and Testing the app refuses to start without it (see PublicAddress.cs).
        services.AddOptions<PublicAddressOptions>()
            .Configure(o => o.BaseUrl = PublicAddressOptions.Resolve(configuration, environment))
            .Validate(o => PublicAddressOptions.IsUsable(o.BaseUrl), PublicAddressOptions.Missing)
            .ValidateOnStart();
        services.AddScoped<CertificateIssuer>();
        services.AddScoped<CertificateVerifier>();
        services.AddScoped<CertificateBatchRequests>();
        services.AddSingleton<CertificateBatchRunner>();
        services.AddReporting();
        return services;
    }

    /// <summary>
    /// Session settings for the app's short statements, each unless the connection string sets it itself:
    /// <list type="bullet">
    /// <item>PostgreSQL's JIT compiler off: it starts on any statement the planner guesses to be expensive, and for the
    /// dashboard's and reports' queries, which run for well under a second, compiling cost 50–450 ms more than it saved;</item>
    /// <item>no parallel workers per statement: starting one cost the participant list 40–60 ms on a busy two-core
    /// machine for a sort of a few thousand rows; with many users at once, each statement on one core serves more of
    /// them (docs/performance.md).</item>
    /// </list>
    /// </summary>
    public static string WithSessionDefaults(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var options = builder.Options ?? "";
        foreach (var (name, value) in new[] { ("jit", "off"), ("max_parallel_workers_per_gather", "0") })
        {
            if (!options.Contains(name, StringComparison.OrdinalIgnoreCase))
            {
                options = (options.Length == 0 ? "" : options + " ") + $"-c {name}={value}";
            }
        }
        builder.Options = options;
        return builder.ConnectionString;
    }

    public static DbContextOptionsBuilder ConfigureDbContext(DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString, npgsql => npgsql.MigrationsAssembly(MigrationsAssembly))
            .UseSnakeCaseNamingConvention();
}
