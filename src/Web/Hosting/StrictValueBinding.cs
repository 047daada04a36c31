using System.Globalization;
using IntroProgram.Web.Localization;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Binders;
using Microsoft.Extensions.Localization;

namespace IntroProgram.Web.Hosting;

/// <summary>
/// Dates and choices read exactly, and text without NUL characters, or refused with the form's usual "invalid" message. The framework's own binders are
/// lenient in ways that change what was entered: a date is parsed with every pattern of the culture ("1,5,5" becomes
/// 1 May 2005), and a choice accepts comma-separated lists of flags ("1,5" becomes 1|5, another valid category).
/// A date must also lie in the years the app computes with (<see cref="StrictValues.EarliestDate"/> to
/// <see cref="StrictValues.LatestDate"/>): 0001-01-01 or 9999-12-31 in a filter overflowed the arithmetic behind it
/// (the day after, the start of an Oslo day) into a 500; now every form and filter refuses them with a message.
/// </summary>
public sealed class StrictValueBinderProvider : IModelBinderProvider
{
    /// <summary>Bound from the request's values (route, query, form), not from services, headers or the body.</summary>
    private static bool IsFromValues(BindingSource? source) =>
        source is null || source == BindingSource.ModelBinding || source == BindingSource.Query || source == BindingSource.Form
        || source == BindingSource.Path;

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
        if (type == typeof(string) && IsFromValues(context.BindingInfo.BindingSource))
        {
            return new TextBinder(new SimpleTypeModelBinder(typeof(string),
                context.Services.GetRequiredService<Microsoft.Extensions.Logging.ILoggerFactory>()));
        }
        return null;
    }
}

/// <summary>
/// Text as the framework reads it, refused when it holds a NUL character: PostgreSQL cannot store or compare one, so
/// a NUL in a query value (a filter, a note posted in the address) failed the statement with a 500. A form with one
/// was already refused as unreadable; an address now gets the form's "invalid" message too.
/// </summary>
internal sealed class TextBinder(IModelBinder inner) : IModelBinder
{
    public async Task BindModelAsync(ModelBindingContext bindingContext)
    {
        await inner.BindModelAsync(bindingContext);
        if (bindingContext.Result.Model is string text && text.Contains('\0', StringComparison.Ordinal))
        {
            bindingContext.Result = ModelBindingResult.Failed();
            bindingContext.ModelState.TryAddModelError(bindingContext.ModelName,
                bindingContext.ModelMetadata.ModelBindingMessageProvider.AttemptedValueIsInvalidAccessor(
                    text.Replace("\0", "", StringComparison.Ordinal), bindingContext.ModelMetadata.DisplayName ?? bindingContext.ModelName));
        }
    }
}

/// <summary>The exact formats accepted for a date and a choice, on their own so they can be tested directly.</summary>
public static class StrictValues
{
    /// <summary>What a date input sends (yyyy-MM-dd), and the Norwegian way of typing a date (d.M.yyyy) for browsers without one.</summary>
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "d.M.yyyy"];

    /// <summary>The first and last day a date field accepts: far beyond any birth date or programme, far inside what date arithmetic handles.</summary>
    public static readonly DateOnly EarliestDate = new(1900, 1, 1);
    public static readonly DateOnly LatestDate = new(2199, 12, 31);

    public static object? TryParseDate(string text, Type _) =>
        DateOnly.TryParseExact(text.Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    public static bool IsInRange(DateOnly date) => date >= EarliestDate && date <= LatestDate;

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
        var value = parse(text, type);
        if (value is DateOnly date && !StrictValues.IsInRange(date))
        {
            var t = bindingContext.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<Ui>>();
            bindingContext.ModelState.TryAddModelError(name, t["Validation.DateRange",
                StrictValues.EarliestDate.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture),
                StrictValues.LatestDate.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture)]);
        }
        else if (value is not null)
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
