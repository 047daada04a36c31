using FluentValidation;
using IntroProgram.Domain.Ledger;
using IntroProgram.Infrastructure.Ledger;
using IntroProgram.Web.Features.Shared;
using IntroProgram.Web.Localization;
using Microsoft.Extensions.Localization;

namespace IntroProgram.Web.Features.Hours;

/// <summary>
/// What voiding an entry or an absence asks for: why. "Already voided" is about the record, and is answered by
/// <see cref="HourLedger"/> under the participant's lock.
/// </summary>
public sealed class VoidFormValidator : FormValidator<VoidForm>
{
    public VoidFormValidator(IStringLocalizer<Ui> texts) : base(texts)
    {
        RuleFor(f => f.Reason).NotEmpty().WithText(texts, LedgerErrors.ReasonRequired)
            .Must(reason => reason!.Trim().Length <= HourLedger.MaxTextLength).WithText(texts, LedgerErrors.TooLong);
    }
}
