using IntroProgram.Migrations;
using IntroProgram.Seeds;

namespace IntroProgram.Web.Hosting;

/// <summary>
/// Commands besides serving: `migrate` (as the owner role), `seed-demo`, `demo-logins`. A deployment runs `migrate`
/// once, or sets Database__MigrateOnStart=true on nodes that may start together (they serialise on a lock).
/// </summary>
public static class Commands
{
    public static readonly string[] Names = ["migrate", "seed-demo", "demo-logins"];

    public static async Task<int> RunAsync(string command, WebApplication app)
    {
        switch (command)
        {
            case "migrate":
                await MigrateAsync(app.Configuration);
                Console.WriteLine("Database migrated.");
                return 0;
            case "seed-demo":
                if (app.Environment.IsProduction())
                {
                    Console.Error.WriteLine("Refusing to load demo data in Production.");
                    return 1;
                }
                var seeded = await app.Services.GetRequiredService<DemoSeeder>().SeedAsync();
                Console.WriteLine(seeded ? "Demo data loaded." : "Demo data already present; nothing changed.");
                return 0;
            case "demo-logins":
                var data = DemoData.Load();
                Console.WriteLine($"{"platform operator",-22} {data.Operator.Email}");
                foreach (var m in data.Municipalities)
                {
                    foreach (var u in m.Users)
                    {
                        Console.WriteLine($"{m.Name + " " + string.Join("+", u.Roles),-22} {u.Email}");
                    }
                }
                return 0;
            default:
                return 2;
        }
    }

    public static Task MigrateAsync(IConfiguration configuration) =>
        DatabaseMigrator.MigrateAsync(
            configuration.GetConnectionString("Owner") ?? throw new InvalidOperationException("ConnectionStrings:Owner is not set."),
            configuration.GetConnectionString("App") ?? throw new InvalidOperationException("ConnectionStrings:App is not set."));
}
