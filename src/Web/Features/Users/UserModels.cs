using System.ComponentModel.DataAnnotations;

namespace IntroProgram.Web.Features.Users;

public sealed record UserRow(Guid Id, string DisplayName, string Email, bool IsActive, bool Accepted, bool TwoFactor, IReadOnlyList<string> Roles);

public sealed class InviteStaffModel
{
    [Required(ErrorMessage = "Validation.Required")]
    [MaxLength(200, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Users.Name")]
    public string DisplayName { get; set; } = "";

    [Required(ErrorMessage = "Validation.Required")]
    [EmailAddress(ErrorMessage = "Validation.Email")]
    [MaxLength(254, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Account.Email")]
    public string Email { get; set; } = "";

    [MaxLength(100, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Users.Title")]
    public string? Title { get; set; }

    [Display(Name = "Users.Roles")]
    public List<string> Roles { get; set; } = [];
}

public sealed class UserDetailsModel
{
    public UserRow User { get; set; } = null!;
    public List<string> Roles { get; set; } = [];
    public bool IsSelf { get; set; }
}
