using System.Globalization;
using IntroProgram.Domain.Auditing;
using IntroProgram.Domain.Decisions;
using IntroProgram.Domain.Participants;
using IntroProgram.Infrastructure.Auditing;
using IntroProgram.Infrastructure.Data;
using IntroProgram.Infrastructure.Identity;
using IntroProgram.Infrastructure.Reporting;
using IntroProgram.Web.Features.Risk;
using IntroProgram.Web.Features.Shared;
using IntroProgram.Web.Identity;
using IntroProgram.Web.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace IntroProgram.Web.Features.Reports;

/// <summary>
/// The municipality's dashboard and its CSV exports, for its staff (coordinators, caseworkers, admins). Everything
/// runs in the caller's municipality; a coordinator id of another municipality is answered with 404.
/// </summary>
[Route("reports"), Authorize(Policy = Policies.Staff)]
public sealed class ReportsController(
    AppDbContext db, DashboardReader reader, ReportExports exports, AuditLog audit, IStringLocalizer<Ui> t) : Controller
{
    public const string RecordType = "Report";

    [HttpGet("")]
    public async Task<IActionResult> Index(ReportQuery query, CancellationToken ct)
    {
        var filter = query.ToFilter(reader.Today);
        var checkedFilter = await CheckAsync(filter, ct);
        if (checkedFilter is not null)
        {
            return checkedFilter;
        }
        var coordinators = await CoordinatorsAsync(ct);
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(new DashboardPageModel { Filter = filter, Coordinators = coordinators });
        }

        var dashboard = await reader.ReadAsync(filter, ct);
        return View(new DashboardPageModel
        {
            Filter = filter,
            Coordinators = coordinators,
            Dashboard = dashboard,
            Distributions = Distributions(dashboard),
            RiskChart = RiskChart(dashboard),
            MonthChart = MonthChart(dashboard),
            EvidenceChart = EvidenceChart(dashboard),
        });
    }

    /// <summary>Participants with the fields reported to the national introduction register.</summary>
    [HttpGet("export/participants.csv")]
    public async Task<IActionResult> ExportParticipants(ReportQuery query, CancellationToken ct)
    {
        var filter = query.ToFilter(reader.Today);
        if (await CheckAsync(filter, ct) is { } refused)
        {
            return refused;
        }
        if (!ModelState.IsValid)
        {
            return BadRequest(ModelState.FirstError());
        }
        await audit.WriteAsync(AuditAction.Export, RecordType, "participants", details: ReportQuery.Describe(filter), ct: ct);

        await using var csv = StartCsv($"deltakere-{ReportQuery.Iso(filter.From)}-{ReportQuery.Iso(filter.To)}.csv");
        csv.Row(T("Reports.Export.NationalId"), T("Reports.Export.FamilyName"), T("Reports.Export.GivenName"), T("Reports.Export.BirthDate"),
            T("Reports.Export.Gender"), T("Reports.Export.Country"), T("Reports.Export.SettlementDate"), T("Reports.Export.RuleSet"),
            T("Reports.Export.ProgrammeStart"), T("Reports.Export.PlannedEnd"), T("Reports.Export.ExtendedTo"), T("Reports.Export.EvidenceDeadline"),
            T("Reports.Export.Status"), T("Reports.Export.StatusChangedOn"), T("Reports.Export.EndedOn"),
            T("HourCategory.Norwegian"), T("HourCategory.SocialStudies"), T("HourCategory.CareerGuidance"), T("HourCategory.WorkOriented"),
            T("HourCategory.EducationOriented"), T("HourCategory.ExtraNorwegian"), T("Reports.Export.UnexcusedAbsence"), T("Reports.Export.ExcusedAbsence"),
            T("Reports.Export.LeaveCount"), T("Reports.Export.LeaveDays"), T("Reports.Export.StopCount"), T("Reports.Export.LastStop"),
            T("Reports.Export.NorwegianTestOn"), T("Reports.Export.Reading"), T("Reports.Export.Listening"), T("Reports.Export.Writing"),
            T("Reports.Export.Oral"), T("Reports.Export.SocialStudiesTestOn"), T("Reports.Export.SocialStudiesPassed"));
        await csv.EndRowAsync(ct);
        await foreach (var p in exports.ParticipantsAsync(filter, ct))
        {
            csv.Text(p.NationalId).Text(p.FamilyName).Text(p.GivenName).Date(p.BirthDate)
                .Text(T("Gender." + p.Gender)).Text(p.CountryOfOrigin).Date(p.SettlementDate).Text(p.RuleSetId)
                .Date(p.ProgrammeStart).Date(p.PlannedEnd).Date(p.ExtendedTo).Date(p.EvidenceDeadline)
                .Text(T("ParticipantStatus." + p.Status)).Date(p.StatusChangedOn).Date(p.EndedOn)
                .Number(p.NorwegianHours).Number(p.SocialStudiesHours).Number(p.CareerGuidanceHours).Number(p.WorkOrientedHours)
                .Number(p.EducationOrientedHours).Number(p.ExtraNorwegianHours).Number(p.UnexcusedAbsenceHours).Number(p.ExcusedAbsenceHours)
                .Number(p.LeaveCount).Number(p.LeaveDays).Number(p.StopCount).Date(p.LastStopOn)
                .Date(p.NorwegianTestOn).Text(Level(p.Reading)).Text(Level(p.Listening)).Text(Level(p.Writing)).Text(Level(p.Oral))
                .Date(p.SocialStudiesTestOn).Text(p.SocialStudiesPassed is { } passed ? T(passed ? "Common.Yes" : "Common.No") : null);
            await csv.EndRowAsync(ct);
        }
        return new EmptyResult();
    }

    /// <summary>Live hours per participant and month, with the month's absence.</summary>
    [HttpGet("export/hours.csv")]
    public async Task<IActionResult> ExportHours(ReportQuery query, CancellationToken ct)
    {
        var filter = query.ToFilter(reader.Today);
        if (await CheckAsync(filter, ct) is { } refused)
        {
            return refused;
        }
        if (!ModelState.IsValid)
        {
            return BadRequest(ModelState.FirstError());
        }
        await audit.WriteAsync(AuditAction.Export, RecordType, "hours-per-month", details: ReportQuery.Describe(filter), ct: ct);

        await using var csv = StartCsv($"timer-per-maaned-{ReportQuery.Iso(filter.From)}-{ReportQuery.Iso(filter.To)}.csv");
        csv.Row(T("Reports.Export.NationalIdMasked"), T("Reports.Export.FamilyName"), T("Reports.Export.GivenName"), T("Reports.Export.Month"),
            T("HourCategory.Norwegian"), T("HourCategory.SocialStudies"), T("HourCategory.CareerGuidance"), T("HourCategory.WorkOriented"),
            T("HourCategory.EducationOriented"), T("HourCategory.ExtraNorwegian"), T("Reports.Export.TotalHours"),
            T("Reports.Export.UnexcusedAbsence"), T("Reports.Export.ExcusedAbsence"));
        await csv.EndRowAsync(ct);
        await foreach (var r in exports.HoursPerMonthAsync(filter, ct))
        {
            csv.Text(r.NationalIdMasked).Text(r.FamilyName).Text(r.GivenName).Text(r.Month.ToString("yyyy-MM", CultureInfo.InvariantCulture))
                .Number(r.Norwegian).Number(r.SocialStudies).Number(r.CareerGuidance).Number(r.WorkOriented).Number(r.EducationOriented)
                .Number(r.ExtraNorwegian).Number(r.Total).Number(r.UnexcusedAbsence).Number(r.ExcusedAbsence);
            await csv.EndRowAsync(ct);
        }
        return new EmptyResult();
    }

    /// <summary>Certificates issued in the period, for the municipality's own records and reporting.</summary>
    [HttpGet("export/certificates.csv")]
    public async Task<IActionResult> ExportCertificates(ReportQuery query, CancellationToken ct)
    {
        var filter = query.ToFilter(reader.Today);
        if (await CheckAsync(filter, ct) is { } refused)
        {
            return refused;
        }
        if (!ModelState.IsValid)
        {
            return BadRequest(ModelState.FirstError());
        }
        await audit.WriteAsync(AuditAction.Export, RecordType, "certificates", details: ReportQuery.Describe(filter), ct: ct);

        await using var csv = StartCsv($"bevis-{ReportQuery.Iso(filter.From)}-{ReportQuery.Iso(filter.To)}.csv");
        csv.Row(T("Certificates.Column.Number"), T("Certificates.Column.Kind"), T("Certificates.Column.IssuedOn"), T("Certificates.Column.IssuedBy"),
            T("Reports.Export.NationalIdMasked"), T("Reports.Export.FamilyName"), T("Reports.Export.GivenName"),
            T("HourCategory.Norwegian"), T("HourCategory.SocialStudies"), T("Certificates.Column.Status"), T("Certificates.Details.RevocationReason"));
        await csv.EndRowAsync(ct);
        await foreach (var c in exports.CertificatesAsync(filter).WithCancellation(ct))
        {
            csv.Text(c.Number).Text(T("Certificates.Kind." + c.Kind)).Date(c.IssuedOn).Text(c.IssuerName)
                .Text(c.NationalIdMasked).Text(c.FamilyName).Text(c.GivenName)
                .Number(c.NorwegianHours).Number(c.SocialStudiesHours)
                .Text(T(c.RevokedAt is null ? "Certificates.Status.Valid" : "Certificates.Status.Revoked")).Text(c.RevocationReason);
            await csv.EndRowAsync(ct);
        }
        return new EmptyResult();
    }

    /// <summary>Starts a streamed CSV download; the rows follow as they are read.</summary>
    private ExcelCsvWriter StartCsv(string fileName)
    {
        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
        return new ExcelCsvWriter(Response.Body);
    }

    /// <summary>Answers 404 for a coordinator who is not one of the municipality's (the period is checked by <see cref="ReportQueryValidator"/>).</summary>
    private async Task<IActionResult?> CheckAsync(ReportFilter filter, CancellationToken ct)
    {
        if (filter.CoordinatorId is { } coordinator && !await CoordinatorsQuery().AnyAsync(u => u.Id == coordinator, ct))
        {
            return NotFound();
        }
        return null;
    }

    private IQueryable<AppUser> CoordinatorsQuery() => ReportCoordinators.Query(db);

    private Task<IReadOnlyList<CoordinatorOption>> CoordinatorsAsync(CancellationToken ct) => ReportCoordinators.ListAsync(db, ct);

    private IReadOnlyList<BarChart> Distributions(Dashboard d) =>
    [
        Chart("status", "Reports.Status", "Reports.Column.Status", d.ByStatus.Select(s => new ChartItem(s.Key, T("ParticipantStatus." + s.Key), s.Count)), d.Participants),
        Chart("gender", "Reports.Gender", "Reports.Column.Gender", d.ByGender.Select(s => new ChartItem(s.Key, T("Gender." + s.Key), s.Count)), d.Participants),
        Chart("age", "Reports.AgeGroup", "Reports.Column.AgeGroup", d.ByAgeGroup.Select(s => new ChartItem(s.Key, T("Reports.AgeGroup." + s.Key), s.Count)), d.Participants),
        Chart("country", "Reports.Country", "Reports.Column.Country", d.ByCountry.Select(s => new ChartItem(s.Key,
            s.Key == DashboardReader.OtherCountries ? T("Reports.Country.Other") : t.CountryName(s.Key), s.Count)), d.Participants),
    ];

    private BarChart Chart(string id, string textKey, string labelHeader, IEnumerable<ChartItem> items, int total)
    {
        var list = items.ToList();
        return new BarChart
        {
            Id = id,
            Title = T(textKey + ".Title"),
            Description = t["Reports.Chart.Description", total, list.Count == 0 ? "" : list.MaxBy(i => i.Value)!.Label].Value,
            LabelHeader = T(labelHeader),
            ValueHeader = T("Reports.Column.Participants"),
            Items = list,
            Total = total,
            TotalLabel = T("Reports.Total"),
        };
    }

    private BarChart? RiskChart(Dashboard d) => d.AtRisk.Count == 0 ? null : new BarChart
    {
        Id = "risk",
        Title = T("Reports.Risk.Title"),
        Description = t["Reports.Risk.Description", d.ParticipantsAtRisk, d.AtRisk.Sum(r => r.Count)].Value,
        LabelHeader = T("Reports.Column.Rule"),
        ValueHeader = T("Reports.Column.OpenFlags"),
        DetailHeader = T("Reports.Column.Severity"),
        Items = d.AtRisk.Select(r => new ChartItem(r.Rule + ":" + r.Severity, RiskFlagTexts.Title(t, r.Rule), r.Count, T("RiskSeverity." + r.Severity))).ToList(),
        CssClass = "bar-risk",
    };

    private MonthChart MonthChart(Dashboard d) => new()
    {
        Id = "months",
        Title = T("Reports.Months.Title"),
        Description = t["Reports.Months.Description", d.Months.Sum(m => m.Starts), d.Months.Sum(m => m.Completions), d.Months.Sum(m => m.OtherEnds)].Value,
        MonthLabels = d.Months.Select(m => new DateOnly(m.Year, m.Month, 1).ToString("MMM yy", CultureInfo.CurrentCulture)).ToList(),
        Series =
        [
            new MonthSeries("starts", T("Reports.Months.Starts"), "bar-starts", d.Months.Select(m => m.Starts).ToList()),
            new MonthSeries("completions", T("Reports.Months.Completions"), "bar-completions", d.Months.Select(m => m.Completions).ToList()),
            new MonthSeries("other-ends", T("Reports.Months.OtherEnds"), "bar-other-ends", d.Months.Select(m => m.OtherEnds).ToList()),
        ],
    };

    private BarChart EvidenceChart(Dashboard d)
    {
        var e = d.Evidence;
        ChartItem Share(string key, int reached) => new(key, T("Reports.Evidence." + key), Percent(reached, e.Cohort),
            t["Reports.Evidence.OfCohort", reached, e.Cohort].Value);
        return new BarChart
        {
            Id = "evidence",
            Title = T("Reports.Evidence.Title"),
            Description = t["Reports.Evidence.Description", e.Cohort, Percent(e.ReachedBoth, e.Cohort)].Value,
            LabelHeader = T("Reports.Column.Requirement"),
            ValueHeader = T("Reports.Column.Share"),
            DetailHeader = T("Reports.Column.Participants"),
            Unit = " %",
            Items = [Share("norwegian", e.ReachedNorwegian), Share("social-studies", e.ReachedSocialStudies), Share("both", e.ReachedBoth)],
            CssClass = "bar-evidence",
        };
    }

    public static decimal Percent(int part, int whole) =>
        whole == 0 ? 0m : Math.Round(100m * part / whole, 1, MidpointRounding.AwayFromZero);

    private string? Level(CefrLevel? level) => level is { } l ? T("CefrLevel." + l) : null;

    private string T(string key) => t[key].Value;
}
