using FluentValidation.TestHelper;
using IntroProgram.Web.Features.Benefit;
using static IntroProgram.Web.Tests.Support.ValidatorSupport;

namespace IntroProgram.Web.Tests.Reports;

/// <summary>The base amount (G) form's rules at their boundaries.</summary>
public sealed class BaseAmountFormValidatorTests
{
    private static readonly BaseAmountFormValidator Validator = new(Texts);

    private static BaseAmountForm Form(string? amount) => new() { EffectiveFrom = new DateOnly(2026, 5, 1), Amount = amount };

    [Theory]
    [InlineData("130160")]
    [InlineData("130 160")]
    [InlineData("130160,50")]
    [InlineData("0,01")]
    [InlineData("10000000")]
    public void Kroner_above_0_and_at_most_ten_million_with_two_decimals_are_accepted(string amount)
    {
        Validator.TestValidate(Form(amount)).ShouldNotHaveAnyValidationErrors();
    }

    [Theory]
    [InlineData("0")]
    [InlineData("10000000,01")]
    [InlineData("130160,505")]
    [InlineData("-130160")]
    [InlineData("tretti")]
    public void Other_amounts_are_refused(string amount)
    {
        Validator.TestValidate(Form(amount)).ShouldHaveValidationErrorFor(f => f.Amount).WithErrorCode(BaseAmountFormValidator.AmountInvalid);
    }

    [Fact]
    public void Both_fields_are_required_and_named_in_the_message()
    {
        var messages = InLanguage("nb", () => Validator.Validate(new BaseAmountForm { Amount = " " }).Errors.Select(e => e.ErrorMessage).ToList());

        Assert.Equal(["Gjelder fra må fylles ut.", "Beløp i kroner må fylles ut."], messages);
    }
}
