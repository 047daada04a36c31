using IntroProgram.Domain.Participants;

namespace IntroProgram.Infrastructure;

public enum CommandStatus
{
    Done,
    /// <summary>The input broke a rule; <see cref="CommandResult.Errors"/> says which, field by field.</summary>
    Invalid,
    /// <summary>No such record in the caller's municipality.</summary>
    NotFound,
    /// <summary>Someone else changed the record since the form was opened.</summary>
    Conflict,
    /// <summary>The same form was submitted before; nothing new was written and <see cref="CommandResult.Id"/> is the first result.</summary>
    AlreadyDone,
}

/// <summary>What a service did with a command from a form: never an exception for ordinary bad input.</summary>
public sealed record CommandResult(CommandStatus Status, Guid? Id, IReadOnlyList<FieldError> Errors)
{
    public bool Succeeded => Status is CommandStatus.Done or CommandStatus.AlreadyDone;

    public static CommandResult Done(Guid id) => new(CommandStatus.Done, id, []);
    public static CommandResult AlreadyDone(Guid? id) => new(CommandStatus.AlreadyDone, id, []);
    public static CommandResult NotFound { get; } = new(CommandStatus.NotFound, null, []);
    public static CommandResult Conflict { get; } = new(CommandStatus.Conflict, null, []);
    public static CommandResult Invalid(IReadOnlyList<FieldError> errors) => new(CommandStatus.Invalid, null, errors);
    public static CommandResult Invalid(string field, string code) => new(CommandStatus.Invalid, null, [new FieldError(field, code)]);
}
