using System.Globalization;
using System.Text.Json;
using IntroProgram.Domain.Participants;
using IntroProgram.Domain.Plans;
using IntroProgram.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace IntroProgram.Infrastructure.Plans;

/// <summary>
/// Keeps the "mapping.missing" risk flag in step with <see cref="MappingRules.IsMissingAtStart"/> inside the unit of
/// work that changed the participant's status or mapping: raised when a programme starts without a completed mapping,
/// resolved when the mapping is completed. The caller saves.
/// </summary>
public static class MappingFlag
{
    /// <summary>Called when a participant's status may have changed: acts only when a registered participant became active.</summary>
    public static async Task OnStatusChangedAsync(AppDbContext db, Participant participant, ParticipantStatus before, DateTimeOffset now, CancellationToken ct = default)
    {
        if (before != ParticipantStatus.Registered || participant.Status != ParticipantStatus.Active)
        {
            return;
        }
        var completedOn = await db.CompetenceMappings.AsNoTracking()
            .Where(m => m.ParticipantId == participant.Id)
            .OrderByDescending(m => m.Version)
            .Select(m => m.CompletedOn)
            .FirstOrDefaultAsync(ct);
        await SyncAsync(db, participant, completedOn, now, ct);
    }

    /// <summary>Raises or resolves the flag for the participant's current status and mapping completion date.</summary>
    public static async Task SyncAsync(AppDbContext db, Participant participant, DateOnly? mappingCompletedOn, DateTimeOffset now, CancellationToken ct = default)
    {
        var open = await db.RiskFlags
            .Where(f => f.ParticipantId == participant.Id && f.Rule == MappingRules.MissingRule && f.ResolvedAt == null)
            .FirstOrDefaultAsync(ct);
        if (MappingRules.IsMissingAtStart(participant.Status, mappingCompletedOn))
        {
            if (open is null)
            {
                db.RiskFlags.Add(new RiskFlag
                {
                    TenantId = participant.TenantId,
                    Id = Guid.CreateVersion7(),
                    ParticipantId = participant.Id,
                    Rule = MappingRules.MissingRule,
                    Severity = MappingRules.MissingSeverity,
                    Facts = Facts(participant.ProgrammeStart),
                    FirstSeenAt = now,
                    LastEvaluatedAt = now,
                });
            }
            else
            {
                open.LastEvaluatedAt = now;
            }
        }
        else if (open is not null)
        {
            open.ResolvedAt = now;
            open.LastEvaluatedAt = now;
        }
    }

    private static string Facts(DateOnly? startedOn) => JsonSerializer.Serialize(new Dictionary<string, string?>
    {
        ["startedOn"] = startedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
    });
}
