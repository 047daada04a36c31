using FluentValidation;
using FluentValidation.Results;
using IntroProgram.Domain.Participants;
using IntroProgram.Web.Localization;
using Microsoft.Extensions.Localization;

namespace IntroProgram.Web.Features.Shared;

/// <summary>
/// The one list of what a form accepts. Every rule stops at its first failure, so a field gets one message, as it
/// did before the validators; the messages come from the UI texts in the user's language.
/// </summary>
public abstract class FormValidator<T> : AbstractValidator<T>
{
    protected FormValidator(IStringLocalizer<Ui> texts)
    {
        Texts = texts;
        RuleLevelCascadeMode = CascadeMode.Stop;
    }

    protected IStringLocalizer<Ui> Texts { get; }

    /// <summary>
    /// A programme rule written once in Domain as a function that returns field errors: each error becomes a failure
    /// on its field (the Domain's field names are the form's property names), in the user's language.
    /// </summary>
    protected void DomainRules(Func<T, IEnumerable<FieldError>> rules) =>
        // The rule names no property of its own: each failure carries the field its Domain error names.
        RuleFor(form => form).Configure(rule => rule.PropertyName = nameof(DomainRules)).Custom((form, context) =>
        {
            foreach (var error in rules(form))
            {
                context.AddFailure(new ValidationFailure(error.Field, Texts.Message(error)) { ErrorCode = error.Code });
            }
        });
}

public static class FormRules
{
    /// <summary>The failure carries the text key as its code, and the text in the user's language (asked when the rule fails) as its message.</summary>
    public static IRuleBuilderOptions<T, TProperty> WithText<T, TProperty>(this IRuleBuilderOptions<T, TProperty> rule, IStringLocalizer texts, string key) =>
        rule.WithErrorCode(key).WithMessage(_ => texts[key]);

    /// <summary>As <see cref="WithText{T,TProperty}(IRuleBuilderOptions{T,TProperty},IStringLocalizer,string)"/>, for a text that names the field ("{0} må fylles ut.").</summary>
    public static IRuleBuilderOptions<T, TProperty> WithText<T, TProperty>(this IRuleBuilderOptions<T, TProperty> rule, IStringLocalizer texts, string key, string fieldKey) =>
        rule.WithErrorCode(key).WithMessage(_ => texts[key, texts[fieldKey]]);

    /// <summary>A text field that must be filled in (not blank): "{field} må fylles ut."</summary>
    public static IRuleBuilderOptions<T, string?> Filled<T>(this IRuleBuilder<T, string?> rule, IStringLocalizer texts, string fieldKey) =>
        rule.NotEmpty().WithText(texts, "Validation.Required", fieldKey);

    /// <summary>"{field} er for lang." beyond <paramref name="maximum"/> characters.</summary>
    public static IRuleBuilderOptions<T, string?> NotLongerThan<T>(this IRuleBuilder<T, string?> rule, int maximum, IStringLocalizer texts, string fieldKey) =>
        rule.MaximumLength(maximum).WithText(texts, "Validation.TooLong", fieldKey);

    /// <summary>An e-mail address a person can be invited at: filled in, one @ with something on each side, at most 254 characters.</summary>
    public static IRuleBuilderOptions<T, string?> EmailAddressOf<T>(this IRuleBuilder<T, string?> rule, IStringLocalizer texts, string fieldKey) =>
        rule.Filled(texts, fieldKey).EmailAddress().WithText(texts, "Validation.Email", fieldKey).NotLongerThan(254, texts, fieldKey);
}
