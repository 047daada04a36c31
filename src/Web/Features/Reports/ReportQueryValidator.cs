using FluentValidation;
using IntroProgram.Domain.Programme;
using IntroProgram.Infrastructure.Reporting;
using IntroProgram.Web.Features.Shared;
using IntroProgram.Web.Localization;
using Microsoft.Extensions.Localization;

namespace IntroProgram.Web.Features.Reports;

/// <summary>
/// What the dashboard's and the exports' period accepts: a to-date not before the from-date, and at most
/// <see cref="ReportFilter.MaximumYears"/> years (an open end takes the default period's). Keyed by the short query
/// names the fields use. A coordinator who is not one of the municipality's is answered 404 by the controller.
/// </summary>
public sealed class ReportQueryValidator : FormValidator<ReportQuery>
{
    public const string ToBeforeFrom = "Reports.Filter.ToBeforeFrom";
    public const string TooLong = "Reports.Filter.TooLong";

    public ReportQueryValidator(IStringLocalizer<Ui> texts, TimeProvider clock) : base(texts)
    {
        RuleFor(q => q.To).Must((query, _) => Period(query, clock) is var f && f.To >= f.From)
            .WithText(texts, ToBeforeFrom).OverridePropertyName(ReportQuery.ToKey);
        RuleFor(q => q.From).Must((query, _) => Period(query, clock) is var f && (f.To < f.From || f.IsValid))
            .WithErrorCode(TooLong).WithMessage(_ => texts[TooLong, ReportFilter.MaximumYears]).OverridePropertyName(ReportQuery.FromKey);
    }

    private static ReportFilter Period(ReportQuery query, TimeProvider clock) => query.ToFilter(clock.OsloToday());
}
