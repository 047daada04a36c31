using System.Text.Json;
using IntroProgram.Domain.Decisions;
using IntroProgram.Domain.Participants;
using IntroProgram.Domain.Plans;
using IntroProgram.Domain.Programme;
using IntroProgram.Domain.Risk;
using IntroProgram.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace IntroProgram.Infrastructure.Risk;

public sealed record RiskEvaluationCounts(int ParticipantsEvaluated, int Raised, int Updated, int Resolved);

/// <summary>
/// Evaluates every participant of the scope's municipality with <see cref="RiskRules"/>: a handful of set-based
/// queries (participants with totals, leave, recent weeks, open flags), the rules in memory, then the difference
/// written in one transaction. Running it again on unchanged data changes no flag.
/// </summary>
public sealed class RiskEvaluator(AppDbContext db, RuleSetCatalog ruleSets, TimeProvider clock)
{
    public async Task<RiskEvaluationCounts> EvaluateAsync(DateOnly today, CancellationToken ct = default)
    {
        var tenant = db.CurrentTenantId ?? throw new TenantMismatchException("Risk is evaluated one municipality at a time.");
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // One evaluation per municipality at a time (a nightly run and an "evaluate now" may meet).
        await db.Database.ExecuteSqlInterpolatedAsync($"SELECT pg_advisory_xact_lock(hashtextextended({"risk:" + tenant}, 0))", ct);

        var evaluated = new[] { ParticipantStatus.Registered, ParticipantStatus.Active, ParticipantStatus.OnLeave };
        var participants = await db.Participants.AsNoTracking()
            .Where(p => evaluated.Contains(p.Status))
            .Join(db.ParticipantTotals, p => p.Id, t => t.ParticipantId, (p, t) => new
            {
                p.Id, p.Status, p.SettlementDate, p.ProgrammeStart, p.RuleSetId, p.ExtendedTo, p.ExtraNorwegianHoursGranted, Totals = t,
            })
            .ToListAsync(ct);

        var leave = (await db.Decisions.AsNoTracking()
                .Where(d => d.Kind == DecisionKind.Leave && d.PeriodStart != null && d.PeriodEnd != null
                    && db.Participants.Any(p => p.Id == d.ParticipantId && evaluated.Contains(p.Status)))
                .Select(d => new { d.ParticipantId, Start = d.PeriodStart!.Value, End = d.PeriodEnd!.Value })
                .ToListAsync(ct))
            .ToLookup(l => l.ParticipantId, l => new LeavePeriod(l.Start, l.End));

        var windowEnd = ParticipantWeek.StartOf(today);
        var windowStart = windowEnd.AddDays(-7 * PaceProjection.DefaultWindowWeeks);
        var weeks = (await db.ParticipantWeeks.AsNoTracking()
                .Where(w => w.WeekStart >= windowStart && w.WeekStart < windowEnd)
                .Select(w => new { w.ParticipantId, w.WeekStart, w.NorwegianHours, w.SocialStudiesHours })
                .ToListAsync(ct))
            .ToLookup(w => w.ParticipantId);

        // The current (highest) plan version of each evaluated participant, for overdue reviews.
        var plans = (await db.IndividualPlans.AsNoTracking()
                .Where(pl => pl.Version == db.IndividualPlans.Where(x => x.ParticipantId == pl.ParticipantId).Max(x => x.Version)
                    && db.Participants.Any(p => p.Id == pl.ParticipantId && evaluated.Contains(p.Status)))
                .ToListAsync(ct))
            .ToDictionary(pl => pl.ParticipantId);

        var open = await db.RiskFlags.Where(f => f.ResolvedAt == null).ToListAsync(ct);
        var openByKey = open.ToDictionary(f => (f.ParticipantId, f.Rule));
        var now = clock.GetUtcNow();
        int raised = 0, updated = 0, resolved = 0;
        var stillOpen = new HashSet<(Guid, string)>();

        foreach (var p in participants)
        {
            var ruleSet = ruleSets.Get(p.RuleSetId);
            var participantLeave = leave[p.Id].ToList();
            var deadlines = p.ProgrammeStart is { } start ? ProgrammeDeadlines.Calculate(start, ruleSet, participantLeave, p.ExtendedTo) : null;
            var input = new RiskInput
            {
                Status = p.Status,
                SettlementDate = p.SettlementDate,
                ProgrammeStart = p.ProgrammeStart,
                RuleSet = ruleSet,
                Deadlines = deadlines,
                Hours = p.Totals.Hours,
                Absence = p.Totals.Absence,
                ExtraNorwegianHoursGranted = p.ExtraNorwegianHoursGranted,
                LastEntryDate = p.Totals.LastEntryDate,
                NorwegianWeeks = weeks[p.Id].Select(w => new WeeklyHours(w.WeekStart, w.NorwegianHours)).ToList(),
                SocialStudiesWeeks = weeks[p.Id].Select(w => new WeeklyHours(w.WeekStart, w.SocialStudiesHours)).ToList(),
                OverduePlanReview = plans.TryGetValue(p.Id, out var plan) ? PlanRules.OverdueReview(plan, today) : null,
                PlannedNorwegianHoursPerWeek = plan is null ? null : PlanRules.PlannedHoursPerWeek(plan, today, HourCategory.Norwegian),
            };
            foreach (var finding in RiskRules.Evaluate(input, today))
            {
                stillOpen.Add((p.Id, finding.Rule));
                if (openByKey.TryGetValue((p.Id, finding.Rule), out var flag))
                {
                    if (flag.Severity != finding.Severity || !SameFacts(flag.Facts, finding.Facts))
                    {
                        flag.Severity = finding.Severity;
                        flag.Facts = JsonSerializer.Serialize(finding.Facts);
                        flag.LastEvaluatedAt = now;
                        updated++;
                    }
                }
                else
                {
                    db.RiskFlags.Add(new RiskFlag
                    {
                        TenantId = tenant,
                        Id = Guid.CreateVersion7(),
                        ParticipantId = p.Id,
                        Rule = finding.Rule,
                        Severity = finding.Severity,
                        Facts = JsonSerializer.Serialize(finding.Facts),
                        FirstSeenAt = now,
                        LastEvaluatedAt = now,
                    });
                    raised++;
                }
            }
        }

        // Open flags whose condition is gone — or whose participant is no longer evaluated (ended) — are resolved
        // and stay in the history. Rules evaluated elsewhere (the competence mapping) are left to their owners
        // unless the participant has ended.
        var evaluatedIds = participants.Select(p => p.Id).ToHashSet();
        foreach (var flag in open.Where(f => !stillOpen.Contains((f.ParticipantId, f.Rule))))
        {
            if (evaluatedIds.Contains(flag.ParticipantId) && !EvaluatedHere(flag.Rule))
            {
                continue;
            }
            flag.ResolvedAt = now;
            flag.LastEvaluatedAt = now;
            resolved++;
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new RiskEvaluationCounts(participants.Count, raised, updated, resolved);
    }

    /// <summary>Rules this evaluation decides; others (e.g. a missing mapping raised at start) are kept as they are.</summary>
    public static bool EvaluatedHere(string rule) => rule is not RiskRuleKeys.MappingMissing;

    private static bool SameFacts(string stored, IReadOnlyDictionary<string, string> facts)
    {
        var existing = JsonSerializer.Deserialize<Dictionary<string, string>>(stored) ?? [];
        return existing.Count == facts.Count && facts.All(f => existing.TryGetValue(f.Key, out var v) && v == f.Value);
    }
}
