using FluentValidation;
using IntroProgram.Web.Features.Shared;
using IntroProgram.Web.Localization;
using Microsoft.Extensions.Localization;

namespace IntroProgram.Web.Features.Account;

/// <summary>
/// What the set-a-password form of an invitation accepts: a password typed twice the same. Its strength is judged by
/// Identity's password validator in the controller, with its own messages.
/// </summary>
public sealed class InvitationModelValidator : FormValidator<InvitationModel>
{
    public InvitationModelValidator(IStringLocalizer<Ui> texts) : base(texts)
    {
        RuleFor(m => m.Password).Filled(texts, "Account.NewPassword").NotLongerThan(200, texts, "Account.NewPassword");
        RuleFor(m => m.ConfirmPassword).Filled(texts, "Account.ConfirmPassword")
            .Equal(m => m.Password).WithText(texts, "Account.PasswordsDiffer");
    }
}
