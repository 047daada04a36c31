using System.Globalization;
using IntroProgram.Domain.Participants;
using IntroProgram.Domain.Programme;
using IntroProgram.Infrastructure.Data;
using IntroProgram.Infrastructure.Ledger;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace IntroProgram.Infrastructure.Reporting;

public sealed record KeyCount(string Key, int Count);

public sealed record RiskCount(string Rule, RiskSeverity Severity, int Count);

public sealed record MonthCount(int Year, int Month, int Starts, int Completions, int OtherEnds);

public sealed record YearCount(int Year, int Starts, int Completions, int OtherEnds);

/// <summary>
/// Who had the permanent-residence hours in time. The cohort is everyone whose evidence deadline (moved by leave) fell
/// in the period and has passed; a participant reached a requirement when the running sum of their live ledger in that
/// category reached their own rule set's number on or before the deadline.
/// </summary>
public sealed record EvidenceOutcome(int Cohort, int ReachedNorwegian, int ReachedSocialStudies, int ReachedBoth);

/// <summary>The dashboard's figures for one filter. Every number is counted by the database.</summary>
public sealed class Dashboard
{
    public required ReportFilter Filter { get; init; }
    public required DateOnly ReferenceDate { get; init; }
    public required int Participants { get; init; }
    public required IReadOnlyList<KeyCount> ByStatus { get; init; }
    public required IReadOnlyList<KeyCount> ByGender { get; init; }
    public required IReadOnlyList<KeyCount> ByAgeGroup { get; init; }
    /// <summary>The most common countries, then <see cref="DashboardReader.OtherCountries"/> for the rest.</summary>
    public required IReadOnlyList<KeyCount> ByCountry { get; init; }
    public required IReadOnlyList<RiskCount> AtRisk { get; init; }
    public required int ParticipantsAtRisk { get; init; }
    public required IReadOnlyList<MonthCount> Months { get; init; }
    public required IReadOnlyList<YearCount> Years { get; init; }
    public required EvidenceOutcome Evidence { get; init; }
    /// <summary>Participants who reached their Norwegian requirement in the period.</summary>
    public required int ReachedNorwegianInPeriod { get; init; }
    /// <summary>Median months from programme start to the day the Norwegian requirement was reached, for those.</summary>
    public required decimal? MedianMonthsToNorwegian { get; init; }
    public required int StartsInPeriod { get; init; }
    public required int LateStartsInPeriod { get; init; }
}

/// <summary>
/// Reads the municipality dashboard in four grouped statements: the database counts, the app receives a few
/// dozen rows whatever the municipality's size. Runs in the caller's tenant scope (query filter and row-level
/// security); the raw SQL also names the municipality itself.
/// </summary>
public sealed class DashboardReader(AppDbContext db, RuleSetCatalog ruleSets, TimeProvider clock)
{
    public const string OtherCountries = "other";
    public const int CountriesShown = 10;

    /// <summary>Age groups by completed years on the reference date; the first group is the reduced-benefit age.</summary>
    public static readonly IReadOnlyList<(string Key, int FromAge)> AgeGroups =
        [("under-25", 0), ("25-34", 25), ("35-44", 35), ("45-54", 45), ("55+", 55)];

    public DateOnly Today => clock.OsloToday();

    /// <summary>
    /// Participants of the municipality (and coordinator) in its caseload during the period: the programme began by the
    /// period's end, or the person was registered by then (waiting for a start, or with a start after the period,
    /// whatever their status), and had not ended before the period began. A condition on <c>p</c>.
    /// </summary>
    private const string PopulationSql = """
        p.tenant_id = @tenant AND (@coordinator::uuid IS NULL OR p.coordinator_id = @coordinator)
        AND (p.ended_on IS NULL OR p.ended_on >= @from)
        AND ((p.programme_start IS NOT NULL AND p.programme_start <= @to) OR p.created_at < @registered_before)
        """;

