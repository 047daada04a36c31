using System.Globalization;
using IntroProgram.Domain.Auditing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace IntroProgram.Web.Features.Audit;

/// <summary>
/// The audit log's filters, as short query parameters: they hold ids, dates and codes, never personal data, so they
/// can sit in the address (the participant page links to <c>/admin/audit?participant=…</c>).
/// </summary>
public sealed class AuditFilter
{
    public const string ActionKey = "action";
    public const string TypeKey = "type";
    public const string ActorKey = "actor";
    public const string ParticipantKey = "participant";
    public const string FromKey = "from";
    public const string ToKey = "to";
    public const string BeforeKey = "before";

    [FromQuery(Name = ActionKey)] public AuditAction? Action { get; set; }
    [FromQuery(Name = TypeKey)] public string? RecordType { get; set; }
    [FromQuery(Name = ActorKey)] public Guid? Actor { get; set; }
    [FromQuery(Name = ParticipantKey)] public Guid? Participant { get; set; }
    [FromQuery(Name = FromKey)] public DateOnly? From { get; set; }
    [FromQuery(Name = ToKey)] public DateOnly? To { get; set; }

    /// <summary>Keyset cursor: the page shows events older than this one ("{UTC ticks}-{id}").</summary>
    [FromQuery(Name = BeforeKey)] public string? Before { get; set; }

    public bool IsFiltered => Action is not null || !string.IsNullOrWhiteSpace(RecordType) || Actor is not null
        || Participant is not null || From is not null || To is not null;

    /// <summary>The names of the filters in use (never their values), for the audit record of this page view.</summary>
    public string? Describe() => !IsFiltered ? null : "filters: " + string.Join(",", new[]
    {
        Action is null ? null : ActionKey, string.IsNullOrWhiteSpace(RecordType) ? null : TypeKey, Actor is null ? null : ActorKey,
        Participant is null ? null : ParticipantKey, From is null ? null : FromKey, To is null ? null : ToKey,
    }.Where(k => k is not null));

    /// <summary>The CSV export of every event this filter matches.</summary>
    public string ExportUrl() => Url(null, "/admin/audit/export.csv");

    /// <summary>The address of this filter, starting at <paramref name="before"/> (null: the newest events).</summary>
    public string Url(string? before, string path = "/admin/audit")
    {
        var query = new List<KeyValuePair<string, string?>>();
        void Add(string key, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                query.Add(new(key, value));
            }
        }
        Add(ActionKey, Action?.ToString());
        Add(TypeKey, RecordType?.Trim());
        Add(ActorKey, Actor?.ToString());
        Add(ParticipantKey, Participant?.ToString());
        Add(FromKey, From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add(ToKey, To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add(BeforeKey, before);
        return path + QueryString.Create(query);
    }

    public static string Cursor(DateTimeOffset at, long id) =>
        at.UtcTicks.ToString(CultureInfo.InvariantCulture) + "-" + id.ToString(CultureInfo.InvariantCulture);

    public static bool TryReadCursor(string? cursor, out DateTimeOffset at, out long id)
    {
        at = default;
        id = 0;
        var parts = cursor?.Split('-');
        if (parts is not { Length: 2 }
            || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out id)
            || ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks)
        {
            return false;
        }
        at = new DateTimeOffset(ticks, TimeSpan.Zero);
        return true;
    }
}

/// <summary>One audit event as the table shows it.</summary>
public sealed record AuditRow(
    long Id, DateTimeOffset At, Guid? ActorId, string? ActorName, AuditAction Action, string RecordType, string? RecordId,
    Guid? ParticipantId, string? ParticipantName, string? Details);

public sealed record ActorOption(Guid Id, string Name);

public sealed class AuditPageModel
{
    public AuditFilter Filter { get; init; } = new();
    public IReadOnlyList<AuditRow> Rows { get; init; } = [];
    /// <summary>The cursor of the next (older) page, or null on the last page.</summary>
    public string? OlderCursor { get; init; }
    public IReadOnlyList<ActorOption> Actors { get; init; } = [];
    public IReadOnlyList<string> RecordTypes { get; init; } = [];
    /// <summary>The name of the participant the log is filtered on, when it is one of the municipality's.</summary>
    public string? ParticipantName { get; init; }
}
