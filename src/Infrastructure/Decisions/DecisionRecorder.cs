using IntroProgram.Domain.Auditing;
using IntroProgram.Domain.Decisions;
using IntroProgram.Domain.Participants;
using IntroProgram.Domain.Programme;
using IntroProgram.Infrastructure.Auditing;
using IntroProgram.Infrastructure.Data;
using IntroProgram.Infrastructure.Ledger;
using IntroProgram.Infrastructure.Participants;
using Microsoft.EntityFrameworkCore;

namespace IntroProgram.Infrastructure.Decisions;

public sealed record DecisionInput
{
    public DecisionKind Kind { get; init; }
    public DateOnly? DecidedOn { get; init; }
    public string? Reason { get; init; }
    public DateOnly? PeriodStart { get; init; }
    public DateOnly? PeriodEnd { get; init; }
    public LeaveType? LeaveType { get; init; }
    public DateOnly? ExtendedTo { get; init; }
    public decimal? ExtraHoursTotal { get; init; }
    public ParticipantStatus? Outcome { get; init; }
}

public sealed record TestResultInput
{
    public TestKind Kind { get; init; }
    public DateOnly? TakenOn { get; init; }
    public CefrLevel? Reading { get; init; }
    public CefrLevel? Listening { get; init; }
    public CefrLevel? Writing { get; init; }
    public CefrLevel? Oral { get; init; }
    public bool? Passed { get; init; }
    public string? Language { get; init; }
    public string? Note { get; init; }
}

