using IntroProgram.Domain.Participants;
using IntroProgram.Domain.Programme;

namespace IntroProgram.Domain.Decisions;

/// <summary>
/// What a decision or a test result must hold before it is weighed against the participant: the fields its kind needs,
/// dates not in the future, texts within their length. The checks against the participant (the programme period,
/// leave, the ledger, the extra-hours grant against use) are in <see cref="DecisionDateRules"/> and the recorder.
/// </summary>
public static class DecisionInputRules
{
    public const int MaxReasonLength = 2000;
    public const int MaxNoteLength = 500;

    /// <summary>The endings a caseworker can decide.</summary>
    public static readonly IReadOnlyList<ParticipantStatus> Outcomes = [ParticipantStatus.Completed, ParticipantStatus.Stopped, ParticipantStatus.Exited];

    public static IReadOnlyList<FieldError> Validate(DecisionInput input, DateOnly today)
    {
        var errors = new List<FieldError>();
        if (input.DecidedOn is not { } decidedOn)
        {
            errors.Add(new(DecisionFields.DecidedOn, DecisionErrors.Required));
        }
        else if (decidedOn > today)
        {
            errors.Add(new(DecisionFields.DecidedOn, DecisionErrors.DateInFuture));
        }
        if (string.IsNullOrWhiteSpace(input.Reason))
        {
            errors.Add(new(DecisionFields.Reason, DecisionErrors.ReasonRequired));
        }
        else if (input.Reason.Trim().Length > MaxReasonLength)
        {
            errors.Add(new(DecisionFields.Reason, DecisionErrors.TooLong));
        }

        switch (input.Kind)
        {
            case DecisionKind.Leave:
                if (input.PeriodStart is null)
                {
                    errors.Add(new(DecisionFields.PeriodStart, DecisionErrors.Required));
                }
                if (input.PeriodEnd is null)
                {
                    errors.Add(new(DecisionFields.PeriodEnd, DecisionErrors.Required));
                }
                if (input.LeaveType is not { } type || !Enum.IsDefined(type))
                {
                    errors.Add(new(DecisionFields.LeaveType, DecisionErrors.Required));
                }
                if (input.PeriodStart is { } start && input.PeriodEnd is { } end)
                {
                    errors.AddRange(LeavePeriod.Validate(start, end).Errors.Select(code => new FieldError(DecisionFields.PeriodEnd, code)));
                }
                break;
            case DecisionKind.Extension when input.ExtendedTo is null:
                errors.Add(new(DecisionFields.ExtendedTo, DecisionErrors.Required));
                break;
            case DecisionKind.ExtraHoursGrant when input.ExtraHoursTotal is null:
                errors.Add(new(DecisionFields.ExtraHoursTotal, DecisionErrors.Required));
                break;
            case DecisionKind.ProgrammeEnd when input.Outcome is not { } outcome || !Outcomes.Contains(outcome):
                errors.Add(new(DecisionFields.Outcome, DecisionErrors.InvalidOutcome));
                break;
            case DecisionKind.Leave or DecisionKind.Extension or DecisionKind.ExtraHoursGrant or DecisionKind.ProgrammeEnd or DecisionKind.Resumption:
                break;
            default:
                errors.Add(new(DecisionFields.Outcome, DecisionErrors.Required));
                break;
        }
        return errors;
    }

    /// <summary>A test result: the day it was taken (not in the future), a result, a known language, a note within its length.</summary>
    public static IReadOnlyList<FieldError> ValidateTest(TestResultInput input, DateOnly today)
    {
        var errors = new List<FieldError>();
        if (input.TakenOn is not { } takenOn)
        {
            errors.Add(new(DecisionFields.TakenOn, DecisionErrors.Required));
        }
        else if (takenOn > today)
        {
            errors.Add(new(DecisionFields.TakenOn, DecisionErrors.DateInFuture));
        }
        var hasResult = input.Kind == TestKind.Norwegian
            ? input.Reading is not null || input.Listening is not null || input.Writing is not null || input.Oral is not null
            : input.Passed is not null;
        if (!hasResult)
        {
            errors.Add(new(input.Kind == TestKind.Norwegian ? DecisionFields.Reading : DecisionFields.Passed, DecisionErrors.TestNeedsAResult));
        }
        if (input.Note is { Length: > MaxNoteLength })
        {
            errors.Add(new(DecisionFields.Note, DecisionErrors.TooLong));
        }
        if (input.Language is { Length: > 0 } language && !ParticipantRegistration.Languages.Contains(language))
        {
            errors.Add(new(DecisionFields.Language, ParticipantErrors.InvalidLanguage));
        }
        return errors;
    }
}
