using System.Text.Json;
using IntroProgram.Domain.Tenancy;
using IntroProgram.Infrastructure.Data;
using IntroProgram.Infrastructure.Participants;
using IntroProgram.Infrastructure.Tenancy;
using IntroProgram.Seeds;
using IntroProgram.Web.Identity;
using Microsoft.EntityFrameworkCore;

namespace IntroProgram.Web.Hosting;

/// <summary>
/// `demo-idp CONFIG_FILE IDP_URL APP_URL`: the demo's local OpenID provider (tools/test-idp). Writes its configuration
/// (an "idporten" issuer, one staff issuer per demo municipality, the demo people to pick from) and points the demo
/// municipalities' staff sign-in at it. Development only: the people are the demo's synthetic participants.
/// </summary>
public static class DemoIdentityProvider
{
    /// <summary>The demo's client secret for the local provider; it protects nothing real.</summary>
    public const string DemoSecret = "demo-only-client-secret-of-the-local-provider";
    public const string IdPortenClientId = "introprogram-demo";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static async Task<int> RunAsync(string[] args, WebApplication app)
    {
        if (app.Environment.IsProduction() || args.Length < 4)
        {
            Console.Error.WriteLine(app.Environment.IsProduction() ? "Refusing to configure the demo provider in Production." : "Usage: demo-idp CONFIG_FILE IDP_URL APP_URL");
            return 2;
        }
        var (file, idp, appUrl) = (args[1], args[2].TrimEnd('/'), args[3].TrimEnd('/'));
        var demo = DemoData.Load();
        var scopes = app.Services.GetRequiredService<TenantScopeFactory>();
        var people = new List<object>();
        var issuers = new List<object>
        {
            new
            {
                name = "idporten", kind = "idporten", title = "ID-porten (lokal)",
                clients = new object[]
                {
                    new
                    {
                        client_id = IdPortenClientId, client_secret = DemoSecret,
                        redirect_uris = new[] { appUrl + FederatedSignIn.IdPortenCallbackPath },
                        post_logout_redirect_uris = new[] { appUrl + "/signout-callback-idporten" },
                        frontchannel_logout_uri = appUrl + FederatedSignIn.IdPortenFrontChannelLogoutPath,
                    },
                },
            },
        };
        foreach (var m in demo.Municipalities)
        {
            Guid tenant;
            await using (var platform = scopes.ForTenant(null))
            {
                tenant = await platform.ServiceProvider.GetRequiredService<AppDbContext>().Municipalities
                    .Where(x => x.Number == m.Number).Select(x => x.Id).SingleAsync();
            }
            await using var scope = scopes.ForTenant(tenant);
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var nationalIds = scope.ServiceProvider.GetRequiredService<NationalIdProtector>();
            // The demo participant with an account first, then a few more of the municipality's participants.
            var picked = await db.Participants.AsNoTracking().OrderBy(p => p.UserId == null).ThenBy(p => p.FamilyName).Take(3)
                .Select(p => new { p.GivenName, p.FamilyName, p.NationalIdProtected }).ToListAsync();
            people.AddRange(picked.Select(p => new
            {
                pid = nationalIds.Unprotect(p.NationalIdProtected), name = p.GivenName + " " + p.FamilyName, label = "deltaker i " + m.Name,
            }));
            var slug = m.Slug;
            issuers.Add(new
            {
                name = slug, kind = "staff", title = m.Name + " kommune",
                users = m.Users.Where(u => !u.Roles.Contains(Infrastructure.Identity.Roles.Participant)).Select(u => u.Email).ToArray(),
                clients = new object[]
                {
                    new
                    {
                        client_id = "introprogram-" + slug, client_secret = DemoSecret,
                        redirect_uris = new[] { appUrl + FederatedSignIn.StaffCallbackPrefix + m.Number },
                    },
                },
            });
            var row = await db.StaffSignInProviders.SingleOrDefaultAsync();
            if (row is null)
            {
                row = new StaffSignInProvider();
                db.StaffSignInProviders.Add(row);
            }
            row.Authority = $"{idp}/{slug}";
            row.ClientId = "introprogram-" + slug;
            row.ClientSecretProtected = scope.ServiceProvider.GetRequiredService<StaffProviderSecrets>().Protect(DemoSecret);
            row.EmailClaim = "email";
            row.PasswordSignInAllowed = true;
            row.UpdatedAt = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow();
            await db.SaveChangesAsync();
        }
        // A person no municipality has registered (a synthetic number), to see the "we could not find you" page.
        await using (var lookup = scopes.ForTenant(null))
        {
            var protector = lookup.ServiceProvider.GetRequiredService<NationalIdProtector>();
            var finder = lookup.ServiceProvider.GetRequiredService<ParticipantHomeFinder>();
            foreach (var candidate in (string[])["01817512484", "01817512565", "01817512646", "01817512727"])
            {
                if (protector.TryParse(candidate, out var id, out _) && id is not null && (await finder.FindAsync(id)).Count == 0)
                {
                    people.Add(new { pid = candidate, name = "Ukjent person", label = "ikke deltaker noe sted" });
                    break;
                }
            }
        }
        var uri = new Uri(idp);
        var config = new { host = uri.Host, port = uri.Port, issuers, people };
        await File.WriteAllTextAsync(file, JsonSerializer.Serialize(config, Indented));
        Console.WriteLine($"Local OpenID provider configured: {file}");
        return 0;
    }
}
