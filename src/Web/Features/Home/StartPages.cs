using IntroProgram.Domain.Certificates;
using IntroProgram.Domain.Decisions;
using IntroProgram.Domain.Participants;
using IntroProgram.Domain.Programme;
using IntroProgram.Domain.Risk;
using IntroProgram.Infrastructure.Data;
using IntroProgram.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace IntroProgram.Web.Features.Home;

/// <summary>Open flags of one rule: how many, the most serious among them, and the participant list filtered to them.</summary>
public sealed record FlagGroup(string Rule, RiskSeverity Severity, int Count, string ListUrl);

public sealed record SessionLine(Guid Id, DateOnly Date, HourCategory Category, decimal Hours, string? Title, int Attended, int Absent);

/// <summary>The coordinator's day: open flags grouped by rule, and the class sessions of this week (Monday to Sunday, Oslo).</summary>
public sealed record CoordinatorStart(IReadOnlyList<FlagGroup> Flags, DateOnly WeekStart, DateOnly WeekEnd, int SessionCount, IReadOnlyList<SessionLine> Sessions);

/// <summary>The kinds of work in a caseworker's queue; the values are the keys of the queue's texts.</summary>
public enum QueueKind
{
    Evidence,
    Participation,
    Ending,
    Leave,
    Review,
}

/// <summary>One participant waiting for a caseworker: who, and the date that puts them in the queue.</summary>
public sealed record QueueLine(QueueKind Kind, Guid ParticipantId, string Name, DateOnly? Date);

public sealed record QueueSection(QueueKind Kind, int Count, IReadOnlyList<QueueLine> Lines);

/// <summary>The caseworker's queue, as of <see cref="Today"/>; <see cref="MonthEnd"/> is the last day of this month.</summary>
public sealed record CaseworkerStart(DateOnly Today, DateOnly MonthEnd, IReadOnlyList<QueueSection> Sections)
{
    public QueueSection this[QueueKind kind] => Sections.Single(s => s.Kind == kind);
}

public sealed record StaffLine(Guid Id, string Name, DateTimeOffset CreatedAt);

/// <summary>The tenant admin's loose ends: invitations not yet accepted, and staff who sign in without two-factor.</summary>
public sealed record AdminStart(int PendingCount, IReadOnlyList<StaffLine> Pending, int WithoutTwoFactorCount, IReadOnlyList<StaffLine> WithoutTwoFactor);

/// <summary>
/// Reads each role's start page with a few set-based statements (grouped and windowed counts in the database, never
/// one query per participant), in the caller's municipality: the query filter and row-level security apply, and the
/// raw statement names the municipality as well. "Today", "this week" and "this month" are Oslo's, from the clock.
/// </summary>
public sealed class StartPageReader(AppDbContext db, TimeProvider clock, RuleSetCatalog ruleSets)
{
    /// <summary>Lines shown per list; the count says how many there are in all.</summary>
    public const int LinesShown = 10;

    /// <summary>A programme whose planned end is this many days away or fewer is in the caseworker's queue.</summary>
    public const int EndingWithinDays = 60;

    public async Task<CoordinatorStart> CoordinatorAsync(Guid? coordinatorId, CancellationToken ct = default)
    {
        var today = clock.OsloToday();
        var open = db.RiskFlags.AsNoTracking().Where(f => f.ResolvedAt == null);
        if (coordinatorId is { } mine)
        {
            open = open.Where(f => db.Participants.Any(p => p.Id == f.ParticipantId && p.CoordinatorId == mine));
        }
        var groups = await open.GroupBy(f => f.Rule)
            .Select(g => new { Rule = g.Key, Count = g.Count(), Severity = g.Max(f => f.Severity) })
            .ToListAsync(ct);
        var flags = groups
            .OrderByDescending(g => g.Severity).ThenByDescending(g => g.Count).ThenBy(g => g.Rule, StringComparer.Ordinal)
            .Select(g => new FlagGroup(g.Rule, g.Severity, g.Count, FlagListUrl(g.Rule, coordinatorId is not null)))
            .ToList();

        var weekStart = ParticipantWeek.StartOf(today);
        var weekEnd = weekStart.AddDays(6);
        var week = db.ClassSessions.AsNoTracking().Where(s => s.Date >= weekStart && s.Date <= weekEnd);
        var count = await week.CountAsync(ct);
        var sessions = await week.OrderBy(s => s.Date).ThenBy(s => s.RecordedAt).Take(LinesShown)
            .Select(s => new SessionLine(s.Id, s.Date, s.Category, s.Hours, s.Title, s.AttendedCount, s.AbsentCount))
            .ToListAsync(ct);
        return new CoordinatorStart(flags, weekStart, weekEnd, count, sessions);
    }

