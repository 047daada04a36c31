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
/// Reads the municipality dashboard with a handful of grouped queries: the database counts, the app receives a few
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

    /// <summary>Participants of the municipality (and coordinator) whose programme ran in the period, or who wait to start.</summary>
    public IQueryable<Participant> Population(ReportFilter filter)
    {
        var endExclusive = OsloTime.StartOfDay(filter.To.AddDays(1));
        var participants = db.Participants.AsNoTracking();
        if (filter.CoordinatorId is { } coordinator)
        {
            participants = participants.Where(p => p.CoordinatorId == coordinator);
        }
        // In the municipality's caseload during the period: the programme began by the period's end, or the person
        // was registered by then (waiting for a start, or with a start after the period, whatever their status), and
        // had not ended before the period began.
        return participants.Where(p => (p.EndedOn == null || p.EndedOn >= filter.From)
            && ((p.ProgrammeStart != null && p.ProgrammeStart <= filter.To) || p.CreatedAt < endExclusive));
    }

    public async Task<Dashboard> ReadAsync(ReportFilter filter, CancellationToken ct = default)
    {
        var today = Today;
        var reference = filter.ReferenceDate(today);
        var population = Population(filter);

        var byStatus = await population.GroupBy(p => p.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var byGender = await population.GroupBy(p => p.Gender).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);

        // Birth-date thresholds turn "age on the reference date" into plain date comparisons the index-free scan can do.
        var born25 = reference.AddYears(-25);
        var born35 = reference.AddYears(-35);
        var born45 = reference.AddYears(-45);
        var born55 = reference.AddYears(-55);
        var byAge = await population
            .Select(p => p.BirthDate > born25 ? 0 : p.BirthDate > born35 ? 1 : p.BirthDate > born45 ? 2 : p.BirthDate > born55 ? 3 : 4)
            .GroupBy(g => g).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);

        // At most ~200 countries come back; the long tail is folded into "other" here.
        var byCountry = await population.GroupBy(p => p.CountryOfOrigin).Select(g => new { g.Key, Count = g.Count() })
            .OrderByDescending(g => g.Count).ThenBy(g => g.Key).ToListAsync(ct);

        var openFlags = db.RiskFlags.AsNoTracking().Where(f => f.ResolvedAt == null && population.Any(p => p.Id == f.ParticipantId));
        var atRisk = await openFlags.GroupBy(f => new { f.Rule, f.Severity })
            .Select(g => new RiskCount(g.Key.Rule, g.Key.Severity, g.Count())).ToListAsync(ct);
        var participantsAtRisk = await openFlags.Select(f => f.ParticipantId).Distinct().CountAsync(ct);

        var months = await MonthsAsync(filter, ct);
        var outcomes = await OutcomesAsync(filter, today, ct);

        var countries = byCountry.Take(CountriesShown).Select(c => new KeyCount(c.Key, c.Count)).ToList();
        if (byCountry.Count > CountriesShown)
        {
            countries.Add(new KeyCount(OtherCountries, byCountry.Skip(CountriesShown).Sum(c => c.Count)));
        }

        return new Dashboard
        {
            Filter = filter,
            ReferenceDate = reference,
            Participants = byStatus.Sum(s => s.Count),
            ByStatus = Enum.GetValues<ParticipantStatus>()
                .Select(s => new KeyCount(s.ToString(), byStatus.FirstOrDefault(x => x.Key == s)?.Count ?? 0)).ToList(),
            ByGender = Enum.GetValues<Gender>()
                .Select(s => new KeyCount(s.ToString(), byGender.FirstOrDefault(x => x.Key == s)?.Count ?? 0)).ToList(),
            ByAgeGroup = AgeGroups.Select((g, i) => new KeyCount(g.Key, byAge.FirstOrDefault(x => x.Key == i)?.Count ?? 0)).ToList(),
            ByCountry = countries,
            AtRisk = atRisk.OrderByDescending(r => r.Severity).ThenByDescending(r => r.Count).ThenBy(r => r.Rule, StringComparer.Ordinal).ToList(),
            ParticipantsAtRisk = participantsAtRisk,
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
    private async Task<IReadOnlyList<MonthCount>> MonthsAsync(ReportFilter filter, CancellationToken ct)
    {
        var participants = db.Participants.AsNoTracking();
        if (filter.CoordinatorId is { } coordinator)
        {
            participants = participants.Where(p => p.CoordinatorId == coordinator);
        }
        var starts = await participants.Where(p => p.ProgrammeStart >= filter.From && p.ProgrammeStart <= filter.To)
            .GroupBy(p => new { p.ProgrammeStart!.Value.Year, p.ProgrammeStart.Value.Month })
            .Select(g => new { g.Key.Year, g.Key.Month, Count = g.Count() }).ToListAsync(ct);
        var ends = await participants
            .Where(p => p.EndedOn >= filter.From && p.EndedOn <= filter.To
                && (p.Status == ParticipantStatus.Completed || p.Status == ParticipantStatus.Stopped || p.Status == ParticipantStatus.Exited))
            .GroupBy(p => new { p.EndedOn!.Value.Year, p.EndedOn.Value.Month, Completed = p.Status == ParticipantStatus.Completed })
            .Select(g => new { g.Key.Year, g.Key.Month, g.Key.Completed, Count = g.Count() }).ToListAsync(ct);

        var result = new List<MonthCount>();
        for (var month = new DateOnly(filter.From.Year, filter.From.Month, 1); month <= filter.To; month = month.AddMonths(1))
        {
            result.Add(new MonthCount(month.Year, month.Month,
                starts.Where(s => s.Year == month.Year && s.Month == month.Month).Sum(s => s.Count),
                ends.Where(e => e.Year == month.Year && e.Month == month.Month && e.Completed).Sum(e => e.Count),
                ends.Where(e => e.Year == month.Year && e.Month == month.Month && !e.Completed).Sum(e => e.Count)));
        }
        return result;
    }

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
