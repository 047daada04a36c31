using FluentValidation;
using FluentValidation.Results;
using IntroProgram.Domain.Ledger;
using IntroProgram.Infrastructure.Ledger;
using IntroProgram.Web.Features.Shared;
using IntroProgram.Web.Localization;
using Microsoft.Extensions.Localization;

namespace IntroProgram.Web.Features.Hours;

/// <summary>
/// What the class-session form accepts: the session's date, category, hours and title, one known choice per row, and
/// someone present. A row's error is keyed by the row's field, <c>Attendance[participant id]</c>. The rules that read
/// each participant's rows (the 24-hour day, the programme period, the grant) stay in
/// <see cref="HourLedger.LogClassSessionAsync"/>, under the participants' locks.
/// </summary>
public sealed class ClassSessionFormValidator : FormValidator<ClassSessionForm>
{
    public const int MaxTitleLength = 200;
    public const string InvalidChoice = "Validation.Invalid";

    public ClassSessionFormValidator(IStringLocalizer<Ui> texts, TimeProvider clock) : base(texts)
    {
        RuleFor(f => f.Date).DayDone(texts, clock);
        RuleFor(f => f.Category).KnownCategory(texts);
        RuleFor(f => f.Hours).TypedHours(texts);
        RuleFor(f => f.Title).MaximumLength(MaxTitleLength).WithText(texts, LedgerErrors.TooLong);
        RuleFor(f => f.Attendance).Custom((rows, context) =>
        {
            foreach (var id in rows.Where(r => !SessionChoices.All.Contains(r.Value)).Select(r => r.Key).Order())
            {
                context.AddFailure(new ValidationFailure(LedgerFields.AttendanceOf(id), texts[InvalidChoice]) { ErrorCode = InvalidChoice });
            }
        });
        RuleFor(f => f.Attendance).Must(rows => rows.ContainsValue(nameof(Attendance.Attended))).WithText(texts, LedgerErrors.NoAttendees);
    }
}
