using FluentValidation.TestHelper;
using IntroProgram.Domain.Decisions;
using IntroProgram.Domain.Participants;
using IntroProgram.Web.Features.Decisions;
using static IntroProgram.Web.Tests.Support.ValidatorSupport;

namespace IntroProgram.Web.Tests.Decisions;

/// <summary>The decision and test-result forms' rules at their boundaries, for the kind the address names. No app, no database.</summary>
public sealed class DecisionFormValidatorTests
{
    /// <summary>00:30 in Oslo on 1 March 2026, still 28 February in UTC: today is the Oslo day.</summary>
    private static readonly DateTimeOffset JustAfterMidnight = new(2026, 2, 28, 23, 30, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 3, 1);

    private static DecisionFormModelValidator Decisions() => new(Texts, ClockAt(JustAfterMidnight));
    private static TestFormModelValidator Tests() => new(Texts, ClockAt(JustAfterMidnight));

    private static DecisionFormModel Form(string slug) => new() { Slug = slug, DecidedOn = Today, Reason = "Vedtak etter samtale" };

    [Fact]
    public void A_decision_dated_the_oslo_day_passes_and_the_next_day_is_in_the_future()
    {
        Decisions().TestValidate(Form("resumption")).ShouldNotHaveAnyValidationErrors();
        var tomorrow = Form("resumption");
        tomorrow.DecidedOn = Today.AddDays(1);
        Decisions().TestValidate(tomorrow).ShouldHaveValidationErrorFor(f => f.DecidedOn).WithErrorCode(DecisionErrors.DateInFuture).Only();
    }

    [Fact]
    public void Leave_needs_its_period_and_type_and_the_fields_are_named_as_the_form_names_them()
    {
        var result = Decisions().TestValidate(Form("leave"));
        result.ShouldHaveValidationErrorFor(f => f.PeriodStart).WithErrorCode(DecisionErrors.Required);
        result.ShouldHaveValidationErrorFor(f => f.PeriodEnd).WithErrorCode(DecisionErrors.Required);
        result.ShouldHaveValidationErrorFor(f => f.LeaveType).WithErrorCode(DecisionErrors.Required);
    }

    [Theory]
    [InlineData("12,5", true)]
    [InlineData("12.5", true)]
    [InlineData("tolv", false)]
    [InlineData("1,2,5", false)]
    public void Extra_hours_are_a_number_with_comma_or_point(string typed, bool readable)
    {
        var form = Form("extra-hours");
        form.ExtraHoursTotal = typed;
        var result = Decisions().TestValidate(form);
        if (readable)
        {
            result.ShouldNotHaveValidationErrorFor(f => f.ExtraHoursTotal);
        }
        else
        {
            // One message: "not a number", not also "required".
            result.ShouldHaveValidationErrorFor(f => f.ExtraHoursTotal).WithErrorCode("Validation.Number").Only();
            Assert.Single(result.Errors, e => e.PropertyName == nameof(DecisionFormModel.ExtraHoursTotal));
        }
    }

    [Fact]
    public void Extra_hours_left_empty_are_required()
    {
        Decisions().TestValidate(Form("extra-hours")).ShouldHaveValidationErrorFor(f => f.ExtraHoursTotal).WithErrorCode(DecisionErrors.Required);
    }

    [Fact]
    public void An_end_needs_one_of_its_outcomes()
    {
        var form = Form("end");
        form.Outcome = ParticipantStatus.Active;
        Decisions().TestValidate(form).ShouldHaveValidationErrorFor(f => f.Outcome).WithErrorCode(DecisionErrors.InvalidOutcome);
        form.Outcome = ParticipantStatus.Completed;
        Decisions().TestValidate(form).ShouldNotHaveAnyValidationErrors();
    }

    [Fact]
    public void An_address_without_a_known_kind_has_nothing_to_check()
    {
        // The controller answers 404 for it before anything is read.
        Decisions().TestValidate(new DecisionFormModel { Slug = "no-such-kind" }).ShouldNotHaveAnyValidationErrors();
        Tests().TestValidate(new TestFormModel { Slug = null }).ShouldNotHaveAnyValidationErrors();
    }

    [Fact]
    public void A_norwegian_test_needs_a_level_and_a_social_studies_test_passed_or_not()
    {
        Tests().TestValidate(new TestFormModel { Slug = "norwegian", TakenOn = Today })
            .ShouldHaveValidationErrorFor(f => f.Reading).WithErrorCode(DecisionErrors.TestNeedsAResult);
        Tests().TestValidate(new TestFormModel { Slug = "norwegian", TakenOn = Today, Writing = CefrLevel.A2 }).ShouldNotHaveAnyValidationErrors();
        Tests().TestValidate(new TestFormModel { Slug = "social-studies", TakenOn = Today })
            .ShouldHaveValidationErrorFor(f => f.Passed).WithErrorCode(DecisionErrors.TestNeedsAResult);
    }

    [Fact]
    public void A_test_dated_the_next_oslo_day_is_in_the_future()
    {
        Tests().TestValidate(new TestFormModel { Slug = "social-studies", TakenOn = Today.AddDays(1), Passed = true })
            .ShouldHaveValidationErrorFor(f => f.TakenOn).WithErrorCode(DecisionErrors.DateInFuture).Only();
    }
}
