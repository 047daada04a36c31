using FluentValidation.TestHelper;
using IntroProgram.Web.Features.Audit;
using static IntroProgram.Web.Tests.Support.ValidatorSupport;

namespace IntroProgram.Web.Tests.Audit;

/// <summary>The audit log filter's rules, keyed by the short query names the page uses.</summary>
public sealed class AuditFilterValidatorTests
{
    private static readonly AuditFilterValidator Validator = new(Texts);
    private static readonly DateOnly Day = new(2026, 3, 10);

    [Fact]
    public void A_range_of_one_day_and_open_ranges_pass()
    {
        Validator.TestValidate(new AuditFilter { From = Day, To = Day }).ShouldNotHaveAnyValidationErrors();
        Validator.TestValidate(new AuditFilter { From = Day }).ShouldNotHaveAnyValidationErrors();
        Validator.TestValidate(new AuditFilter { To = Day }).ShouldNotHaveAnyValidationErrors();
    }

    [Fact]
    public void A_to_date_before_the_from_date_is_refused_at_the_to_field()
    {
        Validator.TestValidate(new AuditFilter { From = Day, To = Day.AddDays(-1) })
            .ShouldHaveValidationErrorFor(AuditFilter.ToKey).WithErrorCode(AuditFilterValidator.ToBeforeFrom);
    }

    [Fact]
    public void A_record_type_may_have_40_characters_and_not_41()
    {
        Validator.TestValidate(new AuditFilter { RecordType = new string('a', 40) }).ShouldNotHaveAnyValidationErrors();
        Validator.TestValidate(new AuditFilter { RecordType = new string('a', 41) })
            .ShouldHaveValidationErrorFor(AuditFilter.TypeKey).WithErrorCode(AuditFilterValidator.TypeTooLong);
    }
}
