using System.Diagnostics;
using IntroProgram.Infrastructure.Tenancy;
using Npgsql;

namespace IntroProgram.Seeds.Benchmark;

/// <summary>What one generation did. <see cref="Skipped"/> municipalities already had participants and were left alone.</summary>
public sealed record SyntheticDataReport(
    int Municipalities, int Generated, int Skipped, long Participants, long HourEntries, long Totals, long Weeks, TimeSpan Elapsed);

/// <summary>
/// Synthetic municipalities ("Benchmark 9001"…) with participants and a year of hour ledger each, for measuring the
/// risk evaluation at scale. Everything is generated inside PostgreSQL with <c>INSERT … SELECT FROM generate_series</c>
/// on the owner connection; row-level security is FORCEd for the owner too, so each municipality is loaded on a
/// connection bound to it. Totals and weekly sums are computed from the inserted ledger, so they equal it exactly.
/// No real person's data: names are "Bench"+n, national id hashes are random bytes and nothing can be decrypted.
/// </summary>
public static class SyntheticProgrammeData
{
    public const int FirstNumber = 9001;
    public const string RuleSetId = "integreringsloven-2021";

    /// <summary>
    /// Creates the benchmark municipalities that are missing and fills each one that has no participants yet.
    /// </summary>
    public static async Task<SyntheticDataReport> GenerateAsync(
        string ownerConnectionString, int participants, int municipalities, DateOnly today, int parallelism = 4, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(municipalities, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(municipalities, 999);
        ArgumentOutOfRangeException.ThrowIfLessThan(participants, municipalities);
        var watch = Stopwatch.StartNew();
        await using var data = NpgsqlDataSource.Create(ownerConnectionString);

        var tenants = await EnsureMunicipalitiesAsync(data, municipalities, ct);
        var generated = 0;
        var skipped = 0;
        await Parallel.ForEachAsync(
            tenants.Select((tenant, index) => (tenant, index)),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism), CancellationToken = ct },
            async (t, token) =>
            {
                // An even spread: the first (participants % municipalities) get one more.
                var count = participants / municipalities + (t.index < participants % municipalities ? 1 : 0);
                var offset = t.index * (participants / municipalities) + Math.Min(t.index, participants % municipalities);
                if (await FillMunicipalityAsync(data, t.tenant, count, offset, today, token))
                {
                    Interlocked.Increment(ref generated);
                }
                else
                {
                    Interlocked.Increment(ref skipped);
                }
            });

