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

/// <summary>
/// A caseworker's formal decisions and the test results they record. Each decision is stored as it was made and
/// then applied to the participant (deadlines, grant, status) in the same transaction.
/// </summary>
public sealed class DecisionRecorder(
    AppDbContext db, HourLedger ledger, RuleSetCatalog ruleSets, FormTokens forms, AuditLog audit, TimeProvider clock)
{
    public const string RecordType = "Decision";
    public const string TestRecordType = "TestResult";

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
        var errors = DecisionInputRules.Validate(input, Today).ToList();
        if (errors.Count > 0)
        {
            return CommandResult.Invalid(errors); // the form's validator shows these first; a caller without one gets them here
        }
        if (input.DecidedOn is { } decidedOn)
        {
            errors.AddRange(DecisionDateRules.CheckDecidedOn(input.Kind, decidedOn, participant.Status, target.Period));
        }
        errors.AddRange(input.Kind switch
        {
            DecisionKind.Leave => CheckLeave(target, input),
            DecisionKind.Extension => await CheckExtensionAsync(target, ruleSet, input, ct),
            DecisionKind.ExtraHoursGrant => CheckGrant(participant, target.Totals, ruleSet, input),
            DecisionKind.ProgrammeEnd => await CheckEndAsync(participant, input, ct),
            _ => participant.Status == ParticipantStatus.Stopped ? [] : [new(DecisionFields.Outcome, DecisionErrors.NotStopped)],
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
        var errors = DecisionInputRules.ValidateTest(input, Today).ToList();
        if (errors.Count == 0)
        {
            errors.AddRange(DecisionDateRules.CheckTestDate(input.TakenOn!.Value, participant.ProgrammeStart));
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
        if (input.ExtendedTo is { } extendedTo && p.ProgrammeStart is { } start)
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
        if (input.ExtraHoursTotal is { } total)
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
        var outcome = input.Outcome!.Value;
        if (!ParticipantStatusRules.CanChange(p.Status, outcome))
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
