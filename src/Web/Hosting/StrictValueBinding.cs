using System.Globalization;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace IntroProgram.Web.Hosting;

/// <summary>
/// Dates and choices read exactly, or refused with the form's usual "invalid" message. The framework's own binders are
/// lenient in ways that change what was entered: a date is parsed with every pattern of the culture ("1,5,5" becomes
/// 1 May 2005), and a choice accepts comma-separated lists of flags ("1,5" becomes 1|5, another valid category).
/// </summary>
public sealed class StrictValueBinderProvider : IModelBinderProvider
{
    public IModelBinder? GetBinder(ModelBinderProviderContext context)
    {
        var type = Nullable.GetUnderlyingType(context.Metadata.ModelType) ?? context.Metadata.ModelType;
        if (type == typeof(DateOnly))
        {
            return new StrictValueBinder(StrictValues.TryParseDate);
        }
        if (type.IsEnum && !type.IsDefined(typeof(FlagsAttribute), inherit: false))
        {
            return new StrictValueBinder((text, _) => StrictValues.TryParseChoice(type, text));
        }
        return null;
    }
}

/// <summary>The exact formats accepted for a date and a choice, on their own so they can be tested directly.</summary>
public static class StrictValues
{
    /// <summary>What a date input sends (yyyy-MM-dd), and the Norwegian way of typing a date (d.M.yyyy) for browsers without one.</summary>
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "d.M.yyyy"];

    public static object? TryParseDate(string text, Type _) =>
        DateOnly.TryParseExact(text.Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    /// <summary>One defined member, by its name (any case) or its number; never a list, never an undefined number.</summary>
    public static object? TryParseChoice(Type enumType, string text)
    {
        text = text.Trim();
        if (text.Length == 0 || text.Contains(',', StringComparison.Ordinal))
        {
            return null;
        }
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            var value = Enum.ToObject(enumType, number);
            return Enum.IsDefined(enumType, value) ? value : null;
        }
        return Enum.GetNames(enumType).FirstOrDefault(n => string.Equals(n, text, StringComparison.OrdinalIgnoreCase)) is { } name
            ? Enum.Parse(enumType, name)
            : null;
    }
}

internal sealed class StrictValueBinder(Func<string, Type, object?> parse) : IModelBinder
{
    public Task BindModelAsync(ModelBindingContext bindingContext)
    {
        var name = bindingContext.ModelName;
        var result = bindingContext.ValueProvider.GetValue(name);
        if (result == ValueProviderResult.None)
        {
            return Task.CompletedTask;
        }
        bindingContext.ModelState.SetModelValue(name, result);
        var text = result.FirstValue;
        var metadata = bindingContext.ModelMetadata;
        if (string.IsNullOrWhiteSpace(text))
        {
            // As the framework does: an empty value is null where null is allowed, and "required" where it is not.
            if (metadata.IsReferenceOrNullableType)
            {
                bindingContext.Result = ModelBindingResult.Success(null);
            }
            else
            {
                bindingContext.ModelState.TryAddModelError(name,
                    metadata.ModelBindingMessageProvider.ValueMustNotBeNullAccessor(text ?? ""));
            }
            return Task.CompletedTask;
        }
        var type = Nullable.GetUnderlyingType(metadata.ModelType) ?? metadata.ModelType;
        if (parse(text, type) is { } value)
        {
            bindingContext.Result = ModelBindingResult.Success(value);
        }
        else
        {
            bindingContext.ModelState.TryAddModelError(name,
                metadata.ModelBindingMessageProvider.AttemptedValueIsInvalidAccessor(text, metadata.DisplayName ?? name));
        }
        return Task.CompletedTask;
    }
}
