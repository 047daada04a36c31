using FluentValidation.TestHelper;
using IntroProgram.Domain.Participants;
using IntroProgram.Domain.Plans;
using IntroProgram.Web.Features.Plans;
using static IntroProgram.Web.Tests.Support.ValidatorSupport;

namespace IntroProgram.Web.Tests.Plans;

/// <summary>The plan and competence-mapping forms' rules, row by row, without the app or the database.</summary>
public sealed class PlanFormValidatorTests
{
    private static readonly DateTimeOffset Noon = new(2026, 3, 10, 11, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 3, 10);

    [Fact]
    public void A_measure_rows_hours_a_week_are_read_with_comma_or_point_and_refused_in_their_row_otherwise()
    {
        var form = new PlanForm
        {
            Measures =
            [
                new MeasureRow { HoursPerWeek = "7,5" },
                new MeasureRow { HoursPerWeek = "15.25" },
                new MeasureRow { HoursPerWeek = "" },
                new MeasureRow { HoursPerWeek = "sju" },
            ],
        };
        var result = new PlanFormValidator(Texts).TestValidate(form);

        var failure = Assert.Single(result.Errors);
        Assert.Equal(PlanFields.MeasureHours(3), failure.PropertyName);
        Assert.Equal("Plans.Plan.NotANumber", failure.ErrorCode);
    }

    [Fact]
    public void A_completed_mapping_needs_a_language_schooling_years_and_literacy()
    {
        var form = new MappingForm { CompletedOn = Today };
        var result = new MappingFormValidator(Texts, ClockAt(Noon)).TestValidate(form);
        result.ShouldHaveValidationErrorFor(MappingFields.Languages).WithErrorCode(MappingErrors.CompletedNeedsLanguage);
        result.ShouldHaveValidationErrorFor(MappingFields.SchoolingYears).WithErrorCode(MappingErrors.CompletedNeedsSchoolingYears);
        result.ShouldHaveValidationErrorFor(MappingFields.LatinLiteracy).WithErrorCode(MappingErrors.CompletedNeedsLiteracy);
    }

    [Fact]
    public void A_mapping_completed_tomorrow_and_a_repeated_language_are_refused_in_their_places()
    {
        var form = new MappingForm
        {
            CompletedOn = Today.AddDays(1), SchoolingYears = 9, LatinLiteracy = LatinLiteracy.Functional,
            Languages = [new LanguageRow { Language = "ar", Level = LanguageLevel.Native }, new LanguageRow { Language = "ar", Level = LanguageLevel.Good }],
        };
        var result = new MappingFormValidator(Texts, ClockAt(Noon)).TestValidate(form);
        result.ShouldHaveValidationErrorFor(MappingFields.CompletedOn).WithErrorCode(MappingErrors.CompletedInFuture);
        result.ShouldHaveValidationErrorFor(MappingFields.LanguageCode(1)).WithErrorCode(MappingErrors.DuplicateLanguage);
        result.ShouldNotHaveValidationErrorFor(MappingFields.LanguageCode(0));
    }

    [Fact]
    public void The_reason_for_a_correction_is_not_the_forms_to_judge()
    {
        // Whether a reason is needed depends on the versions already saved: the recorder checks it in its transaction.
        var form = new MappingForm { Reason = null };
        new MappingFormValidator(Texts, ClockAt(Noon)).TestValidate(form).ShouldNotHaveAnyValidationErrors();
    }
}
