using System.Security.Claims;
using IntroProgram.Domain.Participants;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace IntroProgram.Web.Features.Shared;

/// <summary>Turns a service's field errors into messages next to the form's fields, in the user's language.</summary>
public static class FormResults
{
    /// <param name="prefix">The view model property that holds the input, e.g. "Input" for fields named "Input.Hours".</param>
    public static void AddFieldErrors(this ModelStateDictionary modelState, IEnumerable<FieldError> errors, IStringLocalizer t, string? prefix = null)
    {
        foreach (var error in errors)
        {
            var key = string.IsNullOrEmpty(prefix) ? error.Field : prefix + "." + error.Field;
            modelState.AddModelError(key, t.Message(error));
        }
    }

    /// <summary>The error's message in the user's language, with the values it shows (a date, a count) filled in.</summary>
    public static string Message(this IStringLocalizer t, FieldError error) =>
        error.Arguments.Count == 0 ? t[error.Code] : t[error.Code, [.. error.Arguments]];

    /// <summary>The first error message of a refused request, for an answer without a form to show it next to (a download).</summary>
    public static string? FirstError(this ModelStateDictionary modelState) =>
        modelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage).FirstOrDefault(m => !string.IsNullOrEmpty(m));

    /// <summary>The signed-in user's id.</summary>
    public static Guid UserId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id)
            ? id
            : throw new InvalidOperationException("The request is not signed in.");
}
