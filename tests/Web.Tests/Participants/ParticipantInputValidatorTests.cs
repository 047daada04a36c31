using FluentValidation.TestHelper;
using IntroProgram.Domain.Participants;
using IntroProgram.Domain.Programme;
using IntroProgram.Infrastructure.Participants;
using IntroProgram.Web.Features.Participants;
using IntroProgram.Web.Tests.Support;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using static IntroProgram.Web.Tests.Support.ValidatorSupport;

namespace IntroProgram.Web.Tests.Participants;

/// <summary>The register and edit forms' rules at their boundaries, without the app or the database.</summary>
public sealed class ParticipantInputValidatorTests
{
    /// <summary>Noon in Oslo on 10 March 2026.</summary>
    private static readonly DateTimeOffset Noon = new(2026, 3, 10, 11, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 3, 10);

    private static readonly NationalIdProtector NationalIds = new(
        Options.Create(new ParticipantDataOptions { NationalIdLookupKey = new string('k', 32), AllowSyntheticNationalIds = true }),
        new EphemeralDataProtectionProvider());

    private static ParticipantInputValidator Register() => new(Texts, NationalIds, RuleSetCatalog.Standard, ClockAt(Noon));
    private static ParticipantEditInputValidator Edit() => new(Texts, NationalIds, RuleSetCatalog.Standard, ClockAt(Noon));

    private static T Valid<T>(DateOnly? birth = null) where T : ParticipantInput, new()
    {
        var born = birth ?? new DateOnly(1990, 5, 17);
        return new T
        {
            GivenName = "Testa", FamilyName = "Deltaker", BirthDate = born, NationalId = TestNationalIds.For(born),
            CountryOfOrigin = "SY", PreferredLanguage = "ar", PermitDate = Today.AddDays(-120), SettlementDate = Today.AddDays(-90),
            ProgrammeStart = Today.AddDays(-60),
        };
    }

    [Fact]
    public void A_complete_registration_passes()
    {
        Register().TestValidate(Valid<ParticipantInput>()).ShouldNotHaveAnyValidationErrors();
    }

    [Fact]
    public void Registering_needs_a_national_id_and_editing_keeps_the_stored_one_when_the_field_is_empty()
    {
        var register = Valid<ParticipantInput>();
        register.NationalId = "";
        Register().TestValidate(register).ShouldHaveValidationErrorFor(nameof(ParticipantInput.NationalId)).WithErrorCode(ErrorCodes.NationalIdRequired);

        var edit = Valid<ParticipantEditInput>();
        edit.NationalId = " ";
        Edit().TestValidate(edit).ShouldNotHaveAnyValidationErrors();
    }

    [Fact]
    public void A_national_id_with_a_wrong_check_digit_is_refused_on_register_and_on_edit()
    {
        var id = TestNationalIds.For(new DateOnly(1990, 5, 17));
        var broken = id[..10] + (char)('0' + ((id[10] - '0' + 1) % 10));
        var register = Valid<ParticipantInput>();
        register.NationalId = broken;
        var edit = Valid<ParticipantEditInput>();
        edit.NationalId = broken;

        Register().TestValidate(register).ShouldHaveValidationErrorFor(nameof(ParticipantInput.NationalId));
        Edit().TestValidate(edit).ShouldHaveValidationErrorFor(nameof(ParticipantInput.NationalId));
    }

    [Fact]
    public void A_birth_date_other_than_the_one_the_national_id_encodes_is_refused_at_the_birth_date()
    {
        var input = Valid<ParticipantInput>();
        input.BirthDate = input.BirthDate!.Value.AddDays(1);
        Register().TestValidate(input).ShouldHaveValidationErrorFor(nameof(ParticipantInput.BirthDate)).WithErrorCode(ParticipantErrors.BirthDateMismatch);
    }

    [Theory]
    [InlineData(18, 0, true)]   // 18 on the permit date
    [InlineData(18, 1, false)]  // 18 the day after
    [InlineData(55, 0, true)]
    [InlineData(56, 0, false)]
    public void The_age_in_completed_years_on_the_permit_date_is_18_to_55(int years, int daysLater, bool accepted)
    {
        var permit = Today.AddDays(-120);
        var input = Valid<ParticipantInput>(permit.AddYears(-years).AddDays(daysLater));
        input.PermitDate = permit;
        var result = Register().TestValidate(input);
        if (accepted)
        {
            result.ShouldNotHaveValidationErrorFor(nameof(ParticipantInput.BirthDate));
        }
        else
        {
            result.ShouldHaveValidationErrorFor(nameof(ParticipantInput.BirthDate))
                .WithErrorCode(years < 56 ? ErrorCodes.ParticipantTooYoung : ErrorCodes.ParticipantTooOld);
        }
    }

    [Fact]
    public void Names_are_required_and_at_most_100_characters()
    {
        var input = Valid<ParticipantInput>();
        input.GivenName = "  ";
        input.FamilyName = new string('a', 101);
        var result = Register().TestValidate(input);
        result.ShouldHaveValidationErrorFor(nameof(ParticipantInput.GivenName)).WithErrorCode(ParticipantErrors.Required);
        result.ShouldHaveValidationErrorFor(nameof(ParticipantInput.FamilyName)).WithErrorCode(ParticipantErrors.TooLong);

        input.GivenName = new string('a', 100);
        input.FamilyName = "Deltaker";
        Register().TestValidate(input).ShouldNotHaveAnyValidationErrors();
    }

    [Fact]
    public void A_permit_dated_tomorrow_and_an_unknown_language_are_refused_at_their_fields_in_the_users_language()
    {
        var input = Valid<ParticipantInput>();
        input.PermitDate = Today.AddDays(1);
        input.PreferredLanguage = "xx";
        var result = InLanguage("en", () => Register().TestValidate(input));
        result.ShouldHaveValidationErrorFor(nameof(ParticipantInput.PermitDate)).WithErrorCode(ParticipantErrors.DateInFuture);
        var language = result.ShouldHaveValidationErrorFor(nameof(ParticipantInput.PreferredLanguage)).WithErrorCode(ParticipantErrors.InvalidLanguage);
        Assert.All(language, f => Assert.NotEqual(ParticipantErrors.InvalidLanguage, f.ErrorMessage)); // a text, not its key
    }
}