/// <summary>
/// A caseworker's formal decisions and the test results they record. Each decision is stored as it was made and
/// then applied to the participant (deadlines, grant, status) in the same transaction.
/// </summary>
public sealed class DecisionRecorder(
    AppDbContext db, HourLedger ledger, RuleSetCatalog ruleSets, FormTokens forms, AuditLog audit, TimeProvider clock)
{
    public const string RecordType = "Decision";
    public const string TestRecordType = "TestResult";
    public const int MaxReasonLength = 2000;

    private DateOnly Today => clock.OsloToday();

    public async Task<CommandResult> DecideAsync(Guid participantId, DecisionInput input, Guid formToken, Guid actorId, CancellationToken ct = default)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // The totals lock also serialises a grant decision against concurrent logging of extra hours.
        var locked = await ledger.LockAsync([participantId], ct);
        if (!locked.TryGetValue(participantId, out var target))
        {
            return CommandResult.NotFound;
        }
        // Claimed before the checks: a repeated submit of a decision that changed the status (an end, a resumption)
        // must show the first result, not be refused against the new status. A refusal below rolls the claim back.
        var decisionId = Guid.CreateVersion7();
        if (await forms.ClaimAsync(formToken, "decision", decisionId.ToString(), ct) is { } earlier)
        {
            return CommandResult.AlreadyDone(Guid.Parse(earlier));
        }
        var participant = target.Participant;
        var ruleSet = ruleSets.Get(participant.RuleSetId);
        var leave = target.Leave;
        var errors = CheckCommon(input);
        if (input.DecidedOn is { } decidedOn && decidedOn <= Today)
        {
            errors.AddRange(DecisionDateRules.CheckDecidedOn(input.Kind, decidedOn, participant.Status, target.Period));
        }
        errors.AddRange(input.Kind switch
        {
            DecisionKind.Leave => CheckLeave(target, input),
            DecisionKind.Extension => await CheckExtensionAsync(target, ruleSet, input, ct),
            DecisionKind.ExtraHoursGrant => CheckGrant(participant, target.Totals, ruleSet, input),
            DecisionKind.ProgrammeEnd => await CheckEndAsync(participant, input, ct),
            DecisionKind.Resumption => participant.Status == ParticipantStatus.Stopped ? [] : [new(DecisionFields.Outcome, DecisionErrors.NotStopped)],
            _ => [new(DecisionFields.Outcome, DecisionErrors.Required)],
        });
        if (errors.Count > 0)
        {
            return CommandResult.Invalid(errors);
        }

        var decision = new Decision
        {
            TenantId = participant.TenantId,
            Id = decisionId,
            ParticipantId = participantId,
            Kind = input.Kind,
            DecidedOn = input.DecidedOn!.Value,
            Reason = input.Reason!.Trim(),
            DecidedBy = actorId,
            RecordedAt = clock.GetUtcNow(),
        };

        switch (input.Kind)
        {
            case DecisionKind.Leave:
                decision.PeriodStart = input.PeriodStart;
                decision.PeriodEnd = input.PeriodEnd;
                decision.LeaveType = input.LeaveType;
                leave = [.. leave, new LeavePeriod(input.PeriodStart!.Value, input.PeriodEnd!.Value)];
                if (participant.Status == ParticipantStatus.Active && decision.PeriodStart <= Today && Today <= decision.PeriodEnd)
                {
                    ParticipantRegistry.SetStatus(participant, ParticipantStatus.OnLeave, Today);
                }
                break;
            case DecisionKind.Extension:
                decision.ExtendedTo = input.ExtendedTo;
                participant.ExtendedTo = input.ExtendedTo;
                break;
            case DecisionKind.ExtraHoursGrant:
                decision.ExtraHoursTotal = input.ExtraHoursTotal;
                participant.ExtraNorwegianHoursGranted = input.ExtraHoursTotal!.Value;
                break;
            case DecisionKind.ProgrammeEnd:
                decision.Outcome = input.Outcome;
                ParticipantRegistry.SetStatus(participant, input.Outcome!.Value, decision.DecidedOn);
                break;
            case DecisionKind.Resumption:
                decision.Outcome = ParticipantStatus.Active;
                ParticipantRegistry.SetStatus(participant, ParticipantStatus.Active, decision.DecidedOn);
                break;
        }
        ParticipantSchedule.Apply(participant, ruleSet, leave);
        participant.UpdatedAt = clock.GetUtcNow();
        db.Decisions.Add(decision);
        audit.Add(AuditAction.Decide, RecordType, decision.Id.ToString(), participantId, input.Kind.ToString(), actorId);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return CommandResult.Done(decision.Id);
    }

    public async Task<CommandResult> RecordTestAsync(Guid participantId, TestResultInput input, Guid formToken, Guid actorId, CancellationToken ct = default)
    {
        var participant = await db.Participants.AsNoTracking().FirstOrDefaultAsync(p => p.Id == participantId, ct);
        if (participant is null)
        {
            return CommandResult.NotFound;
        }
        var errors = input.TakenOn is { } takenOn
            ? DecisionDateRules.CheckTestDate(takenOn, Today, participant.ProgrammeStart).ToList()
            : [new(DecisionFields.TakenOn, DecisionErrors.Required)];
        var hasResult = input.Kind == TestKind.Norwegian
            ? input.Reading is not null || input.Listening is not null || input.Writing is not null || input.Oral is not null
            : input.Passed is not null;
        if (!hasResult)
        {
            errors.Add(new(input.Kind == TestKind.Norwegian ? "Reading" : DecisionFields.Passed, DecisionErrors.TestNeedsAResult));
        }
        if (input.Note is { Length: > 500 })
        {
            errors.Add(new(DecisionFields.Note, DecisionErrors.TooLong));
        }
        if (input.Language is { Length: > 0 } language && !ParticipantRegistration.Languages.Contains(language))
        {
            errors.Add(new("Language", ParticipantErrors.InvalidLanguage));
        }
        if (errors.Count > 0)
        {
            return CommandResult.Invalid(errors);
        }
        var result = new TestResult
        {
            TenantId = participant.TenantId,
            Id = Guid.CreateVersion7(),
            ParticipantId = participantId,
            Kind = input.Kind,
            TakenOn = input.TakenOn!.Value,
            Reading = input.Kind == TestKind.Norwegian ? input.Reading : null,
            Listening = input.Kind == TestKind.Norwegian ? input.Listening : null,
            Writing = input.Kind == TestKind.Norwegian ? input.Writing : null,
            Oral = input.Kind == TestKind.Norwegian ? input.Oral : null,
            Passed = input.Kind == TestKind.SocialStudies ? input.Passed : null,
            Language = string.IsNullOrEmpty(input.Language) ? null : input.Language,
            Note = string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim(),
            RecordedBy = actorId,
            RecordedAt = clock.GetUtcNow(),
        };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (await forms.ClaimAsync(formToken, "test-result", result.Id.ToString(), ct) is { } earlier)
        {
            return CommandResult.AlreadyDone(Guid.Parse(earlier));
        }
        db.TestResults.Add(result);
        audit.Add(AuditAction.Decide, TestRecordType, result.Id.ToString(), participantId, input.Kind.ToString(), actorId);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return CommandResult.Done(result.Id);
    }

    private List<FieldError> CheckCommon(DecisionInput input)
    {
        var errors = new List<FieldError>();
        if (input.DecidedOn is not { } decidedOn)
        {
            errors.Add(new(DecisionFields.DecidedOn, DecisionErrors.Required));
        }
        else if (decidedOn > Today)
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
        return errors;
    }

    private static List<FieldError> CheckRunning(Participant p)
    {
        if (ParticipantStatusRules.IsEnded(p.Status))
        {
            return [new(DecisionFields.Outcome, DecisionErrors.ProgrammeEnded)];
        }
        return p.ProgrammeStart is null ? [new(DecisionFields.Outcome, DecisionErrors.NoProgrammeStart)] : [];
    }

    private static List<FieldError> CheckLeave(HourLedger.LockedParticipant target, DecisionInput input)
    {
        var errors = CheckRunning(target.Participant);
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
        if (input.PeriodStart is { } leaveStart && target.Period is { } period)
        {
            errors.AddRange(DecisionDateRules.CheckLeaveStart(leaveStart, period));
        }
        return errors;
    }

    /// <summary>Within the rule set's limits, and not ending before hours already logged (a second, shorter extension could).</summary>
    private async Task<List<FieldError>> CheckExtensionAsync(HourLedger.LockedParticipant target, RuleSet ruleSet, DecisionInput input, CancellationToken ct)
    {
        var p = target.Participant;
        var errors = CheckRunning(p);
        if (input.ExtendedTo is not { } extendedTo)
        {
            errors.Add(new(DecisionFields.ExtendedTo, DecisionErrors.Required));
        }
        else if (p.ProgrammeStart is { } start)
        {
            var limits = ProgrammeDeadlines.ValidateExtension(start, ruleSet, target.Leave, extendedTo);
            errors.AddRange(limits.Errors.Select(code => new FieldError(DecisionFields.ExtendedTo, code)));
            if (limits.IsValid)
            {
                errors.AddRange(DecisionDateRules.CheckLedgerAfter(DecisionFields.ExtendedTo, extendedTo,
                    await ledger.LiveRowsAfterAsync(p.Id, extendedTo, ct)));
            }
        }
        return errors;
    }

    private static List<FieldError> CheckGrant(Participant p, ParticipantTotals totals, RuleSet ruleSet, DecisionInput input)
    {
        var errors = CheckRunning(p);
        if (input.ExtraHoursTotal is not { } total)
        {
            errors.Add(new(DecisionFields.ExtraHoursTotal, DecisionErrors.Required));
        }
        else
        {
            errors.AddRange(ExtraNorwegianGrantRules.Validate(total, totals.ExtraNorwegianHours, ruleSet).Errors
                .Select(code => new FieldError(DecisionFields.ExtraHoursTotal, code)));
        }
        return errors;
    }

    /// <summary>A possible outcome from the current status, on a day after which nothing live is logged.</summary>
    private async Task<List<FieldError>> CheckEndAsync(Participant p, DecisionInput input, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        if (input.Outcome is not ({ } outcome and (ParticipantStatus.Completed or ParticipantStatus.Stopped or ParticipantStatus.Exited)))
        {
            errors.Add(new(DecisionFields.Outcome, DecisionErrors.InvalidOutcome));
        }
        else if (!ParticipantStatusRules.CanChange(p.Status, outcome))
        {
            errors.Add(new(DecisionFields.Outcome, ParticipantStatusRules.IsEnded(p.Status) ? DecisionErrors.ProgrammeEnded : ParticipantErrors.InvalidStatusChange));
        }
        else if (input.DecidedOn is { } endsOn)
        {
            errors.AddRange(DecisionDateRules.CheckLedgerAfter(DecisionFields.DecidedOn, endsOn, await ledger.LiveRowsAfterAsync(p.Id, endsOn, ct)));
        }
        return errors;
    }
}
