using System.Globalization;
using IntroProgram.Infrastructure.Data;
using IntroProgram.Infrastructure.Identity;
using IntroProgram.Infrastructure.Reporting;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace IntroProgram.Web.Features.Reports;

/// <summary>
/// The dashboard's and the exports' filters as query parameters: dates and a staff id, never personal data, so the
/// address of a filtered dashboard can be bookmarked and shared.
/// </summary>
public sealed class ReportQuery
{
    public const string FromKey = "from";
    public const string ToKey = "to";
    public const string CoordinatorKey = "coordinator";

    [FromQuery(Name = FromKey)] public DateOnly? From { get; set; }
    [FromQuery(Name = ToKey)] public DateOnly? To { get; set; }
    [FromQuery(Name = CoordinatorKey)] public Guid? Coordinator { get; set; }

    public ReportFilter ToFilter(DateOnly today)
    {
        var fallback = ReportFilter.Default(today);
        return new ReportFilter(From ?? fallback.From, To ?? fallback.To, Coordinator);
    }

    /// <summary>The same filter on another report address (an export, the dashboard).</summary>
    public static string Url(string path, ReportFilter filter)
    {
        var query = new List<KeyValuePair<string, string?>>
        {
            new(FromKey, Iso(filter.From)),
            new(ToKey, Iso(filter.To)),
        };
        if (filter.CoordinatorId is { } coordinator)
        {
            query.Add(new(CoordinatorKey, coordinator.ToString()));
        }
        return path + QueryString.Create(query);
    }

    /// <summary>What the export covered, for its audit record: dates and whether one coordinator was chosen.</summary>
    public static string Describe(ReportFilter filter) =>
        $"period {Iso(filter.From)}..{Iso(filter.To)}" + (filter.CoordinatorId is null ? "" : ", one coordinator");

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

public sealed record CoordinatorOption(Guid Id, string Name);

public sealed class DashboardPageModel
{
    public required ReportFilter Filter { get; init; }
    public required IReadOnlyList<CoordinatorOption> Coordinators { get; init; }
    /// <summary>Null when the filter was refused.</summary>
    public Dashboard? Dashboard { get; init; }
    public IReadOnlyList<BarChart> Distributions { get; init; } = [];
    public BarChart? RiskChart { get; init; }
    public MonthChart? MonthChart { get; init; }
    public BarChart? EvidenceChart { get; init; }
}

/// <summary>The coordinators a report can be limited to: the municipality's own (the user filter sees no others).</summary>
public static class ReportCoordinators
{
    public static IQueryable<AppUser> Query(AppDbContext db) =>
        db.Users.AsNoTracking().Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id
            && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Coordinator)));

    public static async Task<IReadOnlyList<CoordinatorOption>> ListAsync(AppDbContext db, CancellationToken ct) =>
        await Query(db).OrderBy(u => u.DisplayName).Select(u => new CoordinatorOption(u.Id, u.DisplayName)).ToListAsync(ct);

    /// <summary>True when no coordinator is chosen or the chosen one is the municipality's.</summary>
    public static async Task<bool> IsKnownAsync(AppDbContext db, Guid? coordinatorId, CancellationToken ct) =>
        coordinatorId is not { } id || await Query(db).AnyAsync(u => u.Id == id, ct);
}
