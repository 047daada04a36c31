using IntroProgram.Domain.Programme;
using IntroProgram.Domain.Auditing;
using IntroProgram.Domain.Participants;
using IntroProgram.Domain.Plans;
using IntroProgram.Infrastructure.Auditing;
using IntroProgram.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace IntroProgram.Infrastructure.Plans;

/// <summary>One line of a mapping's or plan's version history, newest first.</summary>
public sealed record VersionRow(int Version, Guid Id, DateTimeOffset At, string? By, string? Reason, DateOnly? Date);

/// <summary>
/// Records competence mapping versions. Each save adds the next version (the first creates the mapping, later ones
/// correct it and say why), keeps the "mapping.missing" flag in step, and is audited in the same transaction.
/// </summary>
public sealed class CompetenceMappingRecorder(AppDbContext db, FormTokens forms, AuditLog audit, TimeProvider clock)
{
    public const string RecordType = "CompetenceMapping";

    private DateOnly Today => clock.OsloToday();

    /// <param name="baseVersion">The version the form was filled from (0 for none): if another version was saved since, the save is refused as a conflict.</param>
    public async Task<CommandResult> SaveAsync(Guid participantId, CompetenceMappingInput input, int baseVersion, Guid formToken, Guid? actorId, CancellationToken ct = default)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var participant = await db.Participants.FirstOrDefaultAsync(p => p.Id == participantId, ct);
        if (participant is null)
        {
            return CommandResult.NotFound;
        }
        var mappingId = Guid.CreateVersion7();
        // Claimed before the checks: a repeated submit finds its first result instead of a version conflict.
        if (await forms.ClaimAsync(formToken, "competence-mapping", mappingId.ToString(), ct) is { } earlier)
        {
            return CommandResult.AlreadyDone(Guid.Parse(earlier));
        }
        var current = await CurrentVersionAsync(participantId, ct);
        if (current != baseVersion)
        {
            return CommandResult.Conflict;
        }
        var version = current + 1;
        var errors = CompetenceMappingRules.Validate(input, version, Today);
        if (errors.Count > 0)
        {
            return CommandResult.Invalid(errors);
        }

        var now = clock.GetUtcNow();
        var mapping = new CompetenceMapping
        {
            TenantId = participant.TenantId,
            Id = mappingId,
            ParticipantId = participantId,
            Version = version,
            RecordedAt = now,
            RecordedBy = actorId,
            Reason = Clean(input.Reason),
            Languages = input.Languages.Where(l => !l.IsBlank)
                .Select(l => new SpokenLanguage { Language = l.Language!.Trim(), Level = l.Level!.Value }).ToList(),
            SchoolingYears = input.SchoolingYears,
            HighestEducation = input.HighestEducation,
            SchoolingCountry = Clean(input.SchoolingCountry),
            WorkExperience = input.WorkExperience.Where(w => !w.IsBlank)
                .Select(w => new WorkExperience { Field = w.Field!.Trim(), Years = w.Years!.Value }).ToList(),
            DocumentedQualifications = Clean(input.DocumentedQualifications),
            UndocumentedQualifications = Clean(input.UndocumentedQualifications),
            HoldsQualificationsPassport = input.HoldsQualificationsPassport,
            ForeignEducationRecognised = input.ForeignEducationRecognised,
            LatinLiteracy = input.LatinLiteracy,
            OwnWishes = Clean(input.OwnWishes),
            CompletedOn = input.CompletedOn,
        };
        db.CompetenceMappings.Add(mapping);
        await MappingFlag.SyncAsync(db, participant, mapping.CompletedOn, now, ct);
        audit.Add(version == 1 ? AuditAction.Create : AuditAction.Change, RecordType, mapping.Id.ToString(), participantId,
            $"version: {version}" + (mapping.IsCompleted ? ", completed" : ", draft"), actorId);
        try
        {
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return CommandResult.Conflict; // someone saved the same version number a moment ago
        }
        return CommandResult.Done(mapping.Id);
    }

    /// <summary>The highest version number, 0 when there is no mapping.</summary>
    public async Task<int> CurrentVersionAsync(Guid participantId, CancellationToken ct = default) =>
        await db.CompetenceMappings.Where(m => m.ParticipantId == participantId).MaxAsync(m => (int?)m.Version, ct) ?? 0;

    /// <summary>The current version, or a given one; null when there is none (or the participant is not this municipality's).</summary>
    public Task<CompetenceMapping?> VersionAsync(Guid participantId, int? version = null, CancellationToken ct = default)
    {
        var query = db.CompetenceMappings.AsNoTracking().Where(m => m.ParticipantId == participantId);
        return version is { } n
            ? query.FirstOrDefaultAsync(m => m.Version == n, ct)
            : query.OrderByDescending(m => m.Version).FirstOrDefaultAsync(ct);
    }

    /// <summary>Every version, newest first, with who recorded it and when it was completed.</summary>
    public async Task<IReadOnlyList<VersionRow>> HistoryAsync(Guid participantId, CancellationToken ct = default) =>
        await db.CompetenceMappings.AsNoTracking()
            .Where(m => m.ParticipantId == participantId)
            .OrderByDescending(m => m.Version)
            .Select(m => new VersionRow(m.Version, m.Id, m.RecordedAt,
                db.Users.Where(u => u.Id == m.RecordedBy).Select(u => u.DisplayName).FirstOrDefault(), m.Reason, m.CompletedOn))
            .ToListAsync(ct);

    internal static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
