using FluentValidation;
using IntroProgram.Domain.Ledger;
using IntroProgram.Infrastructure.Ledger;
using IntroProgram.Web.Features.Shared;
using IntroProgram.Web.Localization;
using Microsoft.Extensions.Localization;

namespace IntroProgram.Web.Features.Hours;

/// <summary>
/// What the absence form accepts: the same date and step rules as hours. The absence day's 24 hours and the programme
/// period read other rows and stay in <see cref="HourLedger.RecordAbsenceAsync"/>, under the participant's lock.
/// </summary>
public sealed class AbsenceFormValidator : FormValidator<AbsenceForm>
{
    public const string ExcusedRequired = "Hours.Absence.ExcusedRequired";

    public AbsenceFormValidator(IStringLocalizer<Ui> texts, TimeProvider clock) : base(texts)
    {
        RuleFor(f => f.Date).DayDone(texts, clock);
        RuleFor(f => f.Hours).TypedHours(texts);
        // Excused or not is the coordinator's decision, never a default.
        RuleFor(f => f.Excused).NotNull().WithText(texts, ExcusedRequired);
        RuleFor(f => f.Reason).MaximumLength(HourLedger.MaxTextLength).WithText(texts, LedgerErrors.TooLong);
    }
}
