namespace IntroProgram.Domain.Participants;

/// <summary>A problem with one input field: the field's name and an error code the UI translates.</summary>
public sealed record FieldError(string Field, string Code)
{
    /// <summary>The values the message shows (a date, a count), in the order of its placeholders; most messages have none.</summary>
    public IReadOnlyList<object> Arguments { get; init; } = Array.Empty<object>();

    public bool Equals(FieldError? other) =>
        other is not null && Field == other.Field && Code == other.Code && Arguments.SequenceEqual(other.Arguments);

    public override int GetHashCode() => HashCode.Combine(Field, Code);
}
