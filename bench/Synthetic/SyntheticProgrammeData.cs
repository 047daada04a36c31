using System.Diagnostics;
using System.Globalization;
using IntroProgram.Domain.Programme;
using IntroProgram.Infrastructure.Ledger;
using IntroProgram.Infrastructure.Tenancy;
using Npgsql;
using NpgsqlTypes;

namespace IntroProgram.Bench.Synthetic;

/// <summary>What one generation did. <see cref="Skipped"/> municipalities already had participants and were left alone.</summary>
public sealed record SyntheticDataReport(
    int Municipalities, int Generated, int Skipped, long Participants, long HourEntries, long AbsenceEntries, long LeaveDecisions,
    long Totals, long Weeks, TimeSpan Elapsed);

/// <summary>One loaded benchmark municipality: its id, number and participant count.</summary>
public sealed record SyntheticMunicipality(Guid Id, int Number, int Participants);

/// <summary>
/// Loads synthetic municipalities ("Benchmark 9001"…) with participants and their ledger history
/// (<see cref="SyntheticPeople"/>) into the database, for benchmarks. Rows are generated in .NET from a seed and sent
/// with binary <c>COPY</c>. PostgreSQL refuses <c>COPY FROM</c> into a table under row-level security, so each
/// municipality is copied into temporary tables on a connection bound to that municipality and moved with one
/// <c>INSERT … SELECT</c> per table, which the tenant policy checks like any other write. Totals and weekly sums
/// are then computed from the loaded ledger, so they equal it exactly. A municipality that already has participants
/// is left as it is, so a second run reuses the data.
/// </summary>
public static class SyntheticProgrammeData
{
    public const int FirstNumber = 9001;
    public static readonly string RuleSetId = Domain.Programme.StandardRuleSets.IntegrationAct2021.Id;

