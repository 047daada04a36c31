using IntroProgram.Infrastructure.Identity;
using IntroProgram.Web.Identity;
using Microsoft.AspNetCore.Localization;

namespace IntroProgram.Web.Localization;

/// <summary>
/// The language someone chose with the switcher (a cookie). Staff pages exist in bokmål and English only, so a signed-in
/// staff member's choice of a participant-only language is ignored rather than half-translating their pages.
/// </summary>
public sealed class ChosenLanguageProvider : CookieRequestCultureProvider
{
    public override async Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
    {
        var result = await base.DetermineProviderCultureResult(httpContext);
        if (result is null || httpContext.User.Identity?.IsAuthenticated != true || httpContext.User.IsInRole(Roles.Participant))
        {
            return result;
        }
        var chosen = Languages.Find(result.UICultures.FirstOrDefault().Value);
        return chosen is { StaffUi: true } ? result : null;
    }
}

/// <summary>A signed-in participant who has not chosen a language gets the one in their participant record.</summary>
public sealed class PreferredLanguageProvider : RequestCultureProvider
{
    public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
    {
        var language = Languages.Find(httpContext.User.FindFirst(AppClaims.Language)?.Value);
        return Task.FromResult(language is null ? null : new ProviderCultureResult(language.Code));
    }
}
