using FluentValidation;
using IntroProgram.Web.Features.Shared;
using IntroProgram.Web.Localization;
using Microsoft.Extensions.Localization;

namespace IntroProgram.Web.Features.Account;

/// <summary>What the two-factor enrolment form accepts: the first code from the new authenticator, six digits.</summary>
public sealed class TwoFactorSetupModelValidator : FormValidator<TwoFactorSetupModel>
{
    public TwoFactorSetupModelValidator(IStringLocalizer<Ui> texts) : base(texts)
    {
        RuleFor(m => m.Code).SixDigitCode(texts);
    }
}
