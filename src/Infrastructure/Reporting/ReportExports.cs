using IntroProgram.Domain.Programme;
using System.Data;
using System.Data.Common;
using System.Runtime.CompilerServices;
using IntroProgram.Domain.Decisions;
using IntroProgram.Domain.Participants;
using IntroProgram.Infrastructure.Data;
using IntroProgram.Infrastructure.Participants;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace IntroProgram.Infrastructure.Reporting;

/// <summary>One participant as reported to the national introduction register (NIR).</summary>
public sealed record ParticipantExportRow(
    Guid Id,
    string NationalId,
    string FamilyName,
    string GivenName,
    DateOnly BirthDate,
    Gender Gender,
    string CountryOfOrigin,
    DateOnly SettlementDate,
    string RuleSetId,
    DateOnly? ProgrammeStart,
    DateOnly? PlannedEnd,
    DateOnly? ExtendedTo,
    DateOnly? EvidenceDeadline,
    ParticipantStatus Status,
    DateOnly StatusChangedOn,
    DateOnly? EndedOn,
    decimal NorwegianHours,
    decimal SocialStudiesHours,
    decimal CareerGuidanceHours,
    decimal WorkOrientedHours,
    decimal EducationOrientedHours,
    decimal ExtraNorwegianHours,
    decimal UnexcusedAbsenceHours,
    decimal ExcusedAbsenceHours,
    int LeaveCount,
    int LeaveDays,
    int StopCount,
    DateOnly? LastStopOn,
    DateOnly? NorwegianTestOn,
    CefrLevel? Reading,
    CefrLevel? Listening,
    CefrLevel? Writing,
    CefrLevel? Oral,
    DateOnly? SocialStudiesTestOn,
    bool? SocialStudiesPassed);

/// <summary>Live hours and absence of one participant in one calendar month.</summary>
/// <summary>One issued certificate, as the certificates export lists it (never the PDF itself).</summary>
public sealed record CertificateExportRow(
    string Number, Domain.Certificates.CertificateKind Kind, DateOnly IssuedOn, string IssuerName, string NationalIdMasked,
    string FamilyName, string GivenName, decimal NorwegianHours, decimal SocialStudiesHours, DateTimeOffset? RevokedAt, string? RevocationReason);

public sealed record MonthlyHoursRow(
    Guid ParticipantId,
    string NationalIdMasked,
    string FamilyName,
    string GivenName,
    DateOnly Month,
    decimal Norwegian,
    decimal SocialStudies,
    decimal CareerGuidance,
    decimal WorkOriented,
    decimal EducationOriented,
    decimal ExtraNorwegian,
    decimal UnexcusedAbsence,
    decimal ExcusedAbsence)
{
    public decimal Total => Norwegian + SocialStudies + CareerGuidance + WorkOriented + EducationOriented + ExtraNorwegian;
}

