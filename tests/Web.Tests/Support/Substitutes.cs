using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace IntroProgram.Web.Tests.Support;

/// <summary>
/// The same app over the same database with one external part replaced by a test double that fails on demand: for the
/// failure paths the real part cannot be made to take (a browser crash mid-document, a mail server that does not answer).
/// </summary>
public static class Substitutes
{
    public static WebApplicationFactory<Program> WithService<TService>(this AppFactory app, TService replacement) where TService : class =>
        app.WithWebHostBuilder(b => b.ConfigureTestServices(services => services.Replace(ServiceDescriptor.Singleton(replacement))));

    public static TestClient CreateTestClient(this WebApplicationFactory<Program> app) =>
        new(app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));
}
