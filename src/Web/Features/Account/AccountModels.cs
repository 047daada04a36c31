using System.ComponentModel.DataAnnotations;

namespace IntroProgram.Web.Features.Account;

public sealed class LoginModel
{
    [Required(ErrorMessage = "Validation.Required")]
    [EmailAddress(ErrorMessage = "Validation.Email")]
    [MaxLength(254, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Account.Email")]
    public string Email { get; set; } = "";

    [Required(ErrorMessage = "Validation.Required")]
    [MaxLength(200, ErrorMessage = "Validation.TooLong")]
    [DataType(DataType.Password)]
    [Display(Name = "Account.Password")]
    public string Password { get; set; } = "";

    public string? ReturnUrl { get; set; }
}

public sealed class TwoFactorLoginModel
{
    [Required(ErrorMessage = "Validation.Required")]
    [RegularExpression(@"^\s*\d{3}\s?\d{3}\s*$", ErrorMessage = "Account.CodeFormat")]
    [Display(Name = "Account.Code")]
    public string Code { get; set; } = "";

    public string? ReturnUrl { get; set; }
}

public sealed class TwoFactorSetupModel
{
    /// <summary>Empty until the user has asked for a key (a POST); the page then offers the button that makes one.</summary>
    public string SharedKey { get; set; } = "";
    public string QrCodeSvg { get; set; } = "";
    public bool Required { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [RegularExpression(@"^\s*\d{3}\s?\d{3}\s*$", ErrorMessage = "Account.CodeFormat")]
    [Display(Name = "Account.Code")]
    public string Code { get; set; } = "";
}

public sealed class InvitationModel
{
    public Guid User { get; set; }
    public string Token { get; set; } = "";
    public string? DisplayName { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [MaxLength(200, ErrorMessage = "Validation.TooLong")]
    [DataType(DataType.Password)]
    [Display(Name = "Account.NewPassword")]
    public string Password { get; set; } = "";

    [Required(ErrorMessage = "Validation.Required")]
    [Compare(nameof(Password), ErrorMessage = "Account.PasswordsDiffer")]
    [DataType(DataType.Password)]
    [Display(Name = "Account.ConfirmPassword")]
    public string ConfirmPassword { get; set; } = "";
}
