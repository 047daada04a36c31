using IntroProgram.Infrastructure.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc;

namespace IntroProgram.Web.Identity;

public static class Policies
{
    public const string Platform = "platform";
    public const string TenantAdmin = "tenant-admin";
    public const string Staff = "staff";
    public const string Coordinator = "coordinator";
    public const string Caseworker = "caseworker";
    public const string Participant = "participant";

    public static void Add(AuthorizationOptions o)
    {
        o.AddPolicy(Platform, p => p.RequireRole(Roles.PlatformOperator));
        // Every municipal policy also requires the municipality claim, so a user without one never passes.
        o.AddPolicy(TenantAdmin, p => p.RequireRole(Roles.TenantAdmin).RequireClaim(Infrastructure.Tenancy.TenantContext.TenantClaim));
        o.AddPolicy(Staff, p => p.RequireRole(Roles.Staff).RequireClaim(Infrastructure.Tenancy.TenantContext.TenantClaim));
        o.AddPolicy(Coordinator, p => p.RequireRole(Roles.Coordinator).RequireClaim(Infrastructure.Tenancy.TenantContext.TenantClaim));
        o.AddPolicy(Caseworker, p => p.RequireRole(Roles.Caseworker).RequireClaim(Infrastructure.Tenancy.TenantContext.TenantClaim));
        o.AddPolicy(Participant, p => p.RequireRole(Roles.Participant).RequireClaim(Infrastructure.Tenancy.TenantContext.TenantClaim));
    }
}

/// <summary>Until a user who must use two-factor authentication has enrolled, only the account pages open.</summary>
public sealed class TwoFactorSetupFilter : IAuthorizationFilter
{
    public void OnAuthorization(AuthorizationFilterContext context)
    {
        if (context.HttpContext.User.HasClaim(c => c.Type == AppClaims.TwoFactorSetupRequired) &&
            context.ActionDescriptor is ControllerActionDescriptor { ControllerName: not ("Account" or "Language" or "Error") })
        {
            context.Result = new RedirectToActionResult("TwoFactorSetup", "Account", null);
        }
    }
}
