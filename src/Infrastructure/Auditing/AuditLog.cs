using IntroProgram.Domain.Auditing;
using IntroProgram.Infrastructure.Data;
using Microsoft.AspNetCore.Http;
using System.Security.Claims;

namespace IntroProgram.Infrastructure.Auditing;

/// <summary>Writes audit events for the current scope's municipality and user.</summary>
public sealed class AuditLog(AppDbContext db, TimeProvider clock, IHttpContextAccessor http)
{
    /// <summary>Adds the event to the unit of work, so it is saved with the change it describes.</summary>
    public AuditEvent Add(AuditAction action, string recordType, string? recordId = null, Guid? participantId = null,
        string? details = null, Guid? actorId = null)
    {
        var e = new AuditEvent
        {
            At = clock.GetUtcNow(),
            ActorId = actorId ?? CurrentUserId(),
            Action = action,
            RecordType = recordType,
            RecordId = recordId,
            ParticipantId = participantId,
            Details = details is { Length: > 500 } ? details[..500] : details,
        };
        db.AuditEvents.Add(e);
        return e;
    }

    /// <summary>Records an event on its own (reads, downloads, sign-ins).</summary>
    public async Task WriteAsync(AuditAction action, string recordType, string? recordId = null, Guid? participantId = null,
        string? details = null, Guid? actorId = null, CancellationToken ct = default)
    {
        if (db.CurrentTenantId is null)
        {
            return; // platform operators act outside any municipality; their actions touch no tenant's records
        }
        Add(action, recordType, recordId, participantId, details, actorId);
        await db.SaveChangesAsync(ct);
    }

    private Guid? CurrentUserId()
    {
        var value = http.HttpContext?.User.FindFirstValue(ClaimTypes.NameIdentifier);
        return Guid.TryParse(value, out var id) ? id : null;
    }
}
