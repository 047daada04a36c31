using FluentValidation;
using IntroProgram.Web.Features.Shared;
using IntroProgram.Web.Localization;
using Microsoft.Extensions.Localization;

namespace IntroProgram.Web.Features.Benefit;

/// <summary>What the base amount (G) form accepts: a day it is in force from, and kroner above 0 and at most the highest G we accept.</summary>
public sealed class BaseAmountFormValidator : FormValidator<BaseAmountForm>
{
    public const string AmountInvalid = "BaseAmounts.AmountInvalid";

    public BaseAmountFormValidator(IStringLocalizer<Ui> texts) : base(texts)
    {
        RuleFor(f => f.EffectiveFrom).NotNull().WithText(texts, "Validation.Required", "BaseAmounts.Field.EffectiveFrom");
        RuleFor(f => f.Amount).Filled(texts, "BaseAmounts.Field.Amount")
            .Must(text => BaseAmountForm.TryParseAmount(text, out var amount) && Infrastructure.Reporting.BaseAmounts.IsAcceptable(amount))
            .WithText(texts, AmountInvalid);
    }
}
