using FluentValidation.TestHelper;
using IntroProgram.Infrastructure.Reporting;
using IntroProgram.Web.Features.Reports;
using static IntroProgram.Web.Tests.Support.ValidatorSupport;

namespace IntroProgram.Web.Tests.Reports;

/// <summary>The report period's rules, keyed by the short query names the dashboard uses.</summary>
public sealed class ReportQueryValidatorTests
{
    private static readonly DateOnly Today = new(2026, 3, 10);
    private static readonly ReportQueryValidator Validator = new(Texts, ClockAt(new DateTimeOffset(2026, 3, 10, 11, 0, 0, TimeSpan.Zero)));

    [Fact]
    public void The_default_period_and_a_period_of_exactly_ten_years_pass()
    {
        Validator.TestValidate(new ReportQuery()).ShouldNotHaveAnyValidationErrors();
        Validator.TestValidate(new ReportQuery { From = Today.AddYears(-ReportFilter.MaximumYears), To = Today }).ShouldNotHaveAnyValidationErrors();
    }

    [Fact]
    public void A_period_one_day_longer_than_ten_years_is_refused_at_the_from_field()
    {
        Validator.TestValidate(new ReportQuery { From = Today.AddYears(-ReportFilter.MaximumYears).AddDays(-1), To = Today })
            .ShouldHaveValidationErrorFor(ReportQuery.FromKey).WithErrorCode(ReportQueryValidator.TooLong);
    }

    [Fact]
    public void A_to_date_before_the_from_date_is_refused_at_the_to_field_only()
    {
        var result = Validator.TestValidate(new ReportQuery { From = Today, To = Today.AddDays(-1) });

        result.ShouldHaveValidationErrorFor(ReportQuery.ToKey).WithErrorCode(ReportQueryValidator.ToBeforeFrom);
        result.ShouldNotHaveValidationErrorFor(ReportQuery.FromKey);
    }

    [Fact]
    public void An_open_end_takes_today()
    {
        Validator.TestValidate(new ReportQuery { From = Today.AddDays(1) })
            .ShouldHaveValidationErrorFor(ReportQuery.ToKey).WithErrorCode(ReportQueryValidator.ToBeforeFrom);
    }
}