    /// <summary>Status, gender, age group and country in one scan of the population (one grouping set each).</summary>
    private const string BreakdownSql = $"""
        SELECT CASE WHEN GROUPING(x.status) = 0 THEN 0 WHEN GROUPING(x.gender) = 0 THEN 1
                    WHEN GROUPING(x.age_group) = 0 THEN 2 ELSE 3 END AS kind,
               COALESCE(x.status::text, x.gender::text, x.age_group::text, x.country) AS key,
               count(*)::int AS count
        FROM (
            -- Birth-date thresholds turn "age on the reference date" into plain date comparisons.
            SELECT p.status, p.gender, p.country_of_origin AS country,
                   CASE WHEN p.birth_date > @born25 THEN 0 WHEN p.birth_date > @born35 THEN 1
                        WHEN p.birth_date > @born45 THEN 2 WHEN p.birth_date > @born55 THEN 3 ELSE 4 END AS age_group
            FROM participants p
            WHERE {PopulationSql}
        ) x
        GROUP BY GROUPING SETS ((x.status), (x.gender), (x.age_group), (x.country))
        """;

    /// <summary>Open flags of the population by rule and severity, and (the empty grouping set) how many participants have any.</summary>
    private const string RiskSql = $"""
        SELECT f.rule, f.severity, count(*)::int AS count, count(DISTINCT f.participant_id)::int AS participants,
               GROUPING(f.rule, f.severity) AS total
        FROM risk_flags f
        WHERE f.tenant_id = @tenant AND f.resolved_at IS NULL
          AND EXISTS (SELECT 1 FROM participants p WHERE p.id = f.participant_id AND {PopulationSql})
        GROUP BY GROUPING SETS ((f.rule, f.severity), ())
        """;

    /// <summary>Starts (kind 0), completions (1) and other endings (2) per calendar month of the period.</summary>
    private static readonly string MonthsSql = $"""
        SELECT 0 AS kind, date_part('year', p.programme_start)::int AS year, date_part('month', p.programme_start)::int AS month,
               count(*)::int AS count
        FROM participants p
        WHERE p.tenant_id = @tenant AND (@coordinator::uuid IS NULL OR p.coordinator_id = @coordinator)
          AND p.programme_start BETWEEN @from AND @to
        GROUP BY 2, 3
        UNION ALL
        SELECT CASE WHEN p.status = {(int)ParticipantStatus.Completed} THEN 1 ELSE 2 END, date_part('year', p.ended_on)::int,
               date_part('month', p.ended_on)::int, count(*)::int
        FROM participants p
        WHERE p.tenant_id = @tenant AND (@coordinator::uuid IS NULL OR p.coordinator_id = @coordinator)
          AND p.ended_on BETWEEN @from AND @to
          AND p.status IN ({(int)ParticipantStatus.Completed}, {(int)ParticipantStatus.Stopped}, {(int)ParticipantStatus.Exited})
        GROUP BY 1, 2, 3
        """;

    /// <summary>The filter's parameters, new for each statement (a parameter belongs to one command).</summary>
    private object[] Parameters(ReportFilter filter, DateOnly reference) =>
    [
        new NpgsqlParameter("tenant", NpgsqlDbType.Uuid) { Value = db.CurrentTenantId ?? throw new InvalidOperationException("Reports need a municipality.") },
        new NpgsqlParameter("coordinator", NpgsqlDbType.Uuid) { Value = (object?)filter.CoordinatorId ?? DBNull.Value },
        new NpgsqlParameter("from", NpgsqlDbType.Date) { Value = filter.From },
        new NpgsqlParameter("to", NpgsqlDbType.Date) { Value = filter.To },
        new NpgsqlParameter("registered_before", NpgsqlDbType.TimestampTz) { Value = OsloTime.StartOfDay(filter.To.AddDays(1)) },
        new NpgsqlParameter("born25", NpgsqlDbType.Date) { Value = reference.AddYears(-25) },
        new NpgsqlParameter("born35", NpgsqlDbType.Date) { Value = reference.AddYears(-35) },
        new NpgsqlParameter("born45", NpgsqlDbType.Date) { Value = reference.AddYears(-45) },
        new NpgsqlParameter("born55", NpgsqlDbType.Date) { Value = reference.AddYears(-55) },
    ];

