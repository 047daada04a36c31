using FluentValidation;
using IntroProgram.Domain.Programme;
using IntroProgram.Web.Features.Shared;
using IntroProgram.Web.Localization;
using Microsoft.Extensions.Localization;

namespace IntroProgram.Web.Features.Certificates;

/// <summary>The month a certificate batch issues for ("2026-03").</summary>
public sealed class BatchMonthForm
{
    public string? Month { get; set; }
}

/// <summary>A month from 2000 up to next month (Oslo calendar): a batch for a month further ahead would find nobody done.</summary>
public sealed class BatchMonthFormValidator : FormValidator<BatchMonthForm>
{
    public BatchMonthFormValidator(IStringLocalizer<Ui> texts, TimeProvider clock) : base(texts) =>
        RuleFor(f => f.Month)
            .Must(month => MonthInput.TryParse(month, out var first) && first <= clock.OsloToday().AddMonths(1))
            .WithText(texts, "Certificates.Batch.MonthInvalid");
}