    public static async Task<(SyntheticDataReport Report, IReadOnlyList<SyntheticMunicipality> Municipalities)> GenerateAsync(
        string ownerConnectionString, SyntheticScale scale, int seed, DateOnly today, int parallelism = 2, CancellationToken ct = default)
    {
        var watch = Stopwatch.StartNew();
        await using var data = NpgsqlDataSource.Create(ownerConnectionString);
        var sizes = scale.Sizes();
        await ClaimDatabaseAsync(data, scale, seed, ct);
        var tenants = await EnsureMunicipalitiesAsync(data, sizes.Length, ct);
        var generated = 0;
        var skipped = 0;
        // The largest first, so the long ones do not end up last on a single connection.
        await Parallel.ForEachAsync(
            Enumerable.Range(0, sizes.Length),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism), CancellationToken = ct },
            async (i, token) =>
            {
                var firstNumber = sizes.Take(i).Sum() + 1;
                if (await FillMunicipalityAsync(data, tenants[i], FirstNumber + i, sizes[i], firstNumber, seed, today, token))
                {
                    Interlocked.Increment(ref generated);
                }
                else
                {
                    Interlocked.Increment(ref skipped);
                }
            });

        long participants = 0, entries = 0, absences = 0, leave = 0, totals = 0, weeks = 0;
        var loaded = new List<SyntheticMunicipality>();
        for (var i = 0; i < tenants.Count; i++)
        {
            var c = await CountAsync(data, tenants[i], ct);
            participants += c[0];
            entries += c[1];
            absences += c[2];
            leave += c[3];
            totals += c[4];
            weeks += c[5];
            loaded.Add(new SyntheticMunicipality(tenants[i], FirstNumber + i, (int)c[0]));
        }
        return (new SyntheticDataReport(tenants.Count, generated, skipped, participants, entries, absences, leave, totals, weeks, watch.Elapsed), loaded);
    }

    /// <summary>
    /// One database holds one scale and seed: the first load writes them down, and a load of another is refused, so a
    /// "national" run can never measure a county's municipalities with a few hundred more beside them.
    /// </summary>
    private static async Task ClaimDatabaseAsync(NpgsqlDataSource data, SyntheticScale scale, int seed, CancellationToken ct)
    {
        await using var connection = await data.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await ExecuteAsync(connection, transaction, """
            CREATE TABLE IF NOT EXISTS bench_scale (
                only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
                name text NOT NULL, seed integer NOT NULL, municipalities integer NOT NULL, participants integer NOT NULL)
            """, ct);
        await ExecuteAsync(connection, transaction, "LOCK TABLE bench_scale IN EXCLUSIVE MODE", ct);
        (string Name, int Seed, int Municipalities, int Participants)? held = null;
        await using (var read = new NpgsqlCommand("SELECT name, seed, municipalities, participants FROM bench_scale", connection, transaction))
        await using (var reader = await read.ExecuteReaderAsync(ct))
        {
            if (await reader.ReadAsync(ct))
            {
                held = (reader.GetString(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3));
            }
        }
        if (held is { } h)
        {
            if (h.Municipalities != scale.Municipalities || h.Participants != scale.Participants || h.Seed != seed)
            {
                throw new SyntheticScaleMismatchException(string.Create(CultureInfo.InvariantCulture,
                    $"This database holds the {h.Name} scale (seed {h.Seed}: {h.Participants} participants in {h.Municipalities} municipalities), not {scale.Name} (seed {seed}: {scale.Participants} in {scale.Municipalities}). Each scale needs its own database."));
            }
            await transaction.CommitAsync(ct);
            return;
        }
        if (await ScalarAsync(connection, transaction, "SELECT count(*) FROM municipalities WHERE slug LIKE 'bench-%'", ct) > 0)
        {
            throw new SyntheticScaleMismatchException(
                "This database holds synthetic municipalities of an unknown scale (loaded before scales were recorded). Each scale needs its own database.");
        }
        await ExecuteAsync(connection, transaction, "INSERT INTO bench_scale (name, seed, municipalities, participants) VALUES ($1, $2, $3, $4)", ct,
            scale.Name, seed, scale.Municipalities, scale.Participants);
        await transaction.CommitAsync(ct);
    }

    private static async Task<List<Guid>> EnsureMunicipalitiesAsync(NpgsqlDataSource data, int municipalities, CancellationToken ct)
    {
        await using var connection = await data.OpenConnectionAsync(ct);
        await TenantSession.UseTenantAsync(connection, null, ct);
        await using (var insert = connection.CreateCommand())
        {
            // Deterministic ids too: the same seed gives the same rows in every table.
            insert.CommandText = """
                INSERT INTO municipalities (id, number, name, slug, is_active, require_two_factor_for_staff, created_at)
                SELECT md5('benchmark-municipality-' || n)::uuid, n::text, 'Benchmark ' || n, 'bench-' || n, true, false, now()
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
            Value = Enumerable.Range(FirstNumber, municipalities).Select(n => "bench-" + n.ToString(CultureInfo.InvariantCulture)).ToArray(),
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
    private static async Task<bool> FillMunicipalityAsync(
        NpgsqlDataSource data, Guid tenant, int number, int count, int firstNumber, int seed, DateOnly today, CancellationToken ct)
    {
        await using var connection = await data.OpenConnectionAsync(ct);
        // Before the first temporary table of the session, or the setting does not take.
        await ExecuteAsync(connection, null, "SET temp_buffers = '256MB'", ct);
        await TenantSession.UseTenantAsync(connection, tenant, ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        // One loader per municipality at a time, so a second run started alongside cannot double the data.
        await ExecuteAsync(connection, transaction, "SELECT pg_advisory_xact_lock(hashtext('bench:' || $1::text))", ct, tenant);
        if (await ScalarAsync(connection, transaction, "SELECT count(*) FROM participants WHERE tenant_id = $1", ct, tenant) > 0)
        {
            return false;
        }
        foreach (var table in new[] { "participants", "hour_entries", "absence_entries", "decisions" })
        {
            await ExecuteAsync(connection, transaction, $"CREATE TEMP TABLE stage_{table} (LIKE {table} INCLUDING DEFAULTS) ON COMMIT DROP", ct);
        }

        var people = SyntheticPeople.Generate(seed, number, count, firstNumber, today).ToList();
        var loadedAt = new DateTimeOffset(today.ToDateTime(new TimeOnly(6, 0)), TimeSpan.Zero);

        await using (var copy = await connection.BeginBinaryImportAsync("""
            COPY stage_participants (tenant_id, id, given_name, family_name, birth_date, gender, country_of_origin, preferred_language,
                social_studies_language, education_background, national_id_hash, national_id_kind, national_id_masked,
                national_id_protected, permit_date, settlement_date, programme_start, planned_end, evidence_deadline, rule_set_id,
                status, status_changed_on, ended_on, extra_norwegian_hours_granted, research_opt_out, created_at, updated_at) FROM STDIN (FORMAT BINARY)
            """, ct))
        {
            foreach (var p in people)
            {
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(tenant, NpgsqlDbType.Uuid, ct);
                await copy.WriteAsync(p.Id, NpgsqlDbType.Uuid, ct);
                await copy.WriteAsync("Bench" + p.Number.ToString(CultureInfo.InvariantCulture), NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync("Bench", NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(p.BirthDate, NpgsqlDbType.Date, ct);
                await copy.WriteAsync((int)p.Gender, NpgsqlDbType.Integer, ct);
                await copy.WriteAsync(p.Country, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(p.Language, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(p.Language, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(0, NpgsqlDbType.Integer, ct);
                await copy.WriteAsync(p.NationalIdHash, NpgsqlDbType.Bytea, ct);
                await copy.WriteAsync(0, NpgsqlDbType.Integer, ct);
                await copy.WriteAsync("010190*****", NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync("bench", NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(p.PermitDate, NpgsqlDbType.Date, ct);
                await copy.WriteAsync(p.SettlementDate, NpgsqlDbType.Date, ct);
                await copy.WriteAsync(p.ProgrammeStart, NpgsqlDbType.Date, ct);
                await copy.WriteAsync(p.PlannedEnd, NpgsqlDbType.Date, ct);
                await copy.WriteAsync(p.EvidenceDeadline, NpgsqlDbType.Date, ct);
                await copy.WriteAsync(RuleSetId, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync((int)p.Status, NpgsqlDbType.Integer, ct);
                await copy.WriteAsync(p.StatusChangedOn, NpgsqlDbType.Date, ct);
                if (p.EndedOn is { } ended)
                {
                    await copy.WriteAsync(ended, NpgsqlDbType.Date, ct);
                }
                else
                {
                    await copy.WriteNullAsync(ct);
                }
                await copy.WriteAsync(0m, NpgsqlDbType.Numeric, ct);
                await copy.WriteAsync(false, NpgsqlDbType.Boolean, ct);
                await copy.WriteAsync(loadedAt, NpgsqlDbType.TimestampTz, ct);
                await copy.WriteAsync(loadedAt, NpgsqlDbType.TimestampTz, ct);
            }
            await copy.CompleteAsync(ct);
        }

        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY stage_hour_entries (tenant_id, id, participant_id, date, category, hours, source, recorded_at) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var p in people)
            {
                foreach (var h in p.Hours)
                {
                    await copy.StartRowAsync(ct);
                    await copy.WriteAsync(tenant, NpgsqlDbType.Uuid, ct);
                    await copy.WriteAsync(h.Id, NpgsqlDbType.Uuid, ct);
                    await copy.WriteAsync(p.Id, NpgsqlDbType.Uuid, ct);
                    await copy.WriteAsync(h.Date, NpgsqlDbType.Date, ct);
                    await copy.WriteAsync((int)h.Category, NpgsqlDbType.Integer, ct);
                    await copy.WriteAsync(h.Hours, NpgsqlDbType.Numeric, ct);
                    await copy.WriteAsync(0, NpgsqlDbType.Integer, ct);
                    await copy.WriteAsync(Afternoon(h.Date), NpgsqlDbType.TimestampTz, ct);
                }
            }
            await copy.CompleteAsync(ct);
        }

        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY stage_absence_entries (tenant_id, id, participant_id, date, hours, excused, recorded_at) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var p in people)
            {
                foreach (var a in p.Absences)
                {
                    await copy.StartRowAsync(ct);
                    await copy.WriteAsync(tenant, NpgsqlDbType.Uuid, ct);
                    await copy.WriteAsync(a.Id, NpgsqlDbType.Uuid, ct);
                    await copy.WriteAsync(p.Id, NpgsqlDbType.Uuid, ct);
                    await copy.WriteAsync(a.Date, NpgsqlDbType.Date, ct);
                    await copy.WriteAsync(a.Hours, NpgsqlDbType.Numeric, ct);
                    await copy.WriteAsync(a.Excused, NpgsqlDbType.Boolean, ct);
                    await copy.WriteAsync(Afternoon(a.Date), NpgsqlDbType.TimestampTz, ct);
                }
            }
            await copy.CompleteAsync(ct);
        }

        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY stage_decisions (tenant_id, id, participant_id, kind, decided_on, reason, recorded_at, period_start, period_end, leave_type) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var p in people)
            {
                foreach (var l in p.Leave)
                {
                    await copy.StartRowAsync(ct);
                    await copy.WriteAsync(tenant, NpgsqlDbType.Uuid, ct);
                    await copy.WriteAsync(l.Id, NpgsqlDbType.Uuid, ct);
                    await copy.WriteAsync(p.Id, NpgsqlDbType.Uuid, ct);
                    await copy.WriteAsync((int)Domain.Decisions.DecisionKind.Leave, NpgsqlDbType.Integer, ct);
                    await copy.WriteAsync(l.DecidedOn, NpgsqlDbType.Date, ct);
                    await copy.WriteAsync("Permisjon (syntetiske data)", NpgsqlDbType.Varchar, ct);
                    await copy.WriteAsync(Afternoon(l.DecidedOn), NpgsqlDbType.TimestampTz, ct);
                    await copy.WriteAsync(l.Start, NpgsqlDbType.Date, ct);
                    await copy.WriteAsync(l.End, NpgsqlDbType.Date, ct);
                    await copy.WriteAsync((int)l.Type, NpgsqlDbType.Integer, ct);
                }
            }
            await copy.CompleteAsync(ct);
        }
        people.Clear();

        foreach (var table in new[] { "participants", "hour_entries", "absence_entries", "decisions" })
        {
            // In id order: the ids grow with the generation order, so the indexes are appended to.
            await ExecuteAsync(connection, transaction, $"INSERT INTO {table} SELECT * FROM stage_{table} ORDER BY id", ct);
        }

        // Statistics lag far behind a bulk load; the sums read this municipality's rows through its indexes.
        await ExecuteAsync(connection, transaction, "SET LOCAL enable_seqscan = off", ct);
        await ExecuteAsync(connection, transaction, """
            INSERT INTO participant_totals (
                tenant_id, participant_id, norwegian_hours, social_studies_hours, career_guidance_hours, work_oriented_hours,
                education_oriented_hours, extra_norwegian_hours, excused_absence_hours, unexcused_absence_hours,
                live_entry_count, last_entry_date)
            SELECT p.tenant_id, p.id,
                   COALESCE(l.n, 0), COALESCE(l.s, 0), COALESCE(l.c, 0), COALESCE(l.w, 0), COALESCE(l.e, 0), COALESCE(l.x, 0),
                   COALESCE(a.x, 0), COALESCE(a.u, 0), COALESCE(l.cnt, 0), l.last_date
            FROM stage_participants p
            LEFT JOIN (
                SELECT participant_id,
                       SUM(hours) FILTER (WHERE category = 0) n, SUM(hours) FILTER (WHERE category = 1) s,
                       SUM(hours) FILTER (WHERE category = 2) c, SUM(hours) FILTER (WHERE category = 3) w,
                       SUM(hours) FILTER (WHERE category = 4) e, SUM(hours) FILTER (WHERE category = 5) x,
                       COUNT(*)::int cnt, MAX(date) last_date
                FROM stage_hour_entries GROUP BY participant_id) l ON l.participant_id = p.id
            LEFT JOIN (
                SELECT participant_id, SUM(hours) FILTER (WHERE excused) x, SUM(hours) FILTER (WHERE NOT excused) u
                FROM stage_absence_entries GROUP BY participant_id) a ON a.participant_id = p.id
            """, ct);
        await ExecuteAsync(connection, transaction, """
            INSERT INTO participant_weeks (tenant_id, participant_id, week_start, norwegian_hours, social_studies_hours, other_hours)
            SELECT tenant_id, participant_id, date_trunc('week', date)::date,
                   COALESCE(SUM(hours) FILTER (WHERE category = 0), 0), COALESCE(SUM(hours) FILTER (WHERE category = 1), 0),
                   COALESCE(SUM(hours) FILTER (WHERE category NOT IN (0, 1)), 0)
            FROM stage_hour_entries
            GROUP BY tenant_id, participant_id, date_trunc('week', date)::date
            """, ct);

        // The day each requirement was reached, as the ledger keeps it.
        await RequirementDays.RefreshStaleAsync(connection, transaction, RuleSetCatalog.Standard, tenant, ct);

        await transaction.CommitAsync(ct);
        return true;
    }

    /// <summary>Lessons are recorded in the afternoon of their day (14:00 UTC).</summary>
    private static DateTimeOffset Afternoon(DateOnly date) => new(date.ToDateTime(new TimeOnly(14, 0)), TimeSpan.Zero);

    private static async Task<long[]> CountAsync(NpgsqlDataSource data, Guid tenant, CancellationToken ct)
    {
        await using var connection = await data.OpenConnectionAsync(ct);
        await TenantSession.UseTenantAsync(connection, tenant, ct);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT (SELECT count(*) FROM participants WHERE tenant_id = $1),
                   (SELECT count(*) FROM hour_entries WHERE tenant_id = $1),
                   (SELECT count(*) FROM absence_entries WHERE tenant_id = $1),
                   (SELECT count(*) FROM decisions WHERE tenant_id = $1 AND kind = 0),
                   (SELECT count(*) FROM participant_totals WHERE tenant_id = $1),
                   (SELECT count(*) FROM participant_weeks WHERE tenant_id = $1)
            """;
        command.Parameters.Add(new NpgsqlParameter { Value = tenant });
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return [reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5)];
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken ct, params object[] values)
    {
        await using var command = Command(connection, transaction, sql, values);
        await command.ExecuteNonQueryAsync(ct);
    }

    private static async Task<long> ScalarAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken ct, params object[] values)
    {
        await using var command = Command(connection, transaction, sql, values);
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, object[] values)
    {
        var command = new NpgsqlCommand(sql, connection, transaction) { CommandTimeout = 0 };
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }
        return command;
    }
}

/// <summary>A load of one scale into a database that holds another.</summary>
public sealed class SyntheticScaleMismatchException(string message) : InvalidOperationException(message);
