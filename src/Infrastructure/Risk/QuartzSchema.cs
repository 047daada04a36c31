namespace IntroProgram.Infrastructure.Risk;

/// <summary>
/// Quartz's own PostgreSQL schema script, shipped inside Quartz.dll. Migrations run it as the owning role (the app
/// role may not create tables); every statement creates only what is missing, so running it again after a Quartz
/// upgrade adds what the new version needs.
/// </summary>
public static class QuartzSchema
{
    public const string TablePrefix = "qrtz_";

    public static string Sql()
    {
        using var stream = typeof(Quartz.IJob).Assembly.GetManifestResourceStream("Quartz.Impl.AdoJobStore.Schema.create_postgres.sql")
            ?? throw new InvalidOperationException("Quartz's PostgreSQL schema script was not found in Quartz.dll.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Replace("{0}", TablePrefix, StringComparison.Ordinal).Replace("{1}", TablePrefix, StringComparison.Ordinal);
    }
}
