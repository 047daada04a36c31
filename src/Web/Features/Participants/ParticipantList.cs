using IntroProgram.Domain.Participants;
using IntroProgram.Domain.Programme;
using IntroProgram.Infrastructure.Data;
using IntroProgram.Infrastructure.Participants;
using Microsoft.EntityFrameworkCore;

namespace IntroProgram.Web.Features.Participants;

/// <summary>
/// The staff list of participants: filtered, sorted and paged in the database, with the hour columns read from the
/// maintained totals (never summed from the ledger).
/// </summary>
public sealed class ParticipantList(AppDbContext db, NationalIdProtector nationalIds, RuleSetCatalog ruleSets)
{
    public async Task<(IReadOnlyList<ParticipantRow> Rows, int Total, int Page)> LoadAsync(
        ParticipantListQuery query, string? searchText, Guid userId, CancellationToken ct = default)
    {
        var participants = Filter(db.Participants.AsNoTracking(), query, searchText, userId);
        var total = await participants.CountAsync(ct);
        var pageCount = Math.Max(1, (total + query.PageSize - 1) / query.PageSize);
        var page = Math.Clamp(query.Page, 1, pageCount);

        var joined = from p in participants
                     join t in db.ParticipantTotals on new { p.TenantId, p.Id } equals new { t.TenantId, Id = t.ParticipantId }
                     select new { P = p, T = t };
        var sorted = (query.Sort, query.Desc) switch
        {
            (ParticipantSort.Status, false) => joined.OrderBy(x => x.P.Status),
            (ParticipantSort.Status, true) => joined.OrderByDescending(x => x.P.Status),
            (ParticipantSort.Start, false) => joined.OrderBy(x => x.P.ProgrammeStart),
            (ParticipantSort.Start, true) => joined.OrderByDescending(x => x.P.ProgrammeStart),
            (ParticipantSort.Deadline, false) => joined.OrderBy(x => x.P.EvidenceDeadline),
            (ParticipantSort.Deadline, true) => joined.OrderByDescending(x => x.P.EvidenceDeadline),
            (ParticipantSort.Norwegian, false) => joined.OrderBy(x => x.T.NorwegianHours),
            (ParticipantSort.Norwegian, true) => joined.OrderByDescending(x => x.T.NorwegianHours),
            (_, false) => joined.OrderBy(x => x.P.FamilyName).ThenBy(x => x.P.GivenName),
            (_, true) => joined.OrderByDescending(x => x.P.FamilyName).ThenByDescending(x => x.P.GivenName),
        };
        // Ties are broken by name and then id, so a page never repeats or skips a row.
        var rows = await sorted.ThenBy(x => x.P.FamilyName).ThenBy(x => x.P.GivenName).ThenBy(x => x.P.Id)
            .Skip((page - 1) * query.PageSize).Take(query.PageSize)
            .Select(x => new
            {
                x.P.Id,
                x.P.GivenName,
                x.P.FamilyName,
                x.P.NationalIdMasked,
                x.P.Status,
                CoordinatorName = db.Users.Where(u => u.Id == x.P.CoordinatorId).Select(u => u.DisplayName).FirstOrDefault(),
                x.P.ProgrammeStart,
                x.P.EvidenceDeadline,
                x.P.RuleSetId,
                x.T.NorwegianHours,
                x.T.SocialStudiesHours,
                AtRisk = db.RiskFlags.Any(f => f.ParticipantId == x.P.Id && f.ResolvedAt == null),
            })
            .ToListAsync(ct);

        return (rows.Select(r =>
        {
            var rules = ruleSets.TryGet(r.RuleSetId, out var found) ? found : ruleSets.Default;
            return new ParticipantRow(r.Id, r.GivenName, r.FamilyName, r.NationalIdMasked, r.Status, r.CoordinatorName,
                r.ProgrammeStart, r.EvidenceDeadline, r.NorwegianHours, rules.NorwegianHoursRequired,
                r.SocialStudiesHours, rules.SocialStudiesHoursRequired, r.AtRisk);
        }).ToList(), total, page);
    }

    private IQueryable<Participant> Filter(IQueryable<Participant> participants, ParticipantListQuery query, string? searchText, Guid userId)
    {
        if (query.Status.Count > 0)
        {
            var statuses = query.Status.Distinct().ToList();
            participants = participants.Where(p => statuses.Contains(p.Status));
        }

        if (query.Coordinator == ParticipantListQuery.Mine)
        {
            participants = participants.Where(p => p.CoordinatorId == userId);
        }
        else if (query.Coordinator == ParticipantListQuery.Unassigned)
        {
            participants = participants.Where(p => p.CoordinatorId == null);
        }
        else if (Guid.TryParse(query.Coordinator, out var coordinatorId))
        {
            participants = participants.Where(p => p.CoordinatorId == coordinatorId);
        }

        if (query.Risk)
        {
            participants = participants.Where(p => db.RiskFlags.Any(f => f.ParticipantId == p.Id && f.ResolvedAt == null));
        }

        if (query.KnownFlag is { } rule)
        {
            participants = participants.Where(p => db.RiskFlags.Any(f => f.ParticipantId == p.Id && f.ResolvedAt == null && f.Rule == rule));
        }

        if (!string.IsNullOrWhiteSpace(searchText))
        {
            participants = Search(participants, searchText);
        }
        return participants;
    }

    /// <summary>
    /// Eleven digits (spaces allowed) are an exact national-id search through the keyed hash; anything else searches
    /// the names, every word matching the given or the family name.
    /// </summary>
    private IQueryable<Participant> Search(IQueryable<Participant> participants, string text)
    {
        var digits = string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
        if (digits.Length == 11 && digits.All(char.IsAsciiDigit))
        {
            if (!nationalIds.TryParse(digits, out var id, out _) || db.CurrentTenantId is not { } tenant)
            {
                return participants.Where(p => false);
            }
            var hash = nationalIds.Hash(tenant, id!);
            return participants.Where(p => p.NationalIdHash == hash);
        }

        foreach (var word in text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(5))
        {
            var pattern = "%" + EscapeLike(word) + "%";
            participants = participants.Where(p => EF.Functions.ILike(p.GivenName, pattern) || EF.Functions.ILike(p.FamilyName, pattern));
        }
        return participants;
    }

    /// <summary>PostgreSQL's LIKE escapes with a backslash: a typed % or _ matches itself, not anything.</summary>
    private static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal);
}
