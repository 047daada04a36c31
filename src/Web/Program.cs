using IntroProgram.Web.Identity;
using IntroProgram.Web.Hosting;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

var app = ProductApp.Build(args);
var configuration = app.Configuration;

if (args.Length > 0 && Commands.Names.Contains(args[0]))
{
    return await Commands.RunAsync(args, app);
}
if (configuration.GetValue<bool>("Database:MigrateOnStart"))
{
    await Commands.MigrateAsync(configuration);
}

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/error");
    app.UseHsts();
}
app.UseStatusCodePagesWithReExecute("/error/{0}");
app.UseSecurityHeaders();
app.UseCookiePolicy();
app.UseStaticFiles();
app.UseRouting();
StaffProviderSchemes.UseStaffProviderCallbacks(app);
// After authentication: the language can depend on who is signed in (see Localization/LanguageProviders.cs).
app.UseAuthentication();
app.UseRequestLocalization();
app.UseRateLimiter();
app.UseAuthorization();

app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") }).AllowAnonymous();
app.MapControllers();
app.MapJobsDashboard();

await app.RunAsync();
return 0;

public partial class Program;