    /// <summary>The whole dashboard in four statements: the breakdowns, the flags, the months and the outcomes.</summary>
    public async Task<Dashboard> ReadAsync(ReportFilter filter, CancellationToken ct = default)
    {
        var today = Today;
        var reference = filter.ReferenceDate(today);

        var breakdown = await db.Database.SqlQueryRaw<BreakdownRow>(BreakdownSql, Parameters(filter, reference)).ToListAsync(ct);
        int CountOf(int kind, string key) => breakdown.FirstOrDefault(b => b.Kind == kind && b.Key == key)?.Count ?? 0;
        var risk = await db.Database.SqlQueryRaw<RiskRow>(RiskSql, Parameters(filter, reference)).ToListAsync(ct);
        var months = await MonthsAsync(filter, reference, ct);
        var outcomes = await OutcomesAsync(filter, today, ct);

        // At most ~200 countries come back; the long tail is folded into "other" here.
        var byCountry = breakdown.Where(b => b.Kind == 3).OrderByDescending(b => b.Count).ThenBy(b => b.Key, StringComparer.Ordinal).ToList();
        var countries = byCountry.Take(CountriesShown).Select(c => new KeyCount(c.Key, c.Count)).ToList();
        if (byCountry.Count > CountriesShown)
        {
            countries.Add(new KeyCount(OtherCountries, byCountry.Skip(CountriesShown).Sum(c => c.Count)));
        }

        return new Dashboard
        {
            Filter = filter,
            ReferenceDate = reference,
            Participants = breakdown.Where(b => b.Kind == 0).Sum(b => b.Count),
            ByStatus = Enum.GetValues<ParticipantStatus>().Select(s => new KeyCount(s.ToString(), CountOf(0, ((int)s).ToString(CultureInfo.InvariantCulture)))).ToList(),
            ByGender = Enum.GetValues<Gender>().Select(g => new KeyCount(g.ToString(), CountOf(1, ((int)g).ToString(CultureInfo.InvariantCulture)))).ToList(),
            ByAgeGroup = AgeGroups.Select((g, i) => new KeyCount(g.Key, CountOf(2, i.ToString(CultureInfo.InvariantCulture)))).ToList(),
            ByCountry = countries,
            AtRisk = risk.Where(r => r.Total == 0).Select(r => new RiskCount(r.Rule!, (RiskSeverity)r.Severity!.Value, r.Count))
                .OrderByDescending(r => r.Severity).ThenByDescending(r => r.Count).ThenBy(r => r.Rule, StringComparer.Ordinal).ToList(),
            ParticipantsAtRisk = risk.FirstOrDefault(r => r.Total != 0)?.Participants ?? 0,
            Months = months,
            Years = months.GroupBy(m => m.Year)
                .Select(g => new YearCount(g.Key, g.Sum(m => m.Starts), g.Sum(m => m.Completions), g.Sum(m => m.OtherEnds))).ToList(),
            Evidence = new EvidenceOutcome(outcomes.Cohort, outcomes.ReachedNorwegian, outcomes.ReachedSocialStudies, outcomes.ReachedBoth),
            ReachedNorwegianInPeriod = outcomes.ReachedNorwegianInPeriod,
            MedianMonthsToNorwegian = outcomes.MedianMonths is { } m ? Math.Round(m, 1, MidpointRounding.AwayFromZero) : null,
            StartsInPeriod = outcomes.Starts,
            LateStartsInPeriod = outcomes.LateStarts,
        };
    }

    /// <summary>Starts, completions and other ends (stopped, exited) per calendar month of the period, every month listed.</summary>
    private async Task<IReadOnlyList<MonthCount>> MonthsAsync(ReportFilter filter, DateOnly reference, CancellationToken ct)
    {
        var rows = await db.Database.SqlQueryRaw<MonthRow>(MonthsSql, Parameters(filter, reference)).ToListAsync(ct);
        int CountOf(int kind, DateOnly month) => rows.Where(r => r.Kind == kind && r.Year == month.Year && r.Month == month.Month).Sum(r => r.Count);
        var result = new List<MonthCount>();
        for (var month = new DateOnly(filter.From.Year, filter.From.Month, 1); month <= filter.To; month = month.AddMonths(1))
        {
            result.Add(new MonthCount(month.Year, month.Month, CountOf(0, month), CountOf(1, month), CountOf(2, month)));
        }
        return result;
    }

    private sealed record BreakdownRow(int Kind, string Key, int Count);

    private sealed record RiskRow(string? Rule, int? Severity, int Count, int Participants, int Total);

