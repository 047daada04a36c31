using System.Text.RegularExpressions;
using FluentValidation;
using IntroProgram.Web.Features.Shared;
using IntroProgram.Web.Localization;
using Microsoft.Extensions.Localization;

namespace IntroProgram.Web.Features.Account;

/// <summary>What the two-factor sign-in form accepts: a code of six digits (a space in the middle is allowed). Whether it is right is the sign-in's to say.</summary>
public sealed partial class TwoFactorLoginModelValidator : FormValidator<TwoFactorLoginModel>
{
    public TwoFactorLoginModelValidator(IStringLocalizer<Ui> texts) : base(texts)
    {
        RuleFor(m => m.Code).SixDigitCode(texts);
    }
}

public static partial class TwoFactorCodeRules
{
    /// <summary>Filled in and six digits, as an authenticator app shows them ("123 456" or "123456").</summary>
    public static IRuleBuilderOptions<T, string?> SixDigitCode<T>(this IRuleBuilder<T, string?> rule, IStringLocalizer texts) =>
        rule.Filled(texts, "Account.Code").Matches(Code()).WithText(texts, "Account.CodeFormat");

    [GeneratedRegex(@"^\s*\d{3}\s?\d{3}\s*$")]
    private static partial Regex Code();
}
