using IntroProgram.Domain.Auditing;
using IntroProgram.Domain.Participants;
using IntroProgram.Domain.Plans;
using IntroProgram.Domain.Programme;
using IntroProgram.Infrastructure.Auditing;
using IntroProgram.Infrastructure.Data;
using IntroProgram.Infrastructure.Participants;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace IntroProgram.Infrastructure.Plans;

/// <summary>The period a plan must fit in: from the programme start to the latest possible end (leave and the rule set's maximum duration included).</summary>
public sealed record PlanPeriod(DateOnly ProgrammeStart, DateOnly PlannedEnd, DateOnly LatestEnd);

/// <summary>
/// Records individual plan versions. A plan is a formal decision: each save adds the next version with who decided
/// it, when and why, and is audited in the same transaction. Nothing is ever overwritten.
/// </summary>
public sealed class IndividualPlanRecorder(
    AppDbContext db, ParticipantRegistry registry, RuleSetCatalog ruleSets, FormTokens forms, AuditLog audit, TimeProvider clock)
{
    public const string RecordType = "IndividualPlan";

    private DateOnly Today => clock.OsloToday();

    /// <param name="baseVersion">The version the form was filled from (0 for none): if another version was decided since, the save is refused as a conflict.</param>
    public async Task<CommandResult> SaveAsync(Guid participantId, PlanInput input, int baseVersion, Guid formToken, Guid? actorId, CancellationToken ct = default)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var participant = await db.Participants.AsNoTracking().FirstOrDefaultAsync(p => p.Id == participantId, ct);
        if (participant is null)
        {
            return CommandResult.NotFound;
        }
        var planId = Guid.CreateVersion7();
        // Claimed before the checks: a repeated submit finds its first result instead of a version conflict.
        if (await forms.ClaimAsync(formToken, "individual-plan", planId.ToString(), ct) is { } earlier)
        {
            return CommandResult.AlreadyDone(Guid.Parse(earlier));
        }
        if (ParticipantStatusRules.IsEnded(participant.Status))
        {
            return CommandResult.Invalid(PlanFields.Goal, PlanErrors.ProgrammeEnded);
        }
        var period = await PeriodAsync(participant, ct);
        if (period is null)
        {
            return CommandResult.Invalid(PlanFields.TargetDate, PlanErrors.NoProgrammeStart);
        }
        var current = await CurrentVersionAsync(participantId, ct);
        if (current != baseVersion)
        {
            return CommandResult.Conflict;
        }
        var version = current + 1;
        var errors = PlanRules.Validate(input, period.ProgrammeStart, period.LatestEnd).Concat(PlanRules.ValidateReason(input.Reason, version)).ToList();
        if (errors.Count > 0)
        {
            return CommandResult.Invalid(errors);
        }

        var now = clock.GetUtcNow();
        var plan = new IndividualPlan
        {
            TenantId = participant.TenantId,
            Id = planId,
            ParticipantId = participantId,
            Version = version,
            DecidedOn = Today,
            DecidedAt = now,
            DecidedBy = actorId,
            Reason = CompetenceMappingRecorder.Clean(input.Reason),
            Goal = input.Goal!.Value,
            GoalDescription = CompetenceMappingRecorder.Clean(input.GoalDescription),
            TargetDate = input.TargetDate!.Value,
            NorwegianLevel = input.NorwegianLevel!.Value,
            Measures = PlanRules.Measures(input),
            ReviewDates = PlanRules.ReviewDates(input),
        };
        db.IndividualPlans.Add(plan);
        audit.Add(version == 1 ? AuditAction.Create : AuditAction.Change, RecordType, plan.Id.ToString(), participantId,
            $"version: {version}, measures: {plan.Measures.Count}", actorId);
        try
        {
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return CommandResult.Conflict; // someone decided the same version number a moment ago
        }
        return CommandResult.Done(plan.Id);
    }

    /// <summary>The programme period of a participant, or null before a programme start is set.</summary>
    public async Task<PlanPeriod?> PeriodAsync(Participant participant, CancellationToken ct = default)
    {
        if (participant.ProgrammeStart is null)
        {
            return null;
        }
        var deadlines = ParticipantSchedule.Deadlines(participant, ruleSets.Get(participant.RuleSetId), await registry.ApprovedLeaveAsync(participant.Id, ct));
        return deadlines is null ? null : new PlanPeriod(deadlines.ProgrammeStart, deadlines.PlannedEnd, deadlines.LatestEnd);
    }

    /// <summary>The highest version number, 0 when there is no plan.</summary>
    public async Task<int> CurrentVersionAsync(Guid participantId, CancellationToken ct = default) =>
        await db.IndividualPlans.Where(p => p.ParticipantId == participantId).MaxAsync(p => (int?)p.Version, ct) ?? 0;

    /// <summary>The current version, or a given one; null when there is none (or the participant is not this municipality's).</summary>
    public Task<IndividualPlan?> VersionAsync(Guid participantId, int? version = null, CancellationToken ct = default)
    {
        var query = db.IndividualPlans.AsNoTracking().Where(p => p.ParticipantId == participantId);
        return version is { } n
            ? query.FirstOrDefaultAsync(p => p.Version == n, ct)
            : query.OrderByDescending(p => p.Version).FirstOrDefaultAsync(ct);
    }

    /// <summary>Every version, newest first, with who decided it and the target date it set.</summary>
    public async Task<IReadOnlyList<VersionRow>> HistoryAsync(Guid participantId, CancellationToken ct = default) =>
        await db.IndividualPlans.AsNoTracking()
            .Where(p => p.ParticipantId == participantId)
            .OrderByDescending(p => p.Version)
            .Select(p => new VersionRow(p.Version, p.Id, p.DecidedAt,
                db.Users.Where(u => u.Id == p.DecidedBy).Select(u => u.DisplayName).FirstOrDefault(), p.Reason, p.TargetDate))
            .ToListAsync(ct);
}
