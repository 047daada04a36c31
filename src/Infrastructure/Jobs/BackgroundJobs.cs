using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using IntroProgram.Domain.Programme;
using IntroProgram.Infrastructure.Certificates;
using IntroProgram.Infrastructure.Risk;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IntroProgram.Infrastructure.Jobs;

/// <summary>
/// Hangfire on our PostgreSQL. Every node may run a server; the storage hands each queued job to one worker, and a
/// recurring job's occurrence is created once under Hangfire's distributed lock. The storage and the job activator
/// are this app's own instances (not Hangfire's process-wide ones), so two apps in one process — the test host —
/// never share a database by accident.
/// </summary>
public static class BackgroundJobs
{
    /// <summary>Hangfire's tables live in their own schema, created by <c>migrate</c> as the owner.</summary>
    public const string Schema = "hangfire";

    public static PostgreSqlStorageOptions StorageOptions(JobOptions options) => new()
    {
        SchemaName = Schema,
        // The app role may not create tables: the schema is installed by the migrate command.
        PrepareSchemaIfNecessary = false,
        // Sliding: the running node renews its hold on the job, so a short timeout hands a dead node's job over
        // quickly and never restarts one that is still running (measured: see docs/decisions/0004).
        UseSlidingInvisibilityTimeout = true,
        InvisibilityTimeout = options.InvisibilityTimeout,
        QueuePollInterval = options.QueuePollInterval,
    };

    /// <summary>The storage every node uses (the app, and the cluster test's nodes).</summary>
    public static JobStorage CreateStorage(string connectionString, JobOptions options) =>
        new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, StorageOptions(options)), StorageOptions(options));

    /// <summary>
    /// Hangfire's process-wide settings: the same for every app and node, so it does not matter which sets them
    /// first. Storage and job activator are never set here (see the class summary).
    /// </summary>
    public static IGlobalConfiguration ConfigureProcessWide(IGlobalConfiguration configuration) => configuration
        .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
        .UseSimpleAssemblyNameTypeSerializer()
        .UseRecommendedSerializerSettings();

    public static IServiceCollection AddBackgroundJobs(this IServiceCollection services, IConfiguration configuration, string appConnectionString)
    {
        var options = configuration.GetSection("Jobs").Get<JobOptions>() ?? new JobOptions();
        services.Configure<JobOptions>(configuration.GetSection("Jobs"));
        services.AddSingleton(_ => CreateStorage(appConnectionString, options));
        services.AddSingleton<JobActivator>(sp => new AspNetCoreJobActivator(sp.GetRequiredService<Microsoft.Extensions.DependencyInjection.IServiceScopeFactory>()));
        services.AddHangfire((sp, c) => ConfigureProcessWide(c).UseLogProvider(new HangfireLogProvider(sp.GetRequiredService<ILoggerFactory>())));

        services.AddScoped<JobRequests>();
        services.AddSingleton<JobRequestStore>();
        services.AddScoped<JobRequestSweep>();
        services.AddScoped<RiskEvaluator>();
        services.AddSingleton<RiskEvaluationRunner>();
        services.AddScoped<RiskEvaluationJobs>();
        services.AddScoped<CertificateBatchJob>();

        if (options.RunScheduler)
        {
            services.AddHangfireServer((_, server) =>
            {
                server.WorkerCount = options.WorkerCount;
                server.SchedulePollingInterval = options.SchedulePollingInterval;
                server.HeartbeatInterval = options.HeartbeatInterval;
                server.ServerName = Environment.MachineName + "-" + Environment.ProcessId;
            });
            services.AddHostedService<RecurringJobRegistration>();
        }
        return services;
    }
}

/// <summary>
/// Declares the recurring jobs when a server starts. Declaring again with the same schedule changes nothing stored,
/// so nodes starting together agree; a changed cron expression in settings takes effect on the next start.
/// </summary>
internal sealed class RecurringJobRegistration(IRecurringJobManager recurring, IOptions<JobOptions> options) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        // A night missed while every node was down runs once when one comes back (Relaxed), not once per missed night.
        var oslo = new RecurringJobOptions { TimeZone = OsloTime.Zone, MisfireHandling = MisfireHandlingMode.Relaxed };
        recurring.AddOrUpdate<RiskEvaluationJobs>(RiskEvaluationJobs.NightlyJobId, j => j.NightlyAsync(null!, CancellationToken.None),
            options.Value.RiskEvaluationCron, oslo);
        recurring.AddOrUpdate<JobRequestSweep>(JobRequestSweep.RecurringJobId, j => j.RunAsync(CancellationToken.None),
            options.Value.SweepCron, new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc, MisfireHandling = MisfireHandlingMode.Ignorable });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
