using System.Globalization;
using System.Threading.RateLimiting;
using FluentValidation;
using IntroProgram.Infrastructure;
using IntroProgram.Infrastructure.Data;
using IntroProgram.Infrastructure.Identity;
using IntroProgram.Seeds;
using IntroProgram.Web.Identity;
using IntroProgram.Web.Localization;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;


namespace IntroProgram.Web.Hosting;

/// <summary>
/// The product's services and settings, built once for serving and for the commands (Program.cs), and for the
/// benchmark tool that drives the product's own code (bench/Tool).
/// </summary>
public static class ProductApp
{
    public static WebApplication Build(string[] args)
    {
        // The application's name is set, not taken from the entry assembly: a tool that hosts the product (bench/Tool)
        // gets the same views, texts and settings.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args, ApplicationName = typeof(ProductApp).Assembly.GetName().Name,
        });

        builder.WebHost.ConfigureKestrel(o => o.AddServerHeader = false);
        builder.Logging.ClearProviders();
        if (builder.Environment.IsDevelopment())
        {
            // A person reads the console of `./build.sh run`: one line per message. Everywhere else a log collector reads JSON.
            builder.Logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.IncludeScopes = false;
                o.TimestampFormat = "HH:mm:ss ";
                o.UseUtcTimestamp = false;
            });
        }
        else
        {
            builder.Logging.AddJsonConsole(o =>
            {
                o.IncludeScopes = false;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
                o.UseUtcTimestamp = true;
            });
        }

        var services = builder.Services;
        var configuration = builder.Configuration;
        services.Configure<SecurityOptions>(configuration.GetSection("Security"));
        var security = configuration.GetSection("Security").Get<SecurityOptions>() ?? new SecurityOptions();

        services.AddInfrastructure(configuration, builder.Environment);
        services.AddSingleton<DemoSeeder>();
        services.AddScoped<UserLookup>();
        services.AddScoped<Invitations>();
        services.AddScoped<IntroProgram.Web.Features.Risk.RiskFlagReader>();
        services.AddScoped<IntroProgram.Web.Features.Home.StartPageReader>();
        services.AddScoped<IntroProgram.Infrastructure.Certificates.ICertificateTemplate, IntroProgram.Web.Features.Certificates.RazorCertificateTemplate>();
        // Each form's rules: one FluentValidation validator beside its input model, run by FormValidationFilter.
        services.AddValidatorsFromAssemblyContaining<FormValidationFilter>();

        // Texts: one JSON file per language, registered before the framework's resource-file localizer.
        services.AddSingleton<IStringLocalizerFactory, JsonStringLocalizerFactory>();
        services.AddLocalization();
        services.Configure<RequestLocalizationOptions>(o =>
        {
            var cultures = Languages.Cultures.ToList();
            o.DefaultRequestCulture = new RequestCulture("nb");
            o.SupportedCultures = cultures;
            o.SupportedUICultures = cultures;
            // The switcher's choice first; a signed-in participant who has not chosen gets their preferred language.
            o.RequestCultureProviders = [new ChosenLanguageProvider(), new PreferredLanguageProvider()];
        });

        services.AddIdentity<AppUser, AppRole>(o =>
            {
                // Length over composition (NSM's guidance): 12 characters at least, no other rules but a little variety.
                o.Password.RequiredLength = 12;
                o.Password.RequiredUniqueChars = 4;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.User.RequireUniqueEmail = true;
                o.SignIn.RequireConfirmedAccount = false;
                o.Tokens.ProviderMap[InvitationTokenProvider.ProviderName] = new TokenProviderDescriptor(typeof(InvitationTokenProvider));
            })
            .AddEntityFrameworkStores<AppDbContext>()
            .AddUserStore<AppUserStore>()
            .AddUserManager<AppUserManager>()
            .AddDefaultTokenProviders()
            // Replaces Identity's authenticator provider: a code works once (see Identity/OneTimeAuthenticatorTokenProvider.cs).
            .AddTokenProvider<OneTimeAuthenticatorTokenProvider>(TokenOptions.DefaultAuthenticatorProvider)
            .AddSignInManager<AppSignInManager>()
            .AddClaimsPrincipalFactory<AppClaimsPrincipalFactory>()
            .AddErrorDescriber<LocalizedIdentityErrors>();
        services.AddTransient<InvitationTokenProvider>();
        services.AddScoped<ISecurityStampValidator, TenantAwareSecurityStampValidator>();
        services.Configure<InvitationTokenProviderOptions>(o =>
        {
            o.Name = InvitationTokenProvider.ProviderName;
            o.TokenLifespan = security.InvitationLifetime;
        });
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = security.SecurityStampValidationInterval);
        // Plain http only where developers and the tests run the app; everywhere else every cookie is Secure.
        var cookieSecurePolicy = builder.Environment.IsDevelopment() || builder.Environment.IsEnvironment("Testing")
            ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        // One policy for every cookie, also those set outside Identity (antiforgery, the chosen language).
        services.Configure<CookiePolicyOptions>(o =>
        {
            o.Secure = cookieSecurePolicy;
            o.HttpOnly = Microsoft.AspNetCore.CookiePolicy.HttpOnlyPolicy.Always;
            o.MinimumSameSitePolicy = SameSiteMode.Lax;
        });
        // A year, subdomains included (ASVS 14.4.5 asks for at least six months); sent only outside Development.
        services.AddHsts(o =>
        {
            o.MaxAge = TimeSpan.FromDays(365);
            o.IncludeSubDomains = true;
        });
        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "ip.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = cookieSecurePolicy;
            o.LoginPath = "/account/login";
            o.LogoutPath = "/account/logout";
            o.AccessDeniedPath = "/account/access-denied";
            o.ExpireTimeSpan = security.IdleTimeout;
            o.SlidingExpiration = true;
        });
        services.Configure<CookieAuthenticationOptions>(IdentityConstants.TwoFactorUserIdScheme, o => o.Cookie.Name = "ip.2fa");
        // ID-porten for participants and each municipality's own provider for staff (see Identity/FederatedSignIn.cs).
        services.AddFederatedSignIn(configuration, cookieSecurePolicy);
        services.AddSingleton<StaffProviderSecrets>();
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "ip.af";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });

        // Data Protection keys live in the database so every app node reads the same key ring.
        services.AddDataProtection().SetApplicationName("IntroProgram").PersistKeysToDbContext<AppDbContext>();

        services.AddAuthorization(o =>
        {
            Policies.Add(o);
            // A page without its own rule is for signed-in users only, never open by accident.
            o.FallbackPolicy = new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
        });
        services.AddControllersWithViews(o =>
            {
                o.Filters.Add(new AutoValidateAntiforgeryTokenAttribute());
                o.Filters.Add<TwoFactorSetupFilter>();
                // One database connection per authorised request (see Hosting/RequestConnection.cs).
                o.Filters.Add<RequestConnectionFilter>();
                // Each form's validator, its one list of rules (see Hosting/FormValidation.cs).
                o.Filters.Add<FormValidationFilter>();
                // Dates and choices are read exactly or refused, never guessed (see Hosting/StrictValueBinding.cs).
                o.ModelBinderProviders.Insert(0, new StrictValueBinderProvider());
                // The record an action works on is the one in its address: route values are read before form and query
                // values, so a posted field named "id" can never point a form at another participant. One rule for every
                // controller, instead of [FromRoute] on each parameter that the next action could forget.
                var routeValues = o.ValueProviderFactories.OfType<Microsoft.AspNetCore.Mvc.ModelBinding.RouteValueProviderFactory>().Single();
                o.ValueProviderFactories.Remove(routeValues);
                o.ValueProviderFactories.Insert(0, routeValues);
            })
            .AddRazorOptions(o =>
            {
                // Feature folders: a controller, its models and its views side by side.
                o.ViewLocationFormats.Clear();
                o.ViewLocationFormats.Add("/Features/{1}/{0}.cshtml");
                o.ViewLocationFormats.Add("/Features/Shared/{0}.cshtml");
            })
            .AddViewLocalization()
            .AddDataAnnotationsLocalization(o => o.DataAnnotationLocalizerProvider = (_, f) => f.Create(typeof(Ui)));
        services.AddSingleton<IConfigureOptions<MvcOptions>, LocalizedModelBindingMessages>();

        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy("login", context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = security.LoginAttemptsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0,
                }));
            // The public verification page needs no sign-in: limit how fast one address can try codes or upload files.
            o.AddPolicy(IntroProgram.Web.Features.Verify.VerifyController.RateLimitPolicy, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = security.VerificationRequestsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0,
                }));
            o.OnRejected = async (context, ct) =>
            {
                var t = context.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<Ui>>();
                context.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
                await context.HttpContext.Response.WriteAsync(t["Error.TooManyRequests"], ct);
            };
        });

        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: ["ready"])
            .AddCheck<JobStorageHealthCheck>("jobs", tags: ["ready"]);
        return builder.Build();
    }
}
