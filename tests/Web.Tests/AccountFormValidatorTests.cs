using FluentValidation.TestHelper;
using IntroProgram.Web.Features.Account;
using static IntroProgram.Web.Tests.Support.ValidatorSupport;

namespace IntroProgram.Web.Tests;

/// <summary>The sign-in, two-factor and set-a-password forms' rules at their boundaries.</summary>
public sealed class AccountFormValidatorTests
{
    [Fact]
    public void Sign_in_needs_an_address_and_at_most_200_characters_of_password()
    {
        var validator = new LoginModelValidator(Texts);

        validator.TestValidate(new LoginModel { Email = "ola@kommune.no", Password = new string('p', 200) }).ShouldNotHaveAnyValidationErrors();
        var refused = validator.TestValidate(new LoginModel { Email = "ola", Password = new string('p', 201) });
        refused.ShouldHaveValidationErrorFor(m => m.Email).WithErrorCode("Validation.Email");
        refused.ShouldHaveValidationErrorFor(m => m.Password).WithErrorCode("Validation.TooLong");
        // E-mail first: the form may come without a password (the sign-in asks for it where no provider of its own signs in).
        var emailOnly = new LoginModelValidator(Texts).TestValidate(new LoginModel { Email = "ola@kommune.no" });
        emailOnly.ShouldNotHaveAnyValidationErrors();
        new LoginModelValidator(Texts).TestValidate(new LoginModel()).ShouldHaveValidationErrorFor(m => m.Email).WithErrorCode("Validation.Required");
    }

    [Theory]
    [InlineData("123456")]
    [InlineData("123 456")]
    [InlineData(" 123456 ")]
    public void A_code_of_six_digits_is_accepted(string code)
    {
        new TwoFactorLoginModelValidator(Texts).TestValidate(new TwoFactorLoginModel { Code = code }).ShouldNotHaveAnyValidationErrors();
        new TwoFactorSetupModelValidator(Texts).TestValidate(new TwoFactorSetupModel { Code = code }).ShouldNotHaveAnyValidationErrors();
    }

    [Theory]
    [InlineData("12345")]
    [InlineData("1234567")]
    [InlineData("12 3456")]
    [InlineData("abcdef")]
    public void Anything_else_is_not_a_code(string code)
    {
        new TwoFactorLoginModelValidator(Texts).TestValidate(new TwoFactorLoginModel { Code = code })
            .ShouldHaveValidationErrorFor(m => m.Code).WithErrorCode("Account.CodeFormat");
    }

    [Fact]
    public void A_new_password_must_be_typed_twice_the_same()
    {
        var validator = new InvitationModelValidator(Texts);

        validator.TestValidate(new InvitationModel { Password = "en lang og god setning", ConfirmPassword = "en lang og god setning" }).ShouldNotHaveAnyValidationErrors();
        Assert.Equal("Passordene er ikke like.", InLanguage("nb", () =>
            Assert.Single(validator.Validate(new InvitationModel { Password = "en lang og god setning", ConfirmPassword = "en lang og god" }).Errors).ErrorMessage));
    }
}
