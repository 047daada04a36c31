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

    /// <summary>Whether the page offers "Logg inn med ID-porten" (never bound from the form).</summary>
    [Microsoft.AspNetCore.Mvc.ModelBinding.BindNever]
    public bool IdPortenEnabled { get; set; }

    /// <summary>The address needs a password: the e-mail-first step found no provider of its own (never bound).</summary>
    [Microsoft.AspNetCore.Mvc.ModelBinding.BindNever]
    public bool AskForPassword { get; set; }
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
