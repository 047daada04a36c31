using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace IntroProgram.Web.Localization;

/// <summary>The framework's own model-binding errors ("not a number", "required") in the user's language.</summary>
public sealed class LocalizedModelBindingMessages(IStringLocalizer<Ui> t) : IConfigureOptions<MvcOptions>
{
    public void Configure(MvcOptions options)
    {
        var p = options.ModelBindingMessageProvider;
        p.SetValueIsInvalidAccessor(_ => t["Validation.Invalid"]);
        p.SetAttemptedValueIsInvalidAccessor((_, _) => t["Validation.Invalid"]);
        p.SetValueMustBeANumberAccessor(_ => t["Validation.Number"]);
        p.SetMissingBindRequiredValueAccessor(_ => t["Validation.Required"]);
        p.SetMissingKeyOrValueAccessor(() => t["Validation.Required"]);
        p.SetMissingRequestBodyRequiredValueAccessor(() => t["Validation.Required"]);
        p.SetValueMustNotBeNullAccessor(_ => t["Validation.Required"]);
        p.SetNonPropertyAttemptedValueIsInvalidAccessor(_ => t["Validation.Invalid"]);
        p.SetUnknownValueIsInvalidAccessor(_ => t["Validation.Invalid"]);
        p.SetNonPropertyUnknownValueIsInvalidAccessor(() => t["Validation.Invalid"]);
        p.SetNonPropertyValueMustBeANumberAccessor(() => t["Validation.Number"]);
    }
}
