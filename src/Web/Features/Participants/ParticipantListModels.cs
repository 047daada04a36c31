using IntroProgram.Domain.Participants;
using Microsoft.AspNetCore.Http.Extensions;

namespace IntroProgram.Web.Features.Participants;

public enum ParticipantSort
{
    Name,
    Status,
    Start,
    Deadline,
    Norwegian,
}

/// <summary>
/// The list's filters as they travel in the query string. The free-text search never does: <see cref="S"/> is an
/// opaque, encrypted and time-limited token (see <see cref="ParticipantSearchTokens"/>).
/// </summary>
public sealed class ParticipantListQuery
{
    public const int DefaultPageSize = 25;

    /// <summary>The page sizes offered; any other value in the address means the default.</summary>
    public static readonly IReadOnlyList<int> PageSizes = [25, 50, 100];

    public const string Mine = "mine";
    public const string Unassigned = "none";

    /// <summary>The protected search text.</summary>
    public string? S { get; set; }
    public List<ParticipantStatus> Status { get; set; } = [];
    /// <summary>A coordinator's user id, <see cref="Mine"/> or <see cref="Unassigned"/>.</summary>
    public string? Coordinator { get; set; }
    public bool Risk { get; set; }
    /// <summary>A risk rule's key (<see cref="IntroProgram.Domain.Risk.RiskRuleKeys"/>): only participants with an open flag of it.
    /// Any other value is ignored.</summary>
    public string? Flag { get; set; }

    /// <summary>The flag filter when it names a known rule.</summary>
    public string? KnownFlag => Flag is { } f && IntroProgram.Domain.Risk.RiskRuleKeys.All.Contains(f) ? f : null;
    public ParticipantSort Sort { get; set; } = ParticipantSort.Name;
    public bool Desc { get; set; }
    public int Page { get; set; } = 1;
    /// <summary>Rows per page as asked for; <see cref="PageSize"/> is what is used.</summary>
    public int Size { get; set; } = DefaultPageSize;

    public int PageSize => PageSizes.Contains(Size) ? Size : DefaultPageSize;

    /// <summary>The list's address with these filters and the given changes; never contains personal data.</summary>
    public string Url(ParticipantSort? sort = null, bool? desc = null, int? page = null)
    {
        var q = new QueryBuilder();
        if (!string.IsNullOrEmpty(S))
        {
            q.Add("s", S);
        }
        foreach (var status in Status.Distinct())
        {
            q.Add("status", status.ToString());
        }
        if (!string.IsNullOrEmpty(Coordinator))
        {
            q.Add("coordinator", Coordinator);
        }
        if (Risk)
        {
            q.Add("risk", "true");
        }
        if (KnownFlag is { } flag)
        {
            q.Add("flag", flag);
        }
        var s = sort ?? Sort;
        if (s != ParticipantSort.Name)
        {
            q.Add("sort", s.ToString());
        }
        if (desc ?? Desc)
        {
            q.Add("desc", "true");
        }
        if (PageSize != DefaultPageSize)
        {
            q.Add("size", PageSize.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        var p = page ?? Page;
        if (p > 1)
        {
            q.Add("page", p.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        return "/participants" + q.ToQueryString();
    }
}

public sealed record ParticipantRow(
    Guid Id,
    string GivenName,
    string FamilyName,
    string NationalIdMasked,
    ParticipantStatus Status,
    string? CoordinatorName,
    DateOnly? ProgrammeStart,
    DateOnly? EvidenceDeadline,
    decimal NorwegianHours,
    decimal NorwegianRequired,
    decimal SocialStudiesHours,
    decimal SocialStudiesRequired,
    bool AtRisk);

public sealed class ParticipantListPage
{
    public ParticipantListQuery Query { get; set; } = new();
    public IReadOnlyList<ParticipantRow> Rows { get; set; } = [];
    public int Total { get; set; }
    public int First => Total == 0 ? 0 : ((Query.Page - 1) * Query.PageSize) + 1;
    public int Last => Math.Min(Total, Query.Page * Query.PageSize);
    public int PageCount => Math.Max(1, (Total + Query.PageSize - 1) / Query.PageSize);

    /// <summary>The decrypted search text, shown back in the search box only (never in a link).</summary>
    public string? SearchText { get; set; }
    /// <summary>The token in the address could not be read (expired or altered): the search was left out.</summary>
    public bool SearchExpired { get; set; }

    public DateOnly Today { get; set; }
    public bool IsCoordinator { get; set; }
    public IReadOnlyList<Choice> Coordinators { get; set; } = [];
}
