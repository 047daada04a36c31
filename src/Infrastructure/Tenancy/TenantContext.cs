using System.Security.Claims;
using IntroProgram.Infrastructure.Identity;
using Microsoft.AspNetCore.Http;

namespace IntroProgram.Infrastructure.Tenancy;

public interface ITenantContext
{
    /// <summary>The municipality every query and write of this scope is limited to; null means none.</summary>
    Guid? TenantId { get; }

    /// <summary>
    /// A scope that works on platform records without a municipality: a platform operator's request, or server-side
    /// work that chose "no municipality" explicitly (jobs, seeding, commands, the sign-in of an operator). Row-level
    /// security lets only such a session read or change identity rows that belong to no municipality (operators').
    /// </summary>
    bool IsPlatform { get; }
}

/// <summary>
/// The tenant of the current scope. In a request it comes from the signed-in user's claim; a background job,
/// the seeder or the sign-in flow set it explicitly, once, on a fresh scope.
/// </summary>
public sealed class TenantContext(IHttpContextAccessor? httpContextAccessor = null) : ITenantContext
{
    public const string TenantClaim = "ip:tenant";

    private bool _explicit;
    private Guid? _tenantId;
    private ClaimsPrincipal? _validating;

    public Guid? TenantId => _explicit ? _tenantId : FromUser(_validating ?? httpContextAccessor?.HttpContext?.User);

    public bool IsPlatform => _explicit ? _tenantId is null : IsOperator(_validating ?? httpContextAccessor?.HttpContext?.User);

    public bool IsExplicit => _explicit;

    public void Use(Guid? tenantId)
    {
        if (_explicit && _tenantId != tenantId)
        {
            throw new InvalidOperationException("The tenant of a scope cannot change once set; create a new scope.");
        }
        _explicit = true;
        _tenantId = tenantId;
    }

    /// <summary>
    /// While the sign-in cookie is being validated the request has no user yet; the cookie's own principal names
    /// the municipality for those few queries.
    /// </summary>
    public IDisposable BindWhileValidating(ClaimsPrincipal principal)
    {
        _validating = principal;
        return new Unbind(this);
    }

    private sealed class Unbind(TenantContext context) : IDisposable
    {
        public void Dispose() => context._validating = null;
    }

    private static bool IsOperator(ClaimsPrincipal? user) =>
        user?.Identity?.IsAuthenticated == true && FromUser(user) is null && user.IsInRole(Roles.PlatformOperator);

    public static Guid? FromUser(ClaimsPrincipal? user)
    {
        if (user?.Identity?.IsAuthenticated != true)
        {
            return null;
        }
        var value = user.FindFirst(TenantClaim)?.Value;
        return Guid.TryParse(value, out var id) ? id : null;
    }
}
