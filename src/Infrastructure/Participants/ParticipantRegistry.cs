using IntroProgram.Domain.Auditing;
using IntroProgram.Domain.Decisions;
using IntroProgram.Domain.Ledger;
using IntroProgram.Domain.Participants;
using IntroProgram.Domain.Programme;
using IntroProgram.Infrastructure.Auditing;
using IntroProgram.Infrastructure.Data;
using IntroProgram.Infrastructure.Ledger;
using IntroProgram.Infrastructure.Identity;
using IntroProgram.Infrastructure.Plans;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace IntroProgram.Infrastructure.Participants;

/// <summary>Registers and edits participants and moves them through the status life-cycle.</summary>
public sealed class ParticipantRegistry(
    AppDbContext db, NationalIdProtector nationalIds, RuleSetCatalog ruleSets, FormTokens forms, AuditLog audit, TimeProvider clock)
{
    public const string RecordType = "Participant";

    private DateOnly Today => clock.OsloToday();

    public async Task<CommandResult> RegisterAsync(ParticipantDetails input, Guid formToken, Guid? actorId, CancellationToken ct = default)
    {
        var tenant = db.CurrentTenantId ?? throw new TenantMismatchException("Participants are registered within a municipality.");
        // A repeated submit of a form that already registered someone shows that participant, rather than being
        // refused as a duplicate of the person it created.
        if (await db.FormSubmissions.AsNoTracking().Where(f => f.Token == formToken).Select(f => f.ResultId).FirstOrDefaultAsync(ct) is { } done)
        {
            return CommandResult.AlreadyDone(Guid.Parse(done));
        }
        var (errors, id, ruleSet) = await CheckAsync(input, existing: null, ct);
        if (errors.Count > 0)
        {
            return CommandResult.Invalid(errors);
        }

        var now = clock.GetUtcNow();
        var participant = new Participant
        {
            TenantId = tenant,
            Id = Guid.CreateVersion7(),
            CreatedAt = now,
            CreatedBy = actorId,
            Status = ParticipantStatus.Registered,
            StatusChangedOn = Today,
        };
        Apply(participant, input, id!, ruleSet!);
        ParticipantSchedule.Apply(participant, ruleSet!, []); // a new participant has no leave yet
        PromoteWhenStarted(participant);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (await forms.ClaimAsync(formToken, "participant.register", participant.Id.ToString(), ct) is { } earlier)
        {
            return CommandResult.AlreadyDone(Guid.Parse(earlier));
        }
        db.Participants.Add(participant);
        // No hours yet: neither requirement is reached, and that is worked out for the participant's rule set.
        db.ParticipantTotals.Add(new ParticipantTotals { TenantId = tenant, ParticipantId = participant.Id, ReachedRuleSetId = participant.RuleSetId });
        await MappingFlag.OnStatusChangedAsync(db, participant, ParticipantStatus.Registered, now, ct);
        audit.Add(AuditAction.Create, RecordType, participant.Id.ToString(), participant.Id, actorId: actorId);
        try
        {
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Another coordinator registered the same person a moment ago.
            return CommandResult.Invalid(ParticipantFields.NationalId, ParticipantErrors.DuplicateNationalId);
        }
        return CommandResult.Done(participant.Id);
    }

    public async Task<CommandResult> UpdateAsync(Guid participantId, ParticipantDetails input, uint version, Guid? actorId, CancellationToken ct = default)
    {
        var participant = await db.Participants.FirstOrDefaultAsync(p => p.Id == participantId, ct);
        if (participant is null)
        {
            return CommandResult.NotFound;
        }
        if (participant.Version != version)
        {
            return CommandResult.Conflict;
        }
        var (errors, id, ruleSet) = await CheckAsync(input, participant, ct);
        if (participant.ProgrammeStart != input.ProgrammeStart && input.ProgrammeStart is { } newStart)
        {
            var firstEntry = await db.HourEntries.Where(e => e.ParticipantId == participantId && e.VoidedAt == null)
                .MinAsync(e => (DateOnly?)e.Date, ct);
            if (firstEntry is { } first && first < newStart)
            {
                errors.Add(new(ParticipantFields.ProgrammeStart, ParticipantErrors.StartAfterLoggedHours));
            }
            // A programme cannot begin after the day it was recorded as ended or stopped.
            if (participant.EndedOn is { } ended && newStart > ended)
            {
                errors.Add(new(ParticipantFields.ProgrammeStart, ParticipantErrors.StartAfterProgrammeEnd));
            }
        }
        if (input.ProgrammeStart is null && participant.ProgrammeStart is not null && participant.Status != ParticipantStatus.Registered)
        {
            errors.Add(new(ParticipantFields.ProgrammeStart, ParticipantErrors.Required));
        }
        if (errors.Count > 0)
        {
            return CommandResult.Invalid(errors);
        }

        var changed = ChangedFields(participant, input, nationalIds.Hash(participant.TenantId, id!));
        var statusBefore = participant.Status;
        var ruleSetBefore = participant.RuleSetId;
        Apply(participant, input, id!, ruleSet!);
        await ApplyScheduleAsync(participant, ct);
        PromoteWhenStarted(participant);
        await MappingFlag.OnStatusChangedAsync(db, participant, statusBefore, clock.GetUtcNow(), ct);
        participant.UpdatedAt = clock.GetUtcNow();
        audit.Add(AuditAction.Change, RecordType, participant.Id.ToString(), participant.Id, "fields: " + string.Join(",", changed), actorId);
        try
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await db.SaveChangesAsync(ct);
            if (participant.RuleSetId != ruleSetBefore)
            {
                // Another permit date can mean other hour requirements, so other days they were reached.
                await RequirementDays.RefreshAsync(db, ruleSets, [participant.Id], ct);
            }
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return CommandResult.Conflict;
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return CommandResult.Invalid(ParticipantFields.NationalId, ParticipantErrors.DuplicateNationalId);
        }
        return CommandResult.Done(participant.Id);
    }

    /// <summary>
    /// A coordinator's status change outside a decision: start the programme, or mark the start or end of a leave a
    /// caseworker has approved. Endings are caseworker decisions (see the decision service).
    /// </summary>
    public async Task<CommandResult> ChangeStatusAsync(Guid participantId, ParticipantStatus to, uint version, Guid? actorId, CancellationToken ct = default)
    {
        var participant = await db.Participants.FirstOrDefaultAsync(p => p.Id == participantId, ct);
        if (participant is null)
        {
            return CommandResult.NotFound;
        }
        if (participant.Version != version)
        {
            return CommandResult.Conflict;
        }
        if (to is not (ParticipantStatus.Active or ParticipantStatus.OnLeave) || !ParticipantStatusRules.CanChange(participant.Status, to)
            || (participant.Status == ParticipantStatus.Stopped))
        {
            return CommandResult.Invalid("Status", ParticipantErrors.InvalidStatusChange);
        }
        if (to == ParticipantStatus.Active && participant.ProgrammeStart is null)
        {
            return CommandResult.Invalid(ParticipantFields.ProgrammeStart, ParticipantErrors.NoProgrammeStart);
        }
        var from = participant.Status;
        SetStatus(participant, to, Today);
        await MappingFlag.OnStatusChangedAsync(db, participant, from, clock.GetUtcNow(), ct);
        audit.Add(AuditAction.Change, RecordType, participant.Id.ToString(), participant.Id, $"status: {from} -> {to}", actorId);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return CommandResult.Conflict;
        }
        return CommandResult.Done(participant.Id);
    }

    public static void SetStatus(Participant participant, ParticipantStatus to, DateOnly on)
    {
        participant.Status = to;
        participant.StatusChangedOn = on;
        participant.EndedOn = ParticipantStatusRules.IsEnded(to) ? on : null;
    }

    /// <summary>Approved leave of a participant, from the leave decisions.</summary>
    public async Task<IReadOnlyList<LeavePeriod>> ApprovedLeaveAsync(Guid participantId, CancellationToken ct = default) =>
        (await ApprovedLeaveAsync(db, [participantId], ct))[participantId].ToList();

    /// <summary>Approved leave of several participants, from their leave decisions, in one query.</summary>
    public static async Task<ILookup<Guid, LeavePeriod>> ApprovedLeaveAsync(AppDbContext db, IReadOnlyCollection<Guid> participantIds, CancellationToken ct)
        => (await LeaveOf(db, participantIds as Guid[] ?? participantIds.ToArray()).ListAsync(ct))
            .ToLookup(r => r.ParticipantId, r => new LeavePeriod(r.Start, r.End));

    private sealed record LeaveRow(Guid ParticipantId, DateOnly Start, DateOnly End);

    // Compiled: read on every entry the ledger writes (docs/performance.md).
    private static readonly Func<AppDbContext, Guid[], IAsyncEnumerable<LeaveRow>> LeaveOf =
        EF.CompileAsyncQuery((AppDbContext db, Guid[] ids) => db.Decisions.AsNoTracking()
            .Where(d => ids.Contains(d.ParticipantId) && d.Kind == DecisionKind.Leave && d.PeriodStart != null && d.PeriodEnd != null)
            .Select(d => new LeaveRow(d.ParticipantId, d.PeriodStart!.Value, d.PeriodEnd!.Value)));

    /// <summary>Recomputes the stored deadlines from the rules, approved leave and extension.</summary>
    public async Task<ProgrammeDeadlines?> ApplyScheduleAsync(Participant participant, CancellationToken ct = default) =>
        ParticipantSchedule.Apply(participant, ruleSets.Get(participant.RuleSetId), await ApprovedLeaveAsync(participant.Id, ct));

    private async Task<(List<FieldError> Errors, NationalId? Id, RuleSet? RuleSet)> CheckAsync(
        ParticipantDetails input, Participant? existing, CancellationToken ct)
    {
        _ = nationalIds.TryParse(input.NationalId, out var id, out var idError);
        var ruleSet = input.PermitDate is { } permit ? ruleSets.ForPermitDate(permit) : null;
        var errors = ParticipantRegistration.Validate(input, id, idError, ruleSet, Today).ToList();

        if (id is not null)
        {
            var hash = nationalIds.Hash(db.CurrentTenantId!.Value, id);
            var duplicate = await db.Participants.AnyAsync(p => p.NationalIdHash == hash && (existing == null || p.Id != existing.Id), ct);
            if (duplicate)
            {
                errors.Add(new(ParticipantFields.NationalId, ParticipantErrors.DuplicateNationalId));
            }
        }
        await CheckStaffAsync(errors, ParticipantFields.CoordinatorId, input.CoordinatorId, Roles.Coordinator, ct);
        await CheckStaffAsync(errors, ParticipantFields.CaseworkerId, input.CaseworkerId, Roles.Caseworker, ct);
        return (errors, id, ruleSet);
    }

    private async Task CheckStaffAsync(List<FieldError> errors, string field, Guid? userId, string role, CancellationToken ct)
    {
        if (userId is not { } id)
        {
            return;
        }
        var ok = await db.UserRoles.AnyAsync(ur => ur.UserId == id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == role)
            && db.Users.Any(u => u.Id == id && u.IsActive), ct);
        if (!ok)
        {
            errors.Add(new(field, ParticipantErrors.UnknownStaff));
        }
    }

    private void Apply(Participant p, ParticipantDetails input, NationalId id, RuleSet ruleSet)
    {
        p.GivenName = input.GivenName!.Trim();
        p.FamilyName = input.FamilyName!.Trim();
        p.BirthDate = input.BirthDate!.Value;
        var hash = nationalIds.Hash(p.TenantId, id);
        if (!hash.AsSpan().SequenceEqual(p.NationalIdHash))
        {
            p.NationalIdHash = hash;
            p.NationalIdProtected = nationalIds.Protect(id);
            p.NationalIdMasked = id.Masked;
            p.NationalIdKind = id.Kind;
        }
        p.Gender = input.Gender;
        p.CountryOfOrigin = input.CountryOfOrigin!;
        p.PreferredLanguage = input.PreferredLanguage!;
        p.SocialStudiesLanguage = string.IsNullOrEmpty(input.SocialStudiesLanguage) ? null : input.SocialStudiesLanguage;
        p.PermitDate = input.PermitDate!.Value;
        p.SettlementDate = input.SettlementDate!.Value;
        p.RuleSetId = ruleSet.Id;
        p.ProgrammeStart = input.ProgrammeStart;
        p.EducationBackground = input.EducationBackground;
        p.EndGoal = string.IsNullOrWhiteSpace(input.EndGoal) ? null : input.EndGoal.Trim();
        p.ResearchOptOut = input.ResearchOptOut;
        p.CoordinatorId = input.CoordinatorId;
        p.CaseworkerId = input.CaseworkerId;
        p.UpdatedAt = clock.GetUtcNow();
    }

    /// <summary>A registered participant whose programme has started is active.</summary>
    private void PromoteWhenStarted(Participant p)
    {
        if (p.Status == ParticipantStatus.Registered && p.ProgrammeStart is { } start && start <= Today)
        {
            SetStatus(p, ParticipantStatus.Active, start);
        }
    }

    /// <summary>Names of the changed fields, for the audit log; never the values, which are personal data.</summary>
    private static List<string> ChangedFields(Participant p, ParticipantDetails input, byte[] nationalIdHash)
    {
        var changed = new List<string>();
        void Check(bool differs, string name)
        {
            if (differs)
            {
                changed.Add(name);
            }
        }
        Check(p.GivenName != input.GivenName?.Trim(), ParticipantFields.GivenName);
        Check(p.FamilyName != input.FamilyName?.Trim(), ParticipantFields.FamilyName);
        Check(p.BirthDate != input.BirthDate, ParticipantFields.BirthDate);
        Check(!p.NationalIdHash.AsSpan().SequenceEqual(nationalIdHash), ParticipantFields.NationalId);
        Check(p.Gender != input.Gender, ParticipantFields.Gender);
        Check(p.CountryOfOrigin != input.CountryOfOrigin, ParticipantFields.CountryOfOrigin);
        Check(p.PreferredLanguage != input.PreferredLanguage, ParticipantFields.PreferredLanguage);
        Check(p.SocialStudiesLanguage != (string.IsNullOrEmpty(input.SocialStudiesLanguage) ? null : input.SocialStudiesLanguage), ParticipantFields.SocialStudiesLanguage);
        Check(p.PermitDate != input.PermitDate, ParticipantFields.PermitDate);
        Check(p.SettlementDate != input.SettlementDate, ParticipantFields.SettlementDate);
        Check(p.ProgrammeStart != input.ProgrammeStart, ParticipantFields.ProgrammeStart);
        Check(p.EducationBackground != input.EducationBackground, "EducationBackground");
        Check(p.EndGoal != (string.IsNullOrWhiteSpace(input.EndGoal) ? null : input.EndGoal.Trim()), ParticipantFields.EndGoal);
        Check(p.ResearchOptOut != input.ResearchOptOut, "ResearchOptOut");
        Check(p.CoordinatorId != input.CoordinatorId, ParticipantFields.CoordinatorId);
        Check(p.CaseworkerId != input.CaseworkerId, ParticipantFields.CaseworkerId);
        return changed;
    }
}