    /// <summary>The participant list showing the open flags of one rule (the caller's own participants, or everyone's).</summary>
    public static string FlagListUrl(string rule, bool mine) =>
        new Participants.ParticipantListQuery { Flag = rule, Coordinator = mine ? Participants.ParticipantListQuery.Mine : null }.Url();

    public async Task<CaseworkerStart> CaseworkerAsync(CancellationToken ct = default)
    {
        var today = clock.OsloToday();
        var monthEnd = new DateOnly(today.Year, today.Month, 1).AddMonths(1).AddDays(-1);
        var sets = ruleSets.All;
        // One statement: every kind of work as rows, counted and cut to the first lines per kind by window functions.
        var sql = """
            WITH rs AS (
                SELECT * FROM unnest(@ids, @norwegian, @social) AS rs(id, norwegian, social)
            ), p AS (
                SELECT * FROM participants WHERE tenant_id = @tenant
            ), items AS (
                -- Evidence: the hours dated on or before the deadline reach the participant's own requirement, and no
                -- valid evidence certificate is held. Before the deadline every live hour counts (none is in the future).
                SELECT 'Evidence' AS kind, p.id, p.given_name, p.family_name, p.evidence_deadline AS on_date
                FROM p
                JOIN rs ON rs.id = p.rule_set_id
                JOIN participant_totals t ON t.tenant_id = p.tenant_id AND t.participant_id = p.id
                WHERE p.programme_start IS NOT NULL AND p.evidence_deadline IS NOT NULL
                  AND t.norwegian_hours >= rs.norwegian AND t.social_studies_hours >= rs.social
                  AND NOT EXISTS (SELECT 1 FROM certificates c WHERE c.tenant_id = p.tenant_id AND c.participant_id = p.id
                                  AND c.kind = @evidence AND c.revoked_at IS NULL)
                  AND (p.evidence_deadline >= @today OR (
                        (SELECT coalesce(sum(h.hours), 0) FROM hour_entries h WHERE h.tenant_id = p.tenant_id AND h.participant_id = p.id
                           AND h.category = @norwegian_category AND h.voided_at IS NULL AND h.date <= p.evidence_deadline) >= rs.norwegian
                    AND (SELECT coalesce(sum(h.hours), 0) FROM hour_entries h WHERE h.tenant_id = p.tenant_id AND h.participant_id = p.id
                           AND h.category = @social_category AND h.voided_at IS NULL AND h.date <= p.evidence_deadline) >= rs.social))
                UNION ALL
                -- Participation: the programme has ended and no valid participation certificate is held.
                SELECT 'Participation', p.id, p.given_name, p.family_name, p.ended_on
                FROM p
                WHERE p.status = ANY(@ended) AND p.ended_on IS NOT NULL
                  AND NOT EXISTS (SELECT 1 FROM certificates c WHERE c.tenant_id = p.tenant_id AND c.participant_id = p.id
                                  AND c.kind = @participation AND c.revoked_at IS NULL)
                UNION ALL
                SELECT 'Ending', p.id, p.given_name, p.family_name, p.planned_end
                FROM p
                WHERE p.status = ANY(@running) AND p.planned_end BETWEEN @today AND @ending_until
                UNION ALL
                SELECT 'Leave', p.id, p.given_name, p.family_name, d.period_end
                FROM decisions d JOIN p ON p.tenant_id = d.tenant_id AND p.id = d.participant_id
                WHERE d.tenant_id = @tenant AND d.kind = @leave AND p.status = ANY(@open)
                  AND d.period_end BETWEEN @today AND @month_end
                UNION ALL
                -- The current plan (highest version) has a review date that passed after the version was decided.
                SELECT 'Review', p.id, p.given_name, p.family_name,
                       (SELECT min(r) FROM unnest(plan.review_dates) r WHERE r < @today AND r > plan.decided_on)
                FROM p
                JOIN LATERAL (SELECT ip.review_dates, ip.decided_on FROM individual_plans ip
                              WHERE ip.tenant_id = p.tenant_id AND ip.participant_id = p.id
                              ORDER BY ip.version DESC LIMIT 1) plan ON true
                WHERE p.status = ANY(@open)
                  AND EXISTS (SELECT 1 FROM unnest(plan.review_dates) r WHERE r < @today AND r > plan.decided_on)
            ), ranked AS (
                SELECT items.*, count(*) OVER (PARTITION BY kind) AS total,
                       row_number() OVER (PARTITION BY kind ORDER BY on_date, family_name, given_name, id) AS line
                FROM items
            )
            SELECT kind, id, given_name, family_name, on_date, total::int AS total
            FROM ranked WHERE line <= @take
            ORDER BY kind, line
            """;
        int[] Statuses(params ParticipantStatus[] s) => s.Select(x => (int)x).ToArray();
        var parameters = new object[]
        {
            new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = sets.Select(r => r.Id).ToArray() },
            new NpgsqlParameter("norwegian", NpgsqlDbType.Array | NpgsqlDbType.Numeric) { Value = sets.Select(r => r.NorwegianHoursRequired).ToArray() },
            new NpgsqlParameter("social", NpgsqlDbType.Array | NpgsqlDbType.Numeric) { Value = sets.Select(r => r.SocialStudiesHoursRequired).ToArray() },
            new NpgsqlParameter("tenant", NpgsqlDbType.Uuid) { Value = db.CurrentTenantId ?? throw new InvalidOperationException("A queue belongs to a municipality.") },
            new NpgsqlParameter("today", NpgsqlDbType.Date) { Value = today },
            new NpgsqlParameter("ending_until", NpgsqlDbType.Date) { Value = today.AddDays(EndingWithinDays) },
            new NpgsqlParameter("month_end", NpgsqlDbType.Date) { Value = monthEnd },
            new NpgsqlParameter("evidence", NpgsqlDbType.Integer) { Value = (int)CertificateKind.PermanentResidenceEvidence },
            new NpgsqlParameter("participation", NpgsqlDbType.Integer) { Value = (int)CertificateKind.Participation },
            new NpgsqlParameter("norwegian_category", NpgsqlDbType.Integer) { Value = (int)HourCategory.Norwegian },
            new NpgsqlParameter("social_category", NpgsqlDbType.Integer) { Value = (int)HourCategory.SocialStudies },
            new NpgsqlParameter("leave", NpgsqlDbType.Integer) { Value = (int)DecisionKind.Leave },
            new NpgsqlParameter("ended", NpgsqlDbType.Array | NpgsqlDbType.Integer)
                { Value = Statuses(ParticipantStatus.Completed, ParticipantStatus.Stopped, ParticipantStatus.Exited) },
            new NpgsqlParameter("running", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = Statuses(ParticipantStatus.Active, ParticipantStatus.OnLeave) },
            new NpgsqlParameter("open", NpgsqlDbType.Array | NpgsqlDbType.Integer)
                { Value = Statuses(ParticipantStatus.Registered, ParticipantStatus.Active, ParticipantStatus.OnLeave) },
            new NpgsqlParameter("take", NpgsqlDbType.Integer) { Value = LinesShown },
        };
        // Not composed further: the statement is sent as written.
        var rows = await db.Database.SqlQueryRaw<QueueRow>(sql, parameters).ToListAsync(ct);
        var sections = Enum.GetValues<QueueKind>().Select(kind =>
        {
            var mine = rows.Where(r => r.Kind == kind.ToString()).ToList();
            return new QueueSection(kind, mine.FirstOrDefault()?.Total ?? 0,
                mine.Select(r => new QueueLine(kind, r.Id, r.GivenName + " " + r.FamilyName, r.OnDate)).ToList());
        }).ToList();
        return new CaseworkerStart(today, monthEnd, sections);
    }

    private sealed record QueueRow(string Kind, Guid Id, string GivenName, string FamilyName, DateOnly? OnDate, int Total);

    public async Task<AdminStart> AdminAsync(CancellationToken ct = default)
    {
        var staffRoles = Roles.Staff;
        var staff = db.Users.AsNoTracking().Where(u => u.IsActive
            && db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && staffRoles.Contains(r.Name!))));
        var counts = await staff.GroupBy(_ => 1)
            .Select(g => new { Pending = g.Count(u => u.PasswordHash == null), WithoutTwoFactor = g.Count(u => u.PasswordHash != null && !u.TwoFactorEnabled) })
            .FirstOrDefaultAsync(ct);
        var pending = await staff.Where(u => u.PasswordHash == null).OrderBy(u => u.CreatedAt).Take(LinesShown)
            .Select(u => new StaffLine(u.Id, u.DisplayName, u.CreatedAt)).ToListAsync(ct);
        var withoutTwoFactor = await staff.Where(u => u.PasswordHash != null && !u.TwoFactorEnabled).OrderBy(u => u.DisplayName).Take(LinesShown)
            .Select(u => new StaffLine(u.Id, u.DisplayName, u.CreatedAt)).ToListAsync(ct);
        return new AdminStart(counts?.Pending ?? 0, pending, counts?.WithoutTwoFactor ?? 0, withoutTwoFactor);
    }
}
