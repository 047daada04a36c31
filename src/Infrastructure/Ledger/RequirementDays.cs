using IntroProgram.Domain.Programme;
using IntroProgram.Infrastructure.Data;
using IntroProgram.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace IntroProgram.Infrastructure.Ledger;

/// <summary>
/// The day each participant's live Norwegian and social-studies hours, summed in date order, reached their own rule
/// set's requirement, kept in <c>participant_totals</c> (<c>norwegian_reached_on</c>, <c>social_studies_reached_on</c>,
/// and <c>reached_rule_set_id</c>, the rule set they were worked out against). The ledger works them out again in the
/// same transaction as an entry or a void that can move them; the participant edit when the rule set changes; the
/// migration command for rows from before they were kept. One SQL text serves all of them, the dashboard's fallback
/// for a row not worked out yet and the reconciliation that checks them.
/// </summary>
public static class RequirementDays
{
    /// <summary>
    /// The day the live hours of <paramref name="category"/> reached <paramref name="required"/> for the participant
    /// named by <paramref name="participant"/> (SQL expressions), or null. The running sum is read in date order only up
    /// to the entry that crosses the line. Needs the parameter <c>@tenant</c>.
    /// </summary>
    public static string DaySql(HourCategory category, string participant, string required) => $"""
        (SELECT r.date FROM (
            SELECT h.date, sum(h.hours) OVER (ORDER BY h.date, h.id ROWS UNBOUNDED PRECEDING) AS total
            FROM hour_entries h
            WHERE h.tenant_id = @tenant AND h.participant_id = {participant} AND h.category = {(int)category} AND h.voided_at IS NULL
        ) r WHERE r.total >= {required} ORDER BY r.date LIMIT 1)
        """;

    /// <summary>
    /// The rule sets' requirements as a relation <c>rs(id, norwegian, social, start_months)</c> built from the
    /// parameters of <see cref="RuleSetParameters"/>.
    /// </summary>
    public const string RuleSetsSql = "SELECT * FROM unnest(@rs_ids, @rs_norwegian, @rs_social, @rs_start_months) AS rs(id, norwegian, social, start_months)";

    public static NpgsqlParameter[] RuleSetParameters(RuleSetCatalog ruleSets, Guid tenant) =>
    [
        new("rs_ids", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = ruleSets.All.Select(r => r.Id).ToArray() },
        new("rs_norwegian", NpgsqlDbType.Array | NpgsqlDbType.Numeric) { Value = ruleSets.All.Select(r => r.NorwegianHoursRequired).ToArray() },
        new("rs_social", NpgsqlDbType.Array | NpgsqlDbType.Numeric) { Value = ruleSets.All.Select(r => r.SocialStudiesHoursRequired).ToArray() },
        new("rs_start_months", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = ruleSets.All.Select(r => r.StartDeadlineMonths).ToArray() },
        new("tenant", NpgsqlDbType.Uuid) { Value = tenant },
    ];

    /// <summary>Works the days out again for the rows chosen by <paramref name="which"/> (a condition on t and p).</summary>
    private static string RefreshSql(string which) => $"""
        WITH rs AS ({RuleSetsSql})
        UPDATE participant_totals t
        SET norwegian_reached_on = CASE WHEN t.norwegian_hours >= rs.norwegian
                THEN {DaySql(HourCategory.Norwegian, "t.participant_id", "rs.norwegian")} END,
            social_studies_reached_on = CASE WHEN t.social_studies_hours >= rs.social
                THEN {DaySql(HourCategory.SocialStudies, "t.participant_id", "rs.social")} END,
            reached_rule_set_id = p.rule_set_id
        FROM participants p JOIN rs ON rs.id = p.rule_set_id
        WHERE p.tenant_id = t.tenant_id AND p.id = t.participant_id AND t.tenant_id = @tenant AND {which}
        """;

    private static readonly string RefreshChosenSql = RefreshSql("t.participant_id = ANY(@participants)");

    /// <summary>Rows never worked out, or worked out for a rule set the participant no longer has.</summary>
    public static readonly string RefreshStaleSql = RefreshSql("t.reached_rule_set_id IS DISTINCT FROM p.rule_set_id");

    /// <summary>Works the days out again for these participants of the context's municipality, in its transaction.</summary>
    public static async Task RefreshAsync(AppDbContext db, RuleSetCatalog ruleSets, IReadOnlyCollection<Guid> participantIds, CancellationToken ct)
    {
        if (participantIds.Count == 0)
        {
            return;
        }
        var tenant = db.CurrentTenantId ?? throw new TenantMismatchException("Requirement days are kept within a municipality.");
        object[] parameters =
        [
            .. RuleSetParameters(ruleSets, tenant),
            new NpgsqlParameter("participants", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = participantIds.ToArray() },
        ];
        await db.Database.ExecuteSqlRawAsync(RefreshChosenSql, parameters, ct);
    }

    /// <summary>
    /// Works out the days of every row that needs it, in every municipality, one municipality at a time (each bound to
    /// its own row-level security). Run by the migration command; a database already up to date costs one short
    /// statement per municipality. Returns the number of rows worked out.
    /// </summary>
    public static async Task<int> RefreshStaleEverywhereAsync(NpgsqlConnection connection, RuleSetCatalog ruleSets, CancellationToken ct)
    {
        var tenants = new List<Guid>();
        await using (var list = new NpgsqlCommand("SELECT id FROM municipalities ORDER BY id", connection))
        await using (var reader = await list.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                tenants.Add(reader.GetGuid(0));
            }
        }
        var rows = 0;
        foreach (var tenant in tenants)
        {
            await TenantSession.UseTenantAsync(connection, tenant, ct);
            rows += await RefreshStaleAsync(connection, null, ruleSets, tenant, ct);
        }
        await TenantSession.UseTenantAsync(connection, null, ct);
        return rows;
    }

    /// <summary>The stale rows of one municipality, on a connection already bound to it.</summary>
    public static async Task<int> RefreshStaleAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, RuleSetCatalog ruleSets, Guid tenant, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(RefreshStaleSql, connection, transaction);
        command.Parameters.AddRange(RuleSetParameters(ruleSets, tenant));
        return await command.ExecuteNonQueryAsync(ct);
    }
}
