using FluentValidation;
using IntroProgram.Domain.Ledger;
using IntroProgram.Domain.Programme;
using IntroProgram.Web.Features.Shared;
using Microsoft.Extensions.Localization;

namespace IntroProgram.Web.Features.Hours;

/// <summary>The rules every hours form shares (hour entry, absence, class session), each one a call to the Domain rule.</summary>
public static class HourFormRules
{
    public const string NotANumber = "Hours.Form.NotANumber";

    /// <summary>Hours as typed: filled in, a number ("1,5" or "1.5"), more than zero, in quarter-hour steps.</summary>
    public static IRuleBuilderOptions<T, string?> TypedHours<T>(this IRuleBuilder<T, string?> rule, IStringLocalizer texts) =>
        rule.NotEmpty().WithText(texts, LedgerErrors.Required)
            .Must(text => HoursInput.TryParse(text, out _)).WithText(texts, NotANumber)
            .Must(text => HourEntryRules.IsPositive(HoursInput.Parse(text))).WithText(texts, ErrorCodes.HoursNotPositive)
            .Must(text => HourEntryRules.IsQuarterHourStep(HoursInput.Parse(text))).WithText(texts, ErrorCodes.HoursNotQuarterHour);

    /// <summary>The day the hours were done: filled in and not after today (the Oslo calendar day).</summary>
    public static IRuleBuilderOptions<T, DateOnly?> DayDone<T>(this IRuleBuilder<T, DateOnly?> rule, IStringLocalizer texts, TimeProvider clock) =>
        rule.NotNull().WithText(texts, LedgerErrors.Required)
            .Must(date => !HourEntryRules.IsInFuture(date!.Value, clock.OsloToday())).WithText(texts, ErrorCodes.HoursInFuture);

    public static IRuleBuilderOptions<T, HourCategory?> KnownCategory<T>(this IRuleBuilder<T, HourCategory?> rule, IStringLocalizer texts) =>
        rule.NotNull().WithText(texts, LedgerErrors.Required)
            .Must(category => HourEntryRules.IsKnownCategory(category!.Value)).WithText(texts, ErrorCodes.HoursUnknownCategory);
}
