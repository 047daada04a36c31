using FluentValidation;
using IntroProgram.Domain.Ledger;
using IntroProgram.Infrastructure.Ledger;
using IntroProgram.Web.Features.Shared;
using IntroProgram.Web.Localization;
using Microsoft.Extensions.Localization;

namespace IntroProgram.Web.Features.Hours;

/// <summary>
/// What the hour-entry form accepts. The rules that read other rows stay in <see cref="HourLedger.LogAsync"/>, under the
/// participant's lock: the 24-hour day, the programme period (start, end, leave) and the extra Norwegian grant against use.
/// </summary>
public sealed class HourEntryFormValidator : FormValidator<HourEntryForm>
{
    public HourEntryFormValidator(IStringLocalizer<Ui> texts, TimeProvider clock) : base(texts)
    {
        RuleFor(f => f.Date).DayDone(texts, clock);
        RuleFor(f => f.Category).KnownCategory(texts);
        RuleFor(f => f.Hours).TypedHours(texts);
        RuleFor(f => f.Note).MaximumLength(HourLedger.MaxTextLength).WithText(texts, LedgerErrors.TooLong);
    }
}
