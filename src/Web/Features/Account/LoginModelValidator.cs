using FluentValidation;
using IntroProgram.Web.Features.Shared;
using IntroProgram.Web.Localization;
using Microsoft.Extensions.Localization;

namespace IntroProgram.Web.Features.Account;

/// <summary>
/// What the sign-in form accepts before an account is looked up. Whether the address and password open an account is
/// answered by the sign-in itself, with one message for every refusal.
/// </summary>
public sealed class LoginModelValidator : FormValidator<LoginModel>
{
    public LoginModelValidator(IStringLocalizer<Ui> texts) : base(texts)
    {
        RuleFor(m => m.Email).EmailAddressOf(texts, "Account.Email");
        // Empty is allowed: e-mail first, and a municipality with its own provider needs no password here. Without one,
        // the sign-in asks for the password.
        RuleFor(m => m.Password).NotLongerThan(200, texts, "Account.Password");
    }
}