/// <summary>
/// The rows of the exports, read with one statement each and handed on row by row as the database sends them, so an
/// export never holds more than one row. Runs in the caller's tenant scope; the SQL names the municipality as well.
/// </summary>
public sealed class ReportExports(AppDbContext db, NationalIdProtector nationalIds)
{
    /// <summary>Participants of the period (as on the dashboard), ordered by name.</summary>
    public async IAsyncEnumerable<ParticipantExportRow> ParticipantsAsync(ReportFilter filter, [EnumeratorCancellation] CancellationToken ct = default)
    {
        const string sql = """
            SELECT p.id, p.national_id_protected, p.family_name, p.given_name, p.birth_date, p.gender, p.country_of_origin,
                   p.settlement_date, p.rule_set_id, p.programme_start, p.planned_end, p.extended_to, p.evidence_deadline,
                   p.status, p.status_changed_on, p.ended_on,
                   coalesce(t.norwegian_hours, 0), coalesce(t.social_studies_hours, 0), coalesce(t.career_guidance_hours, 0),
                   coalesce(t.work_oriented_hours, 0), coalesce(t.education_oriented_hours, 0), coalesce(t.extra_norwegian_hours, 0),
                   coalesce(t.unexcused_absence_hours, 0), coalesce(t.excused_absence_hours, 0),
                   l.leave_count, l.leave_days, s.stop_count, s.last_stop_on,
                   n.taken_on, n.reading, n.listening, n.writing, n.oral, ss.taken_on, ss.passed
            FROM participants p
            LEFT JOIN participant_totals t ON t.tenant_id = p.tenant_id AND t.participant_id = p.id
            CROSS JOIN LATERAL (
                SELECT count(*)::int AS leave_count, coalesce(sum(d.period_end - d.period_start + 1), 0)::int AS leave_days
                FROM decisions d
                WHERE d.tenant_id = p.tenant_id AND d.participant_id = p.id AND d.kind = @leave) l
            CROSS JOIN LATERAL (
                SELECT count(*)::int AS stop_count, max(d.decided_on) AS last_stop_on
                FROM decisions d
                WHERE d.tenant_id = p.tenant_id AND d.participant_id = p.id AND d.kind = @end AND d.outcome = @stopped) s
            -- The best level reached per skill over every sitting, and the date of the latest sitting.
            CROSS JOIN LATERAL (
                SELECT max(r.taken_on) AS taken_on, max(r.reading) AS reading, max(r.listening) AS listening,
                       max(r.writing) AS writing, max(r.oral) AS oral
                FROM test_results r
                WHERE r.tenant_id = p.tenant_id AND r.participant_id = p.id AND r.kind = @norwegian_test) n
            CROSS JOIN LATERAL (
                SELECT max(r.taken_on) AS taken_on, bool_or(r.passed) AS passed
                FROM test_results r
                WHERE r.tenant_id = p.tenant_id AND r.participant_id = p.id AND r.kind = @social_test) ss
            WHERE p.tenant_id = @tenant
              AND (@coordinator::uuid IS NULL OR p.coordinator_id = @coordinator)
              -- The dashboard's population (DashboardReader.Population): in the programme during the period, or
              -- registered by its end; not ended before it began.
              AND (p.ended_on IS NULL OR p.ended_on >= @from)
              AND ((p.programme_start IS NOT NULL AND p.programme_start <= @to) OR p.created_at < @end_instant)
            ORDER BY p.family_name, p.given_name, p.id
            """;
        await foreach (var r in ReadAsync(sql, filter, ct,
            new NpgsqlParameter("leave", NpgsqlDbType.Integer) { Value = (int)DecisionKind.Leave },
            new NpgsqlParameter("end", NpgsqlDbType.Integer) { Value = (int)DecisionKind.ProgrammeEnd },
            new NpgsqlParameter("stopped", NpgsqlDbType.Integer) { Value = (int)ParticipantStatus.Stopped },
            new NpgsqlParameter("norwegian_test", NpgsqlDbType.Integer) { Value = (int)TestKind.Norwegian },
            new NpgsqlParameter("social_test", NpgsqlDbType.Integer) { Value = (int)TestKind.SocialStudies }))
        {
            yield return new ParticipantExportRow(
                r.GetGuid(0), nationalIds.Unprotect(r.GetString(1)), r.GetString(2), r.GetString(3), r.GetFieldValue<DateOnly>(4),
                (Gender)r.GetInt32(5), r.GetString(6), r.GetFieldValue<DateOnly>(7), r.GetString(8),
                NullableDate(r, 9), NullableDate(r, 10), NullableDate(r, 11), NullableDate(r, 12),
                (ParticipantStatus)r.GetInt32(13), r.GetFieldValue<DateOnly>(14), NullableDate(r, 15),
                r.GetDecimal(16), r.GetDecimal(17), r.GetDecimal(18), r.GetDecimal(19), r.GetDecimal(20), r.GetDecimal(21),
                r.GetDecimal(22), r.GetDecimal(23),
                r.GetInt32(24), r.GetInt32(25), r.GetInt32(26), NullableDate(r, 27),
                NullableDate(r, 28), NullableLevel(r, 29), NullableLevel(r, 30), NullableLevel(r, 31), NullableLevel(r, 32),
                NullableDate(r, 33), r.IsDBNull(34) ? null : r.GetBoolean(34));
        }
    }

    /// <summary>Live hours and absence per participant and calendar month within the period, ordered by name and month.</summary>
    /// <summary>Certificates issued in the period (by issue date), in number order; for one coordinator's participants if filtered.</summary>
    public IAsyncEnumerable<CertificateExportRow> CertificatesAsync(ReportFilter filter) =>
        db.Certificates.AsNoTracking()
            .Where(c => c.IssuedOn >= filter.From && c.IssuedOn <= filter.To)
            .Join(db.Participants.Where(p => filter.CoordinatorId == null || p.CoordinatorId == filter.CoordinatorId),
                c => c.ParticipantId, p => p.Id, (c, p) => new { c, p })
            .OrderBy(x => x.c.Year).ThenBy(x => x.c.Sequence)
            .Select(x => new CertificateExportRow(x.c.Number, x.c.Kind, x.c.IssuedOn, x.c.IssuerName, x.p.NationalIdMasked,
                x.p.FamilyName, x.p.GivenName, x.c.NorwegianHours, x.c.SocialStudiesHours, x.c.RevokedAt, x.c.RevocationReason))
            .AsAsyncEnumerable();

