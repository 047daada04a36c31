using System.Diagnostics.CodeAnalysis;

namespace IntroProgram.Domain.Programme;

/// <summary>
/// The known rule sets. Enacted rule sets must cover every permit date exactly once, so
/// <see cref="ForPermitDate"/> always has one answer; a gap or overlap is a configuration error caught at startup.
/// </summary>
public sealed class RuleSetCatalog
{
    private readonly Dictionary<string, RuleSet> _byId;
    private readonly List<RuleSet> _enacted;

    /// <summary>The shipped catalog; its default is the Introduction Act regime (DESIGN.md §2).</summary>
    public static RuleSetCatalog Standard { get; } = new(
        [StandardRuleSets.IntroductionAct2003, StandardRuleSets.IntegrationAct2021, StandardRuleSets.UpperAge60Proposal],
        StandardRuleSets.IntroductionAct2003.Id);

    /// <exception cref="ArgumentException">Duplicate ids, unknown default, or enacted rule sets that leave a gap or overlap.</exception>
    public RuleSetCatalog(IEnumerable<RuleSet> ruleSets, string defaultId)
    {
        All = ruleSets.ToList().AsReadOnly();
        _byId = new Dictionary<string, RuleSet>(StringComparer.Ordinal);
        foreach (var ruleSet in All)
        {
            if (!_byId.TryAdd(ruleSet.Id, ruleSet))
            {
                throw new ArgumentException($"Rule set id '{ruleSet.Id}' appears twice.", nameof(ruleSets));
            }
        }

        if (!_byId.TryGetValue(defaultId, out var defaultRuleSet))
        {
            throw new ArgumentException($"Default rule set '{defaultId}' is not in the catalog.", nameof(defaultId));
        }

        Default = defaultRuleSet;
        _enacted = All.Where(r => r.IsEnacted).OrderBy(r => r.PermitDatesFrom ?? DateOnly.MinValue).ToList();
        EnsureEnactedRuleSetsCoverEveryDateOnce(_enacted);
    }

    public RuleSet Default { get; }

    public IReadOnlyList<RuleSet> All { get; }

    /// <summary>The enacted rule set that governs a participant whose permit was granted on <paramref name="permitDate"/>.</summary>
    public RuleSet ForPermitDate(DateOnly permitDate) => _enacted.First(r => r.AppliesToPermitDate(permitDate));

    /// <exception cref="KeyNotFoundException">No rule set has this id (stored data refers to a removed rule set).</exception>
    public RuleSet Get(string id) =>
        _byId.TryGetValue(id, out var ruleSet) ? ruleSet : throw new KeyNotFoundException($"Unknown rule set '{id}'.");

    public bool TryGet(string? id, [NotNullWhen(true)] out RuleSet? ruleSet)
    {
        ruleSet = null;
        return id is not null && _byId.TryGetValue(id, out ruleSet);
    }

    private static void EnsureEnactedRuleSetsCoverEveryDateOnce(List<RuleSet> enacted)
    {
        if (enacted.Count == 0)
        {
            throw new ArgumentException("At least one enacted rule set is required.");
        }

        if (enacted[0].PermitDatesFrom is not null)
        {
            throw new ArgumentException($"The earliest rule set '{enacted[0].Id}' must have no lower permit-date bound.");
        }

        if (enacted[^1].PermitDatesTo is not null)
        {
            throw new ArgumentException($"The latest rule set '{enacted[^1].Id}' must have no upper permit-date bound.");
        }

        for (var i = 1; i < enacted.Count; i++)
        {
            var previousEnd = enacted[i - 1].PermitDatesTo;
            var start = enacted[i].PermitDatesFrom;
            if (previousEnd is null || start is null || start.Value != previousEnd.Value.AddDays(1))
            {
                throw new ArgumentException(
                    $"Rule sets '{enacted[i - 1].Id}' and '{enacted[i].Id}' must meet without a gap or overlap.");
            }
        }
    }
}
