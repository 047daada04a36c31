using IntroProgram.Domain.Programme;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace IntroProgram.Infrastructure.Risk;

public sealed class JobOptions
{
    /// <summary>Run the Quartz scheduler in this process. Every node may; the cluster makes each fire happen once.</summary>
    public bool RunScheduler { get; set; } = true;

    /// <summary>Cron expression (Quartz syntax, Europe/Oslo) of the nightly risk evaluation.</summary>
    public string RiskEvaluationCron { get; set; } = "0 0 2 * * ?";

    /// <summary>How often a node tells the cluster it is alive; a node silent for longer than this plus the threshold is taken over.</summary>
    public TimeSpan ClusterCheckinInterval { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan ClusterCheckinMisfireThreshold { get; set; } = TimeSpan.FromSeconds(15);
}

public static class RiskScheduling
{
    public const string SchedulerName = "IntroProgram";

    /// <summary>
    /// Quartz on our PostgreSQL, clustered: every node runs a scheduler, the database decides which node fires each
    /// trigger, and a surviving node recovers the jobs of one that died. Jobs are declared in code, so
    /// <see cref="SchedulingOptions.IgnoreDuplicates"/> keeps starting nodes from rewriting the stored triggers.
    /// </summary>
    /// <summary>The one store configuration every node uses (the app, and the cluster test's nodes).</summary>
    public static void UseClusteredStore(IPersistentStoreBuilder store, string connectionString, JobOptions options)
    {
        store.UsePostgres(connectionString);
        store.UseSystemTextJsonSerializer();
        store.UseClustering(c =>
        {
            c.CheckinInterval = options.ClusterCheckinInterval;
            c.CheckinMisfireThreshold = options.ClusterCheckinMisfireThreshold;
        });
        store.ConfigureStore(s => s.TablePrefix = QuartzSchema.TablePrefix);
    }

    public static IServiceCollection AddRiskEvaluationJobs(this IServiceCollection services, IConfiguration configuration, string appConnectionString)
    {
        var options = configuration.GetSection("Jobs").Get<JobOptions>() ?? new JobOptions();
        services.AddScoped<RiskEvaluator>();
        services.AddSingleton<RiskEvaluationRunner>();
        services.AddSingleton<RiskEvaluationRequests>();
        services.Configure<QuartzOptions>(o =>
        {
            o.Scheduling.IgnoreDuplicates = true;
            o.Scheduling.OverwriteExistingData = false;
        });
        services.AddQuartz(q =>
        {
            q.ConfigureScheduler(s =>
            {
                s.InstanceName = SchedulerName;
                s.GenerateInstanceId = true;
            });
            q.UseDefaultThreadPool(2);
            q.UsePersistentStore(store => UseClusteredStore(store, appConnectionString, options));
            q.AddJob<RiskEvaluationJob>(j => j.WithIdentity(RiskEvaluationJob.Key).StoreDurably().RequestRecovery());
            q.AddJob<Certificates.CertificateBatchJob>(j => j.WithIdentity(Certificates.CertificateBatchJob.Key).StoreDurably().RequestRecovery());
            // A night missed while every node was down runs once when one comes back (FireAndProceed), not once per
            // missed night; the evaluation is idempotent, so a recovered run repeating work is harmless.
            q.AddTrigger<RiskEvaluationJob>(t => t
                .WithIdentity(RiskEvaluationJob.NightlyTrigger)
                .ForJob(RiskEvaluationJob.Key)
                .WithSchedule(CronScheduleBuilder.Create(options.RiskEvaluationCron)
                    .InTimeZone(OsloTime.Zone)
                    .WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed)));
        });
        if (options.RunScheduler)
        {
            services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        }
        return services;
    }
}