    public async IAsyncEnumerable<MonthlyHoursRow> HoursPerMonthAsync(ReportFilter filter, [EnumeratorCancellation] CancellationToken ct = default)
    {
        const string sql = """
            WITH rows AS (
                SELECT h.participant_id, date_trunc('month', h.date)::date AS month, h.category, h.hours,
                       0::numeric AS unexcused, 0::numeric AS excused
                FROM hour_entries h
                WHERE h.tenant_id = @tenant AND h.voided_at IS NULL AND h.date BETWEEN @from AND @to
                UNION ALL
                SELECT a.participant_id, date_trunc('month', a.date)::date, NULL, 0,
                       CASE WHEN a.excused THEN 0 ELSE a.hours END, CASE WHEN a.excused THEN a.hours ELSE 0 END
                FROM absence_entries a
                WHERE a.tenant_id = @tenant AND a.voided_at IS NULL AND a.date BETWEEN @from AND @to
            ), months AS (
                SELECT participant_id, month,
                       coalesce(sum(hours) FILTER (WHERE category = 0), 0) AS norwegian,
                       coalesce(sum(hours) FILTER (WHERE category = 1), 0) AS social_studies,
                       coalesce(sum(hours) FILTER (WHERE category = 2), 0) AS career_guidance,
                       coalesce(sum(hours) FILTER (WHERE category = 3), 0) AS work_oriented,
                       coalesce(sum(hours) FILTER (WHERE category = 4), 0) AS education_oriented,
                       coalesce(sum(hours) FILTER (WHERE category = 5), 0) AS extra_norwegian,
                       sum(unexcused) AS unexcused, sum(excused) AS excused
                FROM rows GROUP BY participant_id, month
            )
            SELECT p.id, p.national_id_masked, p.family_name, p.given_name, m.month, m.norwegian, m.social_studies,
                   m.career_guidance, m.work_oriented, m.education_oriented, m.extra_norwegian, m.unexcused, m.excused
            FROM months m
            JOIN participants p ON p.tenant_id = @tenant AND p.id = m.participant_id
            WHERE (@coordinator::uuid IS NULL OR p.coordinator_id = @coordinator)
            ORDER BY p.family_name, p.given_name, p.id, m.month
            """;
        await foreach (var r in ReadAsync(sql, filter, ct))
        {
            yield return new MonthlyHoursRow(r.GetGuid(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetFieldValue<DateOnly>(4),
                r.GetDecimal(5), r.GetDecimal(6), r.GetDecimal(7), r.GetDecimal(8), r.GetDecimal(9), r.GetDecimal(10),
                r.GetDecimal(11), r.GetDecimal(12));
        }
    }

    /// <summary>
    /// Runs one statement on the context's connection (opened through EF, so row-level security is bound to the
    /// municipality) and yields its rows as they arrive.
    /// </summary>
    private async IAsyncEnumerable<DbDataReader> ReadAsync(string sql, ReportFilter filter, [EnumeratorCancellation] CancellationToken ct,
        params NpgsqlParameter[] extra)
    {
        var tenant = db.CurrentTenantId ?? throw new InvalidOperationException("Exports need a municipality.");
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = ((NpgsqlConnection)db.Database.GetDbConnection()).CreateCommand();
            command.CommandText = sql;
            command.Parameters.Add(new NpgsqlParameter("tenant", NpgsqlDbType.Uuid) { Value = tenant });
            command.Parameters.Add(new NpgsqlParameter("coordinator", NpgsqlDbType.Uuid) { Value = (object?)filter.CoordinatorId ?? DBNull.Value });
            command.Parameters.Add(new NpgsqlParameter("from", NpgsqlDbType.Date) { Value = filter.From });
            command.Parameters.Add(new NpgsqlParameter("to", NpgsqlDbType.Date) { Value = filter.To });
            command.Parameters.Add(new NpgsqlParameter("end_instant", NpgsqlDbType.TimestampTz) { Value = OsloTime.StartOfDay(filter.To.AddDays(1)) });
            command.Parameters.AddRange(extra);
            await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SingleResult, ct);
            while (await reader.ReadAsync(ct))
            {
                yield return reader;
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static DateOnly? NullableDate(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetFieldValue<DateOnly>(i);

    private static CefrLevel? NullableLevel(DbDataReader r, int i) => r.IsDBNull(i) ? null : (CefrLevel)r.GetInt32(i);
}
