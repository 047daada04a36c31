namespace IntroProgram.Domain.Programme;

/// <summary>The result of checking input against the programme rules: empty when valid, otherwise error codes.</summary>
public sealed class ValidationOutcome
{
    public static ValidationOutcome Valid { get; } = new([]);

    public ValidationOutcome(IReadOnlyList<string> errors)
    {
        Errors = errors;
    }

    /// <summary>Codes from <see cref="ErrorCodes"/>, in the order the rules were checked.</summary>
    public IReadOnlyList<string> Errors { get; }

    public bool IsValid => Errors.Count == 0;

    internal static ValidationOutcome From(List<string> errors) => errors.Count == 0 ? Valid : new ValidationOutcome(errors.AsReadOnly());
}
