using FluentValidation;
using IntroProgram.Web.Features.Shared;
using IntroProgram.Web.Localization;
using Microsoft.Extensions.Localization;

namespace IntroProgram.Web.Features.Audit;

/// <summary>
/// What the audit log's filter accepts, for the page and its CSV export alike. The failures are keyed by the short query
/// names the page's fields use (<c>to</c>, <c>type</c>).
/// </summary>
public sealed class AuditFilterValidator : FormValidator<AuditFilter>
{
    public const int MaxRecordTypeLength = 40;
    public const string ToBeforeFrom = "Audit.Filter.ToBeforeFrom";
    public const string TypeTooLong = "Audit.Filter.TypeTooLong";

    public AuditFilterValidator(IStringLocalizer<Ui> texts) : base(texts)
    {
        RuleFor(f => f.To).Must((filter, to) => filter.From is not { } from || to is not { } until || until >= from)
            .WithText(texts, ToBeforeFrom).OverridePropertyName(AuditFilter.ToKey);
        RuleFor(f => f.RecordType).MaximumLength(MaxRecordTypeLength).WithText(texts, TypeTooLong).OverridePropertyName(AuditFilter.TypeKey);
    }
}
