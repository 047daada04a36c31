using FluentValidation;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.Filters;

namespace IntroProgram.Web.Hosting;

/// <summary>
/// Runs the validator of every bound action argument that has one (see Features/*/*Validator.cs) before the action,
/// and puts its failures in ModelState under the field names the views use, so they show next to the field and in
/// the error summary. An argument bound under a prefix (<c>[Bind(Prefix = "Input")]</c>) gets its failures under that
/// prefix ("Input.GivenName"). One filter for every controller: an action checks <c>ModelState.IsValid</c> as before.
/// </summary>
public sealed class FormValidationFilter : IAsyncActionFilter
{
    public async Task OnActionExecutionAsync(ActionExecutingContext context, ActionExecutionDelegate next)
    {
        var modelState = context.ModelState;
        // A value the binder could not read already has its message; "required" on top of it would only repeat it.
        var unreadable = modelState.Where(e => e.Value is { Errors.Count: > 0 }).Select(e => e.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, argument) in context.ActionArguments)
        {
            if (argument is null
                || context.HttpContext.RequestServices.GetService(typeof(IValidator<>).MakeGenericType(argument.GetType())) is not IValidator validator)
            {
                continue;
            }
            var prefix = PrefixOf(context, name);
            var result = await validator.ValidateAsync(new ValidationContext<object>(argument), context.HttpContext.RequestAborted);
            foreach (var failure in result.Errors)
            {
                var key = prefix is null ? failure.PropertyName
                    : string.IsNullOrEmpty(failure.PropertyName) ? prefix : prefix + "." + failure.PropertyName;
                if (!unreadable.Contains(key))
                {
                    modelState.AddModelError(key, failure.ErrorMessage);
                }
            }
        }
        await next();
    }

    /// <summary>The prefix the argument was bound under, when its binding names one.</summary>
    private static string? PrefixOf(ActionExecutingContext context, string argumentName) =>
        context.ActionDescriptor is ControllerActionDescriptor action
        && action.Parameters.FirstOrDefault(p => p.Name == argumentName) is { BindingInfo.BinderModelName: { Length: > 0 } prefix }
            ? prefix
            : null;
}
