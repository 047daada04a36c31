using IntroProgram.Domain.Tenancy;
using Microsoft.AspNetCore.Identity;

namespace IntroProgram.Infrastructure.Identity;

/// <summary>
/// A person who signs in: staff of one municipality, a participant, or (with no municipality) a platform operator.
/// </summary>
public class AppUser : IdentityUser<Guid>, IUserTenantScoped
{
    public Guid? TenantId { get; set; }
    public string DisplayName { get; set; } = "";
    /// <summary>Job title, printed on documents the user signs (e.g. "saksbehandler").</summary>
    public string? Title { get; set; }
    public bool IsActive { get; set; } = true;
    public string? PreferredLanguage { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? InvitationAcceptedAt { get; set; }
    /// <summary>
    /// The 30-second time step of the last authenticator code accepted from this user: that code and every earlier one
    /// are refused (a code works once). Written only by its own conditional UPDATE, never by saving the entity.
    /// </summary>
    public long? AuthenticatorTimeStep { get; set; }
}

public class AppRole : IdentityRole<Guid>
{
    public AppRole() { }
    public AppRole(string name) : base(name) { }
}

public class AppUserRole : IdentityUserRole<Guid>, IUserTenantScoped
{
    public Guid? TenantId { get; set; }
}

public class AppUserClaim : IdentityUserClaim<Guid>, IUserTenantScoped
{
    public Guid? TenantId { get; set; }
}

public class AppUserLogin : IdentityUserLogin<Guid>, IUserTenantScoped
{
    public Guid? TenantId { get; set; }
}

public class AppUserToken : IdentityUserToken<Guid>, IUserTenantScoped
{
    public Guid? TenantId { get; set; }
}

public class AppRoleClaim : IdentityRoleClaim<Guid> { }

/// <summary>
/// Identity records: they belong to the user's municipality, or to none for platform operators.
/// Row-level security treats a missing municipality as its own scope.
/// </summary>
public interface IUserTenantScoped
{
    Guid? TenantId { get; set; }
}

public static class Roles
{
    public const string PlatformOperator = "platform_operator";
    public const string TenantAdmin = "tenant_admin";
    public const string Coordinator = "coordinator";
    public const string Caseworker = "caseworker";
    public const string Participant = "participant";

    public static readonly string[] All = [PlatformOperator, TenantAdmin, Coordinator, Caseworker, Participant];

    /// <summary>Roles a tenant admin may give to municipal staff.</summary>
    public static readonly string[] Staff = [TenantAdmin, Coordinator, Caseworker];
}
