using IntroProgram.Domain.Programme;
using IntroProgram.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace IntroProgram.Infrastructure.Ledger;

public sealed record TotalsMismatch(Guid ParticipantId, string What);

/// <summary>
/// Compares the maintained totals, weekly sums and requirement days with the live ledger, for the current
/// municipality. Used by tests and by operators after an incident: an empty result means every total equals its ledger.
/// </summary>
public sealed class TotalsReconciliation(AppDbContext db, RuleSetCatalog ruleSets)
{
    public async Task<IReadOnlyList<TotalsMismatch>> FindMismatchesAsync(CancellationToken ct = default)
    {
        var mismatches = new List<TotalsMismatch>();
        var totals = await db.Database.SqlQueryRaw<TotalsRow>("""
            SELECT t.participant_id,
                   t.norwegian_hours = COALESCE(l.n, 0) AND t.social_studies_hours = COALESCE(l.s, 0)
                   AND t.career_guidance_hours = COALESCE(l.c, 0) AND t.work_oriented_hours = COALESCE(l.w, 0)
                   AND t.education_oriented_hours = COALESCE(l.e, 0) AND t.extra_norwegian_hours = COALESCE(l.x, 0)
                   AND t.live_entry_count = COALESCE(l.cnt, 0)
                   AND t.last_entry_date IS NOT DISTINCT FROM l.last_date AS hours_ok,
                   t.unexcused_absence_hours = COALESCE(a.u, 0) AND t.excused_absence_hours = COALESCE(a.x, 0) AS absence_ok
            FROM participant_totals t
            LEFT JOIN (
                SELECT participant_id,
                       SUM(hours) FILTER (WHERE category = 0) n, SUM(hours) FILTER (WHERE category = 1) s,
                       SUM(hours) FILTER (WHERE category = 2) c, SUM(hours) FILTER (WHERE category = 3) w,
                       SUM(hours) FILTER (WHERE category = 4) e, SUM(hours) FILTER (WHERE category = 5) x,
                       COUNT(*)::int cnt, MAX(date) last_date
                FROM hour_entries WHERE voided_at IS NULL GROUP BY participant_id) l ON l.participant_id = t.participant_id
            LEFT JOIN (
                SELECT participant_id, SUM(hours) FILTER (WHERE NOT excused) u, SUM(hours) FILTER (WHERE excused) x
                FROM absence_entries WHERE voided_at IS NULL GROUP BY participant_id) a ON a.participant_id = t.participant_id
            """).ToListAsync(ct);
        mismatches.AddRange(totals.Where(t => !t.HoursOk).Select(t => new TotalsMismatch(t.ParticipantId, "hours")));
        mismatches.AddRange(totals.Where(t => !t.AbsenceOk).Select(t => new TotalsMismatch(t.ParticipantId, "absence")));

        var weeks = await db.Database.SqlQueryRaw<WeekRow>("""
            SELECT COALESCE(w.participant_id, l.participant_id) AS participant_id
            FROM participant_weeks w
            FULL JOIN (
                SELECT participant_id, date_trunc('week', date)::date AS week_start,
                       SUM(hours) FILTER (WHERE category = 0) n, SUM(hours) FILTER (WHERE category = 1) s,
                       SUM(hours) FILTER (WHERE category NOT IN (0, 1)) o
                FROM hour_entries WHERE voided_at IS NULL GROUP BY 1, 2) l
              ON l.participant_id = w.participant_id AND l.week_start = w.week_start
            WHERE COALESCE(w.norwegian_hours, 0) <> COALESCE(l.n, 0)
               OR COALESCE(w.social_studies_hours, 0) <> COALESCE(l.s, 0)
               OR COALESCE(w.other_hours, 0) <> COALESCE(l.o, 0)
            """).ToListAsync(ct);
        mismatches.AddRange(weeks.Distinct().Select(w => new TotalsMismatch(w.ParticipantId, "weeks")));

        // The kept days against the days worked out from the ledger for the participant's own rule set; a row worked
        // out for another rule set (or never) is a mismatch too.
        var daysSql = $$"""
            WITH rs AS ({{RequirementDays.RuleSetsSql}})
            SELECT t.participant_id
            FROM participant_totals t
            JOIN participants p ON p.tenant_id = t.tenant_id AND p.id = t.participant_id
            JOIN rs ON rs.id = p.rule_set_id
            WHERE t.tenant_id = @tenant AND (
                t.reached_rule_set_id IS DISTINCT FROM p.rule_set_id
                OR t.norwegian_reached_on IS DISTINCT FROM {{RequirementDays.DaySql(HourCategory.Norwegian, "t.participant_id", "rs.norwegian")}}
                OR t.social_studies_reached_on IS DISTINCT FROM {{RequirementDays.DaySql(HourCategory.SocialStudies, "t.participant_id", "rs.social")}})
            """;
        var tenant = db.CurrentTenantId ?? throw new TenantMismatchException("Totals are reconciled within a municipality.");
        var days = await db.Database.SqlQueryRaw<WeekRow>(daysSql, RequirementDays.RuleSetParameters(ruleSets, tenant)).ToListAsync(ct);
        mismatches.AddRange(days.Select(d => new TotalsMismatch(d.ParticipantId, "requirement days")));
        return mismatches;
    }

    private sealed record TotalsRow(Guid ParticipantId, bool HoursOk, bool AbsenceOk);

    private sealed record WeekRow(Guid ParticipantId);
}
