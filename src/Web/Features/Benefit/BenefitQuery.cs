using FluentValidation;
using IntroProgram.Web.Features.Shared;
using IntroProgram.Web.Localization;
using Microsoft.Extensions.Localization;

namespace IntroProgram.Web.Features.Benefit;

/// <summary>The benefit basis page and its export: a month (default the previous one) and optionally one coordinator's participants.</summary>
public sealed class BenefitQuery
{
    public string? Month { get; set; }
    public Guid? Coordinator { get; set; }
}

/// <summary>
/// A month given must be one ("2026-03", 2000–2100). A coordinator of another municipality answers 404, which the
/// controller decides by reading the municipality's staff.
/// </summary>
public sealed class BenefitQueryValidator : FormValidator<BenefitQuery>
{
    public BenefitQueryValidator(IStringLocalizer<Ui> texts) : base(texts) =>
        RuleFor(q => q.Month)
            .Must(month => MonthInput.TryParse(month, out _)).When(q => !string.IsNullOrEmpty(q.Month))
            .WithText(texts, "Benefit.MonthInvalid");
}
