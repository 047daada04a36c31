using IntroProgram.Browser.Tests.Support;
using IntroProgram.Domain.Tenancy;
using IntroProgram.Infrastructure.Data;
using IntroProgram.Infrastructure.Identity;
using IntroProgram.Infrastructure.Tenancy;
using IntroProgram.Web.Identity;
using IntroProgram.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace IntroProgram.Browser.Tests;

/// <summary>
/// Both ways of signing in, in real Chromium against the local OpenID provider (tools/test-idp): a participant with
/// "Logg inn med ID-porten", a staff member through their municipality's own provider, and a person no municipality
/// knows.
/// </summary>
[Collection(BrowserSuite.Name)]
public sealed class FederatedSignInBrowserTests(BrowserApp app)
{
    [Fact]
    public async Task A_participant_signs_in_with_ID_porten_and_sees_their_progress_in_their_language()
    {
        var participant = await app.Services.CreateParticipantAsync("4601", d => d with { PreferredLanguage = "uk" });
        await using var context = await app.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.BaseUrl, ViewportSize = BrowserApp.Phone, Locale = "nb-NO",
        });
        context.SetDefaultTimeout(60_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/login");

        await ClickAndWaitAsync(page, page.GetByRole(AriaRole.Link, new() { Name = "Logg inn med ID-porten" }), "/interaction/");
        await PickAsync(page, "input[name=choice][value=other]");
        await page.FillAsync("input[name=pid]", participant.NationalId);
        await ClickAndWaitAsync(page, page.Locator("form button[type=submit]"), "/me");

        Assert.Equal("uk", await page.EvaluateAsync<string>("() => document.documentElement.lang"));
        await page.GotoAsync("/me/progress");
        Assert.Equal("uk", await page.EvaluateAsync<string>("() => document.documentElement.lang"));
        Assert.Contains("годин", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await BrowserApp.ScreenshotAsync(page, "idporten-participant-progress-uk");
    }

    [Fact]
    public async Task A_staff_member_signs_in_through_the_municipalitys_own_provider_and_lands_on_the_start_page()
    {
        var number = await CreateMunicipalityWithProviderAsync();
        var tenant = await app.Services.MunicipalityIdAsync(number);
        var email = await CreateCoordinatorAsync(tenant);
        await using var context = await app.NewContextAsync("nb", BrowserApp.Desktop);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/login");

        await page.FillAsync("#Email", email);
        await ClickAndWaitAsync(page, page.Locator("main form:has(#Password) button[type=submit]"), "/interaction/");
        // The provider knows the address from the login hint; password and two-factor is the method offered first.
        Assert.Equal(email, await page.InputValueAsync("input[name=email]"));
        var left = page.WaitForURLAsync(url => url.StartsWith(app.BaseUrl, StringComparison.Ordinal) && !url.Contains("/signin-staff/", StringComparison.Ordinal));
        await page.Locator("form button[type=submit]").ClickAsync();
        await left;

        // The start page, not the two-factor enrolment: the provider's MFA counts where the municipality requires it.
        Assert.Equal("/", new Uri(page.Url).AbsolutePath);
        Assert.Equal(1, await page.Locator("form[action*='logout'] button").CountAsync());
    }

    [Fact]
    public async Task A_person_no_municipality_knows_gets_the_plain_page()
    {
        await using var context = await app.NewContextAsync("en");
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/login");

        await ClickAndWaitAsync(page, page.GetByRole(AriaRole.Link, new() { Name = "Sign in with ID-porten" }), "/interaction/");
        await PickAsync(page, "input[name=choice][value=other]");
        await page.FillAsync("input[name=pid]", TestNationalIds.For(new DateOnly(1988, 4, 2)));
        await ClickAndWaitAsync(page, page.Locator("form button[type=submit]"), "/account/idporten/unknown");

        Assert.Equal("We could not find you", await page.Locator("h1").InnerTextAsync());
        var axe = await app.Axe.CheckAsync(page);
        Assert.True(axe.Violations.Count == 0, string.Join(Environment.NewLine, axe.Violations.Select(v => v.Describe("/account/idporten/unknown"))));
        Assert.Equal(0, await page.Locator("form[action*='logout'] button").CountAsync());
    }

    private static async Task PickAsync(IPage page, string selector) => await page.Locator(selector).CheckAsync();

    /// <summary>Listens for the navigation before clicking, then clicks.</summary>
    private static async Task ClickAndWaitAsync(IPage page, ILocator target, string urlPart)
    {
        var arrived = page.WaitForURLAsync(url => url.Contains(urlPart, StringComparison.Ordinal));
        await target.ClickAsync();
        await arrived;
    }

    private async Task<string> CreateMunicipalityWithProviderAsync()
    {
        string number;
        await using (var platform = app.Services.GetRequiredService<TenantScopeFactory>().ForTenant(null))
        {
            var db = platform.ServiceProvider.GetRequiredService<AppDbContext>();
            do
            {
                number = Random.Shared.Next(1000, 9999).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            while (await db.Municipalities.AnyAsync(m => m.Number == number));
            db.Municipalities.Add(new Municipality
            {
                Id = Guid.NewGuid(), Name = "Test " + number, Number = number, Slug = "t-" + number, RequireTwoFactorForStaff = true,
                CreatedAt = TestClock.Now,
            });
            await db.SaveChangesAsync();
        }
        var tenant = await app.Services.MunicipalityIdAsync(number);
        await using var scope = app.Services.GetRequiredService<TenantScopeFactory>().ForTenant(tenant);
        var tenantDb = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        tenantDb.StaffSignInProviders.Add(new StaffSignInProvider
        {
            Authority = app.Idp.Issuer("bergen"), ClientId = TestIdp.StaffClientId("bergen"),
            ClientSecretProtected = scope.ServiceProvider.GetRequiredService<StaffProviderSecrets>().Protect(TestIdp.Secret),
            EmailClaim = "email", PasswordSignInAllowed = false, UpdatedAt = TestClock.Now,
        });
        await tenantDb.SaveChangesAsync();
        return number;
    }

    private async Task<string> CreateCoordinatorAsync(Guid tenant)
    {
        await using var scope = app.Services.GetRequiredService<TenantScopeFactory>().ForTenant(tenant);
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<AppUser>>();
        var email = $"koordinator-{Guid.NewGuid():N}@test.introprogram.no";
        var user = new AppUser { UserName = email, Email = email, DisplayName = "Test koordinator", EmailConfirmed = true };
        Assert.True((await users.CreateAsync(user)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, Roles.Coordinator)).Succeeded);
        return email;
    }
}