    private sealed record MonthRow(int Kind, int Year, int Month, int Count);

    /// <summary>
    /// Evidence outcome, time to the Norwegian requirement and late starts in one statement, one row per participant.
    /// Each participant's own rule set supplies the hour requirements and the start deadline (passed in as arrays,
    /// joined by id). The day each requirement was reached is the one the ledger keeps in the totals
    /// (<see cref="RequirementDays"/>); only a row not yet worked out for the participant's rule set has it worked
    /// out here from the ledger.
    /// </summary>
    private async Task<OutcomeRow> OutcomesAsync(ReportFilter filter, DateOnly today, CancellationToken ct)
    {
        var sql = $"""
            WITH rs AS ({RequirementDays.RuleSetsSql}
            ), pop AS (
                SELECT p.id, p.programme_start, p.settlement_date, p.evidence_deadline, rs.start_months,
                       CASE WHEN t.reached_rule_set_id = p.rule_set_id THEN t.norwegian_reached_on
                            WHEN t.norwegian_hours >= rs.norwegian THEN {RequirementDays.DaySql(HourCategory.Norwegian, "p.id", "rs.norwegian")}
                       END AS norwegian_on,
                       CASE WHEN t.reached_rule_set_id = p.rule_set_id THEN t.social_studies_reached_on
                            WHEN t.social_studies_hours >= rs.social THEN {RequirementDays.DaySql(HourCategory.SocialStudies, "p.id", "rs.social")}
                       END AS social_on
                FROM participants p
                JOIN rs ON rs.id = p.rule_set_id
                LEFT JOIN participant_totals t ON t.tenant_id = p.tenant_id AND t.participant_id = p.id
                WHERE p.tenant_id = @tenant AND p.programme_start IS NOT NULL
                  AND (@coordinator::uuid IS NULL OR p.coordinator_id = @coordinator)
            )
            SELECT
                count(*) FILTER (WHERE evidence_deadline BETWEEN @from AND @until)::int AS cohort,
                count(*) FILTER (WHERE evidence_deadline BETWEEN @from AND @until AND norwegian_on <= evidence_deadline)::int AS reached_norwegian,
                count(*) FILTER (WHERE evidence_deadline BETWEEN @from AND @until AND social_on <= evidence_deadline)::int AS reached_social_studies,
                count(*) FILTER (WHERE evidence_deadline BETWEEN @from AND @until AND norwegian_on <= evidence_deadline
                                   AND social_on <= evidence_deadline)::int AS reached_both,
                count(*) FILTER (WHERE norwegian_on BETWEEN @from AND @to)::int AS reached_norwegian_in_period,
                (percentile_cont(0.5) WITHIN GROUP (ORDER BY (norwegian_on - programme_start) / 30.436875)
                    FILTER (WHERE norwegian_on BETWEEN @from AND @to))::numeric AS median_months,
                count(*) FILTER (WHERE programme_start BETWEEN @from AND @to)::int AS starts,
                count(*) FILTER (WHERE programme_start BETWEEN @from AND @to
                                   AND programme_start > (settlement_date + make_interval(months => start_months))::date)::int AS late_starts
            FROM pop
            """;
        var tenant = db.CurrentTenantId ?? throw new InvalidOperationException("Reports need a municipality.");
        object[] parameters =
        [
            .. RequirementDays.RuleSetParameters(ruleSets, tenant),
            new NpgsqlParameter("coordinator", NpgsqlDbType.Uuid) { Value = (object?)filter.CoordinatorId ?? DBNull.Value },
            new NpgsqlParameter("from", NpgsqlDbType.Date) { Value = filter.From },
            new NpgsqlParameter("to", NpgsqlDbType.Date) { Value = filter.To },
            new NpgsqlParameter("until", NpgsqlDbType.Date) { Value = filter.ReferenceDate(today) },
        ];
        // Not composed further: the statement is sent as written.
        return (await db.Database.SqlQueryRaw<OutcomeRow>(sql, parameters).ToListAsync(ct)).Single();
    }

    private sealed record OutcomeRow(
        int Cohort, int ReachedNorwegian, int ReachedSocialStudies, int ReachedBoth, int ReachedNorwegianInPeriod,
        decimal? MedianMonths, int Starts, int LateStarts);
}
