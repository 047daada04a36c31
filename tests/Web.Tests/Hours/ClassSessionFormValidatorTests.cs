using FluentValidation.TestHelper;
using IntroProgram.Domain.Ledger;
using IntroProgram.Domain.Programme;
using IntroProgram.Web.Features.Hours;
using static IntroProgram.Web.Tests.Support.ValidatorSupport;

namespace IntroProgram.Web.Tests.Hours;

/// <summary>The class-session form's rules, row by row, without the app or the database.</summary>
public sealed class ClassSessionFormValidatorTests
{
    private static readonly DateOnly Today = new(2026, 3, 10);
    private static readonly ClassSessionFormValidator Validator = new(Texts, ClockAt(new DateTimeOffset(2026, 3, 10, 11, 0, 0, TimeSpan.Zero)));
    private static readonly Guid First = Guid.Parse("00000000-0000-0000-0000-000000000001");
    private static readonly Guid Second = Guid.Parse("00000000-0000-0000-0000-000000000002");

    private static ClassSessionForm Session(string? title = null, params (Guid Id, string Choice)[] rows) => new()
    {
        Date = Today, Category = HourCategory.Norwegian, Hours = "2,25", Title = title,
        Attendance = rows.Length == 0 ? new() { [First] = nameof(Attendance.Attended) } : rows.ToDictionary(r => r.Id, r => r.Choice),
    };

    [Fact]
    public void A_session_with_someone_present_and_known_choices_passes()
    {
        Validator.TestValidate(Session(rows: [(First, nameof(Attendance.Attended)), (Second, SessionChoices.NotInGroup)])).ShouldNotHaveAnyValidationErrors();
    }

    [Fact]
    public void A_row_with_an_unknown_choice_is_refused_in_that_row()
    {
        var result = Validator.TestValidate(Session(rows: [(First, nameof(Attendance.Attended)), (Second, "Maybe")]));

        result.ShouldHaveValidationErrorFor($"Attendance[{Second}]").WithErrorCode(ClassSessionFormValidator.InvalidChoice);
        result.ShouldNotHaveValidationErrorFor($"Attendance[{First}]");
    }

    [Fact]
    public void A_session_without_anyone_present_is_refused()
    {
        Validator.TestValidate(Session(rows: [(First, nameof(Attendance.AbsentExcused)), (Second, SessionChoices.NotInGroup)]))
            .ShouldHaveValidationErrorFor(f => f.Attendance).WithErrorCode(LedgerErrors.NoAttendees);
    }

    [Fact]
    public void A_title_may_have_200_characters_and_not_201()
    {
        Validator.TestValidate(Session(new string('a', 200))).ShouldNotHaveAnyValidationErrors();
        Validator.TestValidate(Session(new string('a', 201))).ShouldHaveValidationErrorFor(f => f.Title).WithErrorCode(LedgerErrors.TooLong);
    }

    [Fact]
    public void The_session_follows_the_hour_rules()
    {
        var result = Validator.TestValidate(new ClassSessionForm { Date = Today.AddDays(1), Hours = "1,1", Attendance = new() { [First] = nameof(Attendance.Attended) } });

        result.ShouldHaveValidationErrorFor(f => f.Date).WithErrorCode(ErrorCodes.HoursInFuture);
        result.ShouldHaveValidationErrorFor(f => f.Category).WithErrorCode(LedgerErrors.Required);
        result.ShouldHaveValidationErrorFor(f => f.Hours).WithErrorCode(ErrorCodes.HoursNotQuarterHour);
    }
}
