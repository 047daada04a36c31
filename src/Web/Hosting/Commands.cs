using IntroProgram.Migrations;
using IntroProgram.Seeds;

namespace IntroProgram.Web.Hosting;

/// <summary>
/// Commands besides serving: `migrate` (as the owner role), `seed-demo`, `demo-logins`, `demo-tour`. A deployment runs `migrate`
/// once, or sets Database__MigrateOnStart=true on nodes that may start together (they serialise on a lock).
/// </summary>
public static class Commands
{
    public static readonly string[] Names = ["migrate", "seed-demo", "demo-logins", "demo-tour", "create-operator", "demo-idp"];

    public static async Task<int> RunAsync(string[] args, WebApplication app)
    {
        switch (args[0])
        {
            case "demo-idp": return await DemoIdentityProvider.RunAsync(args, app);
            case "create-operator":
                return await CreateOperatorAsync(args, app);
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
            case "demo-tour":
                foreach (var line in DemoTour)
                {
                    Console.WriteLine(line);
                }
                return 0;
            default:
                return 2;
        }
    }

    /// <summary>One line per role: where a newcomer signed in as the demo user sees the product work.</summary>
    public static readonly string[] DemoTour =
    [
        "coordinator   /              risk flags grouped by rule (pace, absence, no hours lately) and this week's class sessions",
        "caseworker    /              the queue: certificates to issue now, programmes ending within 60 days, leave ending, plan reviews overdue",
        "tenant admin  /              pending invitations and staff without two-factor; the audit log at /admin/audit",
        "participant   /me            own progress on a phone, in Arabic (Bergen) or Ukrainian (Tromsø)",
        "operator      /platform/overview   municipalities and usage counts, never participant data",
        "all staff     /reports       the dashboard: who reached 550/50 within the deadline, who is at risk",
    ];

    /// <summary>
    /// The first platform operator of a new installation: `create-operator EMAIL NAME` prints a one-time link to set a
    /// password. Nothing secret is passed on the command line.
    /// </summary>
    private static async Task<int> CreateOperatorAsync(string[] args, WebApplication app)
    {
        if (args.Length < 3)
        {
            Console.Error.WriteLine("Usage: create-operator EMAIL \"FULL NAME\"");
            return 2;
        }
        await app.Services.GetRequiredService<DemoSeeder>().EnsureRolesAsync();
        await using var scope = app.Services.GetRequiredService<Infrastructure.Tenancy.TenantScopeFactory>().ForTenant(null);
        var result = await scope.ServiceProvider.GetRequiredService<Identity.Invitations>().InviteAsync(
            new Identity.InvitationRequest(args[1], args[2], null, [Infrastructure.Identity.Roles.PlatformOperator], "nb"));
        if (!result.Succeeded)
        {
            Console.Error.WriteLine(string.Join(Environment.NewLine, result.Errors));
            return 1;
        }
        Console.WriteLine("Operator created. Open this link once to set the password:");
        Console.WriteLine(result.Link);
        return 0;
    }

    public static Task MigrateAsync(IConfiguration configuration) =>
        DatabaseMigrator.MigrateAsync(
            configuration.GetConnectionString("Owner") ?? throw new InvalidOperationException("ConnectionStrings:Owner is not set."),
            configuration.GetConnectionString("App") ?? throw new InvalidOperationException("ConnectionStrings:App is not set."));
}
