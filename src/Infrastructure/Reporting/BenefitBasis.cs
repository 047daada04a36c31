using System.Runtime.CompilerServices;
using IntroProgram.Domain.Decisions;
using IntroProgram.Domain.Participants;
using IntroProgram.Domain.Programme;
using IntroProgram.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace IntroProgram.Infrastructure.Reporting;

/// <summary>The benefit basis of one participant for one month, as payroll needs it.</summary>
public sealed record BenefitBasisRow(
    Guid ParticipantId,
    string NationalIdMasked,
    string FamilyName,
    string GivenName,
    DateOnly BirthDate,
    int LeaveDaysWithoutBenefit,
    BenefitMonth Benefit);

/// <summary>
/// Introduksjonsstønad per participant for one calendar month: everyone whose programme ran in the month, with the
/// unexcused absence and the leave without benefit of that month, calculated by <see cref="BenefitCalculator"/> with
/// the stored G table and each participant's own rule set.
/// Participants are read a batch at a time (keyset by name and id), with one query for the batch's absence and one
/// for its leave, so a large municipality never sits in memory at once.
/// </summary>
public sealed class BenefitBasis(AppDbContext db, RuleSetCatalog ruleSets, BaseAmounts baseAmounts)
{
    public const int BatchSize = 500;

    /// <exception cref="InvalidOperationException">No G has been entered.</exception>
    public async IAsyncEnumerable<BenefitBasisRow> MonthAsync(int year, int month, Guid? coordinatorId,
        [EnumeratorCancellation] CancellationToken ct = default)
    {
        var table = await baseAmounts.TableAsync(ct) ?? throw new InvalidOperationException("No base amount (G) is registered.");
        var first = new DateOnly(year, month, 1);
        var last = first.AddMonths(1).AddDays(-1);
        var tenant = db.CurrentTenantId ?? throw new InvalidOperationException("The benefit basis needs a municipality.");

        (string Family, string Given, Guid Id)? after = null;
        while (true)
        {
            var batch = await BatchAsync(tenant, first, last, coordinatorId, after, ct);
            if (batch.Count == 0)
            {
                yield break;
            }
            var ids = batch.Select(p => p.Id).ToList();
            var absence = (await db.AbsenceEntries.AsNoTracking()
                    .Where(a => ids.Contains(a.ParticipantId) && !a.Excused && a.VoidedAt == null && a.Date >= first && a.Date <= last)
                    .GroupBy(a => new { a.ParticipantId, a.Date })
                    .Select(g => new { g.Key.ParticipantId, g.Key.Date, Hours = g.Sum(a => a.Hours) })
                    .ToListAsync(ct))
                .ToLookup(a => a.ParticipantId, a => new UnexcusedAbsence(a.Date, a.Hours));
            // Parental leave is paid by NAV (foreldrepenger) instead, and "other" leave is unpaid leave the participant
            // asked for: no benefit is paid for those days. Leave for illness or welfare keeps the benefit.
            var leave = (await db.Decisions.AsNoTracking()
                    .Where(d => ids.Contains(d.ParticipantId) && d.Kind == DecisionKind.Leave
                        && (d.LeaveType == LeaveType.Parental || d.LeaveType == LeaveType.Other)
                        && d.PeriodStart != null && d.PeriodEnd != null && d.PeriodStart <= last && d.PeriodEnd >= first)
                    .Select(d => new { d.ParticipantId, Start = d.PeriodStart!.Value, End = d.PeriodEnd!.Value })
                    .ToListAsync(ct))
                .ToLookup(d => d.ParticipantId, d => new LeavePeriod(d.Start, d.End));

            foreach (var p in batch)
            {
                var periods = LeavePeriod.Merge(leave[p.Id]);
                var input = new BenefitMonthInput
                {
                    Year = year,
                    Month = month,
                    BirthDate = p.BirthDate,
                    ProgrammeStart = p.ProgrammeStart,
                    ProgrammeEnd = p.LastDay,
                    LeaveWithoutBenefit = periods,
                    UnexcusedAbsence = absence[p.Id].ToList(),
                };
                var leaveDays = periods.Sum(l => Overlap(l, first, last));
                yield return new BenefitBasisRow(p.Id, p.NationalIdMasked, p.FamilyName, p.GivenName, p.BirthDate, leaveDays,
                    BenefitCalculator.CalculateMonth(input, ruleSets.Get(p.RuleSetId), table));
            }
            var end = batch[^1];
            after = (end.FamilyName, end.GivenName, end.Id);
        }
    }

    private static int Overlap(LeavePeriod leave, DateOnly first, DateOnly last)
    {
        var start = leave.Start > first ? leave.Start : first;
        var end = leave.End < last ? leave.End : last;
        return end < start ? 0 : end.DayNumber - start.DayNumber + 1;
    }

    /// <summary>
    /// The next participants whose programme ran in the month: started on or before its last day, and not ended
    /// (completion, stop or exit; otherwise the extended or planned end) before its first.
    /// </summary>
    private async Task<List<BenefitParticipant>> BatchAsync(Guid tenant, DateOnly first, DateOnly last, Guid? coordinatorId,
        (string Family, string Given, Guid Id)? after, CancellationToken ct)
    {
        const string sql = """
            SELECT p.id, p.national_id_masked, p.family_name, p.given_name, p.birth_date, p.rule_set_id, p.programme_start,
                   coalesce(p.ended_on, p.extended_to, p.planned_end) AS last_day
            FROM participants p
            WHERE p.tenant_id = @tenant
              AND p.programme_start IS NOT NULL AND p.programme_start <= @last
              AND coalesce(p.ended_on, p.extended_to, p.planned_end, @last) >= @first
              AND (@coordinator::uuid IS NULL OR p.coordinator_id = @coordinator)
              AND (@has_after = false OR (p.family_name, p.given_name, p.id) > (@after_family, @after_given, @after_id))
            ORDER BY p.family_name, p.given_name, p.id
            LIMIT @batch
            """;
        object[] parameters =
        [
            new NpgsqlParameter("tenant", NpgsqlDbType.Uuid) { Value = tenant },
            new NpgsqlParameter("first", NpgsqlDbType.Date) { Value = first },
            new NpgsqlParameter("last", NpgsqlDbType.Date) { Value = last },
            new NpgsqlParameter("coordinator", NpgsqlDbType.Uuid) { Value = (object?)coordinatorId ?? DBNull.Value },
            new NpgsqlParameter("has_after", NpgsqlDbType.Boolean) { Value = after is not null },
            new NpgsqlParameter("after_family", NpgsqlDbType.Varchar) { Value = after?.Family ?? "" },
            new NpgsqlParameter("after_given", NpgsqlDbType.Varchar) { Value = after?.Given ?? "" },
            new NpgsqlParameter("after_id", NpgsqlDbType.Uuid) { Value = after?.Id ?? Guid.Empty },
            new NpgsqlParameter("batch", NpgsqlDbType.Integer) { Value = BatchSize },
        ];
        return await db.Database.SqlQueryRaw<BenefitParticipant>(sql, parameters).ToListAsync(ct);
    }

    private sealed record BenefitParticipant(
        Guid Id, string NationalIdMasked, string FamilyName, string GivenName, DateOnly BirthDate, string RuleSetId,
        DateOnly ProgrammeStart, DateOnly? LastDay);
}
