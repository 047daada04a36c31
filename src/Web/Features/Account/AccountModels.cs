using System.ComponentModel.DataAnnotations;

namespace IntroProgram.Web.Features.Account;

public sealed class LoginModel
{
    [Display(Name = "Account.Email")]
    public string? Email { get; set; }

    [DataType(DataType.Password)]
    [Display(Name = "Account.Password")]
    public string? Password { get; set; }

    public string? ReturnUrl { get; set; }
}

public sealed class TwoFactorLoginModel
{
    [Display(Name = "Account.Code")]
    public string? Code { get; set; }

    public string? ReturnUrl { get; set; }
}

public sealed class TwoFactorSetupModel
{
    /// <summary>Empty until the user has asked for a key (a POST); the page then offers the button that makes one.</summary>
    public string SharedKey { get; set; } = "";
    public string QrCodeSvg { get; set; } = "";
    public bool Required { get; set; }

    [Display(Name = "Account.Code")]
    public string? Code { get; set; }
}

public sealed class InvitationModel
{
    public Guid User { get; set; }
    public string Token { get; set; } = "";
    public string? DisplayName { get; set; }

    [DataType(DataType.Password)]
    [Display(Name = "Account.NewPassword")]
    public string? Password { get; set; }

    [DataType(DataType.Password)]
    [Display(Name = "Account.ConfirmPassword")]
    public string? ConfirmPassword { get; set; }
}
