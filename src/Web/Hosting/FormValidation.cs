using FluentValidation;
using Microsoft.AspNetCore.Mvc.Filters;

namespace IntroProgram.Web.Hosting;

/// <summary>
/// Runs the validator of every bound action argument that has one (see Features/*/*Validator.cs) before the action,
/// and puts its failures in ModelState under the field names the views use, so they show next to the field and in
/// the error summary. One filter for every controller: an action checks <c>ModelState.IsValid</c> as before.
/// </summary>
public sealed class FormValidationFilter : IAsyncActionFilter
{
    public async Task OnActionExecutionAsync(ActionExecutingContext context, ActionExecutionDelegate next)
    {
        var modelState = context.ModelState;
        // A value the binder could not read already has its message; "required" on top of it would only repeat it.
        var unreadable = modelState.Where(e => e.Value is { Errors.Count: > 0 }).Select(e => e.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var argument in context.ActionArguments.Values)
        {
            if (argument is null
                || context.HttpContext.RequestServices.GetService(typeof(IValidator<>).MakeGenericType(argument.GetType())) is not IValidator validator)
            {
                continue;
            }
            var result = await validator.ValidateAsync(new ValidationContext<object>(argument), context.HttpContext.RequestAborted);
            foreach (var failure in result.Errors.Where(f => !unreadable.Contains(f.PropertyName)))
            {
                modelState.AddModelError(failure.PropertyName, failure.ErrorMessage);
            }
        }
        await next();
    }
}