        long rows = 0, entries = 0, totals = 0, weeks = 0;
        foreach (var tenant in tenants)
        {
            var c = await CountAsync(data, tenant, ct);
            rows += c.Participants;
            entries += c.Entries;
            totals += c.Totals;
            weeks += c.Weeks;
        }
        return new SyntheticDataReport(tenants.Count, generated, skipped, rows, entries, totals, weeks, watch.Elapsed);
    }

    private static async Task<List<Guid>> EnsureMunicipalitiesAsync(NpgsqlDataSource data, int municipalities, CancellationToken ct)
    {
        await using var connection = await data.OpenConnectionAsync(ct);
        await TenantSession.UseTenantAsync(connection, null, ct);
        await using (var insert = connection.CreateCommand())
        {
            insert.CommandText = """
                INSERT INTO municipalities (id, number, name, slug, is_active, require_two_factor_for_staff, created_at)
                SELECT gen_random_uuid(), n::text, 'Benchmark ' || n, 'bench-' || n, true, false, now()
                FROM generate_series($1, $2) AS n
                WHERE NOT EXISTS (SELECT 1 FROM municipalities m WHERE m.number = n::text OR m.slug = 'bench-' || n)
                """;
            insert.Parameters.Add(new NpgsqlParameter { Value = FirstNumber });
            insert.Parameters.Add(new NpgsqlParameter { Value = FirstNumber + municipalities - 1 });
            await insert.ExecuteNonQueryAsync(ct);
        }
        await using var select = connection.CreateCommand();
        select.CommandText = "SELECT id FROM municipalities WHERE slug = ANY($1) ORDER BY number";
        select.Parameters.Add(new NpgsqlParameter
        {
            Value = Enumerable.Range(FirstNumber, municipalities).Select(n => "bench-" + n.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray(),
        });
        var ids = new List<Guid>();
        await using var reader = await select.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            ids.Add(reader.GetGuid(0));
        }
        return ids;
    }

    /// <returns>False when the municipality already has participants (nothing is changed then).</returns>
    private static async Task<bool> FillMunicipalityAsync(NpgsqlDataSource data, Guid tenant, int count, int offset, DateOnly today, CancellationToken ct)
    {
        await using var connection = await data.OpenConnectionAsync(ct);
        await TenantSession.UseTenantAsync(connection, tenant, ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        // Statistics lag far behind a bulk load; a sequential scan of the whole growing ledger per municipality would
        // make the load quadratic, so this municipality's rows are read through the tenant-leading indexes.
        await ExecuteAsync(connection, transaction, "SET LOCAL enable_seqscan = off", ct);
        // One loader per municipality at a time, so a second bench run started alongside cannot double the data.
        await ExecuteAsync(connection, transaction, "SELECT pg_advisory_xact_lock(hashtext('bench:' || $1::text))", ct, tenant);
        if (await ScalarAsync(connection, transaction, "SELECT count(*) FROM participants WHERE tenant_id = $1", ct, tenant) > 0)
        {
            return false;
        }

        // Participants. Random draws are materialised once per row so every derived date uses the same draw.
        // Programme start 3–30 months ago, settlement 1–4 months before it, permit 2 weeks–1 year before settlement,
        // age 18–55 at the permit date. 94 % active, 3 % on leave, 3 % completed (not evaluated).
        await ExecuteAsync(connection, transaction, """
            WITH r AS MATERIALIZED (
                SELECT n, random() AS r_start, random() AS r_settle, random() AS r_permit, random() AS r_age,
                       random() AS r_status, random() AS r_gender, random() AS r_country
                FROM generate_series(1, $2) AS n),
            d AS (
                SELECT r.*, $4::date - (91 + floor(r_start * 822))::int AS programme_start
                FROM r),
            s AS (
                SELECT d.*, programme_start - (30 + floor(r_settle * 91))::int AS settlement_date FROM d),
            p AS (
                SELECT s.*, settlement_date - (14 + floor(r_permit * 352))::int AS permit_date FROM s)
            INSERT INTO participants (
                tenant_id, id, given_name, family_name, birth_date, gender, country_of_origin, preferred_language,
                social_studies_language, education_background, national_id_hash, national_id_kind, national_id_masked,
                national_id_protected, permit_date, settlement_date, programme_start, rule_set_id, status,
                status_changed_on, ended_on, extra_norwegian_hours_granted, research_opt_out, created_at, updated_at)
            SELECT $1, gen_random_uuid(), 'Bench' || ($3 + n), 'Bench',
                   (permit_date - make_interval(days => (18 * 365 + floor(r_age * 37 * 365))::int))::date,
                   CASE WHEN r_gender < 0.5 THEN 0 ELSE 1 END,
                   (ARRAY['SY', 'UA', 'AF', 'ER', 'SO', 'CD'])[1 + floor(r_country * 6)::int],
                   (ARRAY['ar', 'uk', 'fa', 'ti', 'so', 'fr'])[1 + floor(r_country * 6)::int],
                   (ARRAY['ar', 'uk', 'fa', 'ti', 'so', 'fr'])[1 + floor(r_country * 6)::int],
                   0,
                   decode(md5(random()::text) || md5(random()::text), 'hex'), 0, '010190*****', 'bench',
                   permit_date, settlement_date, programme_start, $5,
                   CASE WHEN r_status < 0.94 THEN 1 WHEN r_status < 0.97 THEN 2 ELSE 3 END,
                   programme_start,
                   CASE WHEN r_status >= 0.97 THEN $4::date - 7 END,
                   0, false, now(), now()
            FROM p
            """, ct, tenant, count, offset, today, RuleSetId);

        // The ledger: the last 52 weeks from each programme start. Norwegian Mon/Tue/Thu 3–4 h in quarter hours;
        // social studies on Wednesdays in the first 12 weeks of the programme; work-oriented on some Fridays.
        // About 20 % are behind pace (fewer than half their Norwegian lessons), about 5 % logged nothing in the
        // last three weeks.
        await ExecuteAsync(connection, transaction, """
            WITH p AS MATERIALIZED (
                SELECT id, programme_start, random() < 0.20 AS behind, random() < 0.05 AS silent, random() < 0.3 AS works
                FROM participants WHERE tenant_id = $1 AND programme_start IS NOT NULL),
            slots AS (
                SELECT p.*, w, slot.category,
                       date_trunc('week', $2::date)::date - w * 7 + slot.weekday AS date
                FROM p
                CROSS JOIN generate_series(0, 51) AS w
                CROSS JOIN (VALUES (0, 0), (1, 0), (3, 0), (2, 1), (4, 3)) AS slot(weekday, category))
            INSERT INTO hour_entries (tenant_id, id, participant_id, date, category, hours, source, recorded_at)
            SELECT $1, gen_random_uuid(), id, date, category,
                   CASE category WHEN 0 THEN 3 + floor(random() * 5) * 0.25
                                 WHEN 1 THEN 2.5 + floor(random() * 3) * 0.25
                                 ELSE 3 END,
                   0, (date + time '15:00') AT TIME ZONE 'Europe/Oslo'
            FROM slots
            WHERE date >= programme_start AND date <= $2::date
              AND NOT (silent AND w <= 3)
              AND CASE category
                      WHEN 0 THEN NOT behind OR random() < 0.45
                      WHEN 1 THEN date < programme_start + 84
                      ELSE works AND random() < 0.25
                  END
            """, ct, tenant, today);

        await ExecuteAsync(connection, transaction, """
            INSERT INTO participant_totals (
                tenant_id, participant_id, norwegian_hours, social_studies_hours, career_guidance_hours, work_oriented_hours,
                education_oriented_hours, extra_norwegian_hours, excused_absence_hours, unexcused_absence_hours,
                live_entry_count, last_entry_date)
            SELECT tenant_id, participant_id,
                   COALESCE(SUM(hours) FILTER (WHERE category = 0), 0), COALESCE(SUM(hours) FILTER (WHERE category = 1), 0),
                   COALESCE(SUM(hours) FILTER (WHERE category = 2), 0), COALESCE(SUM(hours) FILTER (WHERE category = 3), 0),
                   COALESCE(SUM(hours) FILTER (WHERE category = 4), 0), COALESCE(SUM(hours) FILTER (WHERE category = 5), 0),
                   0, 0, COUNT(*)::int, MAX(date)
            FROM hour_entries
            WHERE tenant_id = $1 AND voided_at IS NULL
            GROUP BY tenant_id, participant_id
            """, ct, tenant);

        // Those with no ledger yet (none today, as every participant has started) get zero totals. Kept apart from the
        // aggregate above: joined to it, stale statistics made the planner re-aggregate the ledger per participant.
        await ExecuteAsync(connection, transaction, """
            INSERT INTO participant_totals (
                tenant_id, participant_id, norwegian_hours, social_studies_hours, career_guidance_hours, work_oriented_hours,
                education_oriented_hours, extra_norwegian_hours, excused_absence_hours, unexcused_absence_hours,
                live_entry_count, last_entry_date)
            SELECT p.tenant_id, p.id, 0, 0, 0, 0, 0, 0, 0, 0, 0, NULL
            FROM participants p
            WHERE p.tenant_id = $1
              AND NOT EXISTS (SELECT 1 FROM participant_totals t WHERE t.tenant_id = p.tenant_id AND t.participant_id = p.id)
            """, ct, tenant);

        await ExecuteAsync(connection, transaction, """
            INSERT INTO participant_weeks (tenant_id, participant_id, week_start, norwegian_hours, social_studies_hours, other_hours)
            SELECT tenant_id, participant_id, date_trunc('week', date)::date,
                   COALESCE(SUM(hours) FILTER (WHERE category = 0), 0), COALESCE(SUM(hours) FILTER (WHERE category = 1), 0),
                   COALESCE(SUM(hours) FILTER (WHERE category NOT IN (0, 1)), 0)
            FROM hour_entries
            WHERE tenant_id = $1 AND voided_at IS NULL
            GROUP BY tenant_id, participant_id, date_trunc('week', date)::date
            """, ct, tenant);

        await transaction.CommitAsync(ct);
        return true;
    }

    private static async Task<(long Participants, long Entries, long Totals, long Weeks)> CountAsync(NpgsqlDataSource data, Guid tenant, CancellationToken ct)
    {
        await using var connection = await data.OpenConnectionAsync(ct);
        await TenantSession.UseTenantAsync(connection, tenant, ct);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT (SELECT count(*) FROM participants WHERE tenant_id = $1),
                   (SELECT count(*) FROM hour_entries WHERE tenant_id = $1),
                   (SELECT count(*) FROM participant_totals WHERE tenant_id = $1),
                   (SELECT count(*) FROM participant_weeks WHERE tenant_id = $1)
            """;
        command.Parameters.Add(new NpgsqlParameter { Value = tenant });
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken ct, params object[] values)
    {
        await using var command = Command(connection, transaction, sql, values);
        await command.ExecuteNonQueryAsync(ct);
    }

    private static async Task<long> ScalarAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken ct, params object[] values)
    {
        await using var command = Command(connection, transaction, sql, values);
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, object[] values)
    {
        var command = new NpgsqlCommand(sql, connection, transaction) { CommandTimeout = 0 };
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }
        return command;
    }
}
