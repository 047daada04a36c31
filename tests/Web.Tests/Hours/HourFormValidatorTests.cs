using FluentValidation.TestHelper;
using IntroProgram.Domain.Ledger;
using IntroProgram.Domain.Programme;
using IntroProgram.Web.Features.Hours;
using static IntroProgram.Web.Tests.Support.ValidatorSupport;

namespace IntroProgram.Web.Tests.Hours;

/// <summary>The hour-entry, absence and void forms' rules at their boundaries, without the app or the database.</summary>
public sealed class HourFormValidatorTests
{
    /// <summary>Noon in Oslo on 10 March 2026.</summary>
    private static readonly DateTimeOffset Noon = new(2026, 3, 10, 11, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 3, 10);

    private static HourEntryFormValidator EntryValidator(DateTimeOffset? now = null) => new(Texts, ClockAt(now ?? Noon));

    private static HourEntryForm Entry(string? hours = "1,5", DateOnly? date = null, HourCategory? category = HourCategory.Norwegian, string? note = null) =>
        new() { Date = date ?? Today, Category = category, Hours = hours, Note = note };

    [Fact]
    public void A_complete_entry_passes()
    {
        EntryValidator().TestValidate(Entry()).ShouldNotHaveAnyValidationErrors();
    }

    [Theory]
    [InlineData(null, LedgerErrors.Required)]
    [InlineData("", LedgerErrors.Required)]
    [InlineData("  ", LedgerErrors.Required)]
    [InlineData("to", HourFormRules.NotANumber)]
    [InlineData("1,5.2", HourFormRules.NotANumber)]
    [InlineData("1,2,5", HourFormRules.NotANumber)]
    [InlineData("0", ErrorCodes.HoursNotPositive)]
    [InlineData("-0,25", ErrorCodes.HoursNotPositive)]
    [InlineData("\u22120,25", ErrorCodes.HoursNotPositive)] // the minus Norwegian formatting writes
    [InlineData("0,3", ErrorCodes.HoursNotQuarterHour)]
    [InlineData("7,49", ErrorCodes.HoursNotQuarterHour)]
    public void Hours_that_break_a_rule_get_that_rules_error_only(string? typed, string code)
    {
        var result = EntryValidator().TestValidate(Entry(typed));

        result.ShouldHaveValidationErrorFor(f => f.Hours).WithErrorCode(code).Only();
    }

    [Theory]
    [InlineData("0,25")]
    [InlineData("0.75")]
    [InlineData(" 24 ")]
    public void Hours_in_quarter_steps_are_read_with_comma_or_point(string typed)
    {
        EntryValidator().TestValidate(Entry(typed)).ShouldNotHaveValidationErrorFor(f => f.Hours);
    }

    [Fact]
    public void Today_is_accepted_and_tomorrow_is_in_the_future()
    {
        EntryValidator().TestValidate(Entry(date: Today)).ShouldNotHaveValidationErrorFor(f => f.Date);
        EntryValidator().TestValidate(Entry(date: Today.AddDays(1))).ShouldHaveValidationErrorFor(f => f.Date).WithErrorCode(ErrorCodes.HoursInFuture);
    }

    [Fact]
    public void Today_is_the_Oslo_day_not_the_UTC_day()
    {
        // 23:30 UTC on 10 March is already 11 March in Oslo.
        var lateEvening = new DateTimeOffset(2026, 3, 10, 23, 30, 0, TimeSpan.Zero);

        EntryValidator(lateEvening).TestValidate(Entry(date: Today.AddDays(1))).ShouldNotHaveValidationErrorFor(f => f.Date);
    }

    [Fact]
    public void A_missing_date_or_category_is_required_and_an_unknown_category_is_refused()
    {
        var missing = EntryValidator().TestValidate(new HourEntryForm { Hours = "1" });
        missing.ShouldHaveValidationErrorFor(f => f.Date).WithErrorCode(LedgerErrors.Required);
        missing.ShouldHaveValidationErrorFor(f => f.Category).WithErrorCode(LedgerErrors.Required);

        EntryValidator().TestValidate(Entry(category: (HourCategory)99))
            .ShouldHaveValidationErrorFor(f => f.Category).WithErrorCode(ErrorCodes.HoursUnknownCategory);
    }

    [Fact]
    public void A_note_may_have_500_characters_and_not_501()
    {
        EntryValidator().TestValidate(Entry(note: new string('a', 500))).ShouldNotHaveValidationErrorFor(f => f.Note);
        EntryValidator().TestValidate(Entry(note: new string('a', 501))).ShouldHaveValidationErrorFor(f => f.Note).WithErrorCode(LedgerErrors.TooLong);
    }

    [Fact]
    public void The_message_is_in_the_page_language()
    {
        var form = Entry("0");

        Assert.Equal("Antall timer må være mer enn 0.", InLanguage("nb", () => Assert.Single(EntryValidator().Validate(form).Errors).ErrorMessage));
        Assert.Equal("The number of hours must be more than 0.", InLanguage("en", () => Assert.Single(EntryValidator().Validate(form).Errors).ErrorMessage));
    }

    [Fact]
    public void Absence_asks_whether_it_was_excused_and_follows_the_hour_rules()
    {
        var validator = new AbsenceFormValidator(Texts, ClockAt(Noon));

        validator.TestValidate(new AbsenceForm { Date = Today, Hours = "2", Excused = false }).ShouldNotHaveAnyValidationErrors();
        var refused = validator.TestValidate(new AbsenceForm { Date = Today.AddDays(1), Hours = "0,1", Reason = new string('a', 501) });
        refused.ShouldHaveValidationErrorFor(f => f.Excused).WithErrorCode(AbsenceFormValidator.ExcusedRequired);
        refused.ShouldHaveValidationErrorFor(f => f.Date).WithErrorCode(ErrorCodes.HoursInFuture);
        refused.ShouldHaveValidationErrorFor(f => f.Hours).WithErrorCode(ErrorCodes.HoursNotQuarterHour);
        refused.ShouldHaveValidationErrorFor(f => f.Reason).WithErrorCode(LedgerErrors.TooLong);
    }

    [Theory]
    [InlineData(null, LedgerErrors.ReasonRequired)]
    [InlineData("   ", LedgerErrors.ReasonRequired)]
    public void A_void_needs_a_reason(string? reason, string code)
    {
        new VoidFormValidator(Texts).TestValidate(new VoidForm { Reason = reason }).ShouldHaveValidationErrorFor(f => f.Reason).WithErrorCode(code);
    }

    [Fact]
    public void A_void_reason_counts_its_trimmed_length()
    {
        var validator = new VoidFormValidator(Texts);

        validator.TestValidate(new VoidForm { Reason = " " + new string('a', 500) + " " }).ShouldNotHaveAnyValidationErrors();
        validator.TestValidate(new VoidForm { Reason = new string('a', 501) }).ShouldHaveValidationErrorFor(f => f.Reason).WithErrorCode(LedgerErrors.TooLong);
    }
}
