namespace IntroProgram.Web.Features.Users;

public sealed record UserRow(Guid Id, string DisplayName, string Email, bool IsActive, bool Accepted, bool TwoFactor, IReadOnlyList<string> Roles);

/// <summary>
/// A new staff member of the municipality; what it accepts is in <see cref="InviteStaffModelValidator"/>. The fields
/// are nullable so that the framework adds no "required" of its own beside the validator's.
/// </summary>
public sealed class InviteStaffModel
{
    public string? DisplayName { get; set; }
    public string? Email { get; set; }
    public string? Title { get; set; }
    public List<string> Roles { get; set; } = [];
}

public sealed class UserDetailsModel
{
    public UserRow User { get; set; } = null!;
    public List<string> Roles { get; set; } = [];
    public bool IsSelf { get; set; }
}
