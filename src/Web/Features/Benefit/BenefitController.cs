using IntroProgram.Domain.Programme;
using System.Globalization;
using IntroProgram.Domain.Auditing;
using IntroProgram.Infrastructure.Auditing;
using IntroProgram.Infrastructure.Data;
using IntroProgram.Infrastructure.Identity;
using IntroProgram.Infrastructure.Reporting;
using IntroProgram.Web.Features.Reports;
using IntroProgram.Web.Features.Shared;
using IntroProgram.Web.Identity;
using IntroProgram.Web.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace IntroProgram.Web.Features.Benefit;

/// <summary>
/// The monthly benefit basis (introduksjonsstønad) for the municipality's payroll, and the platform operator's table
/// of G that every calculation reads.
/// </summary>
public sealed class BenefitController(
    AppDbContext db, BenefitBasis basis, BaseAmounts baseAmounts, AuditLog audit, TimeProvider clock, IStringLocalizer<Ui> t) : Controller
{
    public const string MonthKey = "month";

    [HttpGet("/reports/benefit"), Authorize(Policy = Policies.Staff)]
    public async Task<IActionResult> Index(BenefitQuery query, CancellationToken ct)
    {
        var (month, coordinator) = (query.Month, query.Coordinator);
        if (!await ReportCoordinators.IsKnownAsync(db, coordinator, ct))
        {
            return NotFound();
        }
        var chosen = ChosenMonth(month);
        var coordinators = await ReportCoordinators.ListAsync(db, ct);
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(new BenefitPageModel { Month = chosen, CoordinatorId = coordinator, Coordinators = coordinators });
        }
        if (await baseAmounts.TableAsync(ct) is null)
        {
            return View(new BenefitPageModel { Month = chosen, CoordinatorId = coordinator, Coordinators = coordinators, HasBaseAmounts = false });
        }

        var rows = new List<BenefitBasisRow>();
        await foreach (var row in basis.MonthAsync(chosen.Year, chosen.Month, coordinator, ct))
        {
            rows.Add(row);
        }
        // The page lists names and amounts per person: a read of personal data, logged like a participant page.
        await audit.WriteAsync(AuditAction.Read, "BenefitBasis", chosen.ToString("yyyy-MM", CultureInfo.InvariantCulture),
            details: coordinator is null ? null : "one coordinator", ct: ct);
        return View(new BenefitPageModel { Month = chosen, CoordinatorId = coordinator, Coordinators = coordinators, Rows = rows });
    }

    [HttpGet("/reports/benefit.csv"), Authorize(Policy = Policies.Staff)]
    public async Task<IActionResult> Export(BenefitQuery query, CancellationToken ct)
    {
        var (month, coordinator) = (query.Month, query.Coordinator);
        if (!await ReportCoordinators.IsKnownAsync(db, coordinator, ct))
        {
            return NotFound();
        }
        if (!ModelState.IsValid)
        {
            return BadRequest(ModelState.FirstError());
        }
        if (await baseAmounts.TableAsync(ct) is null)
        {
            return Conflict(T("Benefit.NoBaseAmounts"));
        }
        var chosen = ChosenMonth(month);
        var monthText = chosen.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        await audit.WriteAsync(AuditAction.Export, ReportsController.RecordType, "benefit-basis",
            details: "month " + monthText + (coordinator is null ? "" : ", one coordinator"), ct: ct);

        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = $"attachment; filename=\"stonadsgrunnlag-{monthText}.csv\"";
        await using var csv = new ExcelCsvWriter(Response.Body);
        csv.Row(T("Reports.Export.NationalIdMasked"), T("Reports.Export.FamilyName"), T("Reports.Export.GivenName"), T("Reports.Export.BirthDate"),
            T("Benefit.Column.Month"), T("Benefit.Column.BaseAmount"), T("Benefit.Column.Reduced"), T("Benefit.Column.Yearly"),
            T("Benefit.Column.HourlyRate"), T("Benefit.Column.BenefitDays"), T("Benefit.Column.DaysInMonth"), T("Benefit.Column.LeaveDays"),
            T("Benefit.Column.Gross"), T("Benefit.Column.UnexcusedHours"), T("Benefit.Column.Deduction"), T("Benefit.Column.Payable"),
            T("Benefit.Column.Problem"));
        await csv.EndRowAsync(ct);
        await foreach (var row in basis.MonthAsync(chosen.Year, chosen.Month, coordinator, ct))
        {
            var b = row.Benefit;
            csv.Text(row.NationalIdMasked).Text(row.FamilyName).Text(row.GivenName).Date(row.BirthDate).Text(monthText);
            if (b.Rates.Count == 1)
            {
                var rate = b.Rates[0];
                csv.Money(rate.BaseAmount).Text(T(rate.IsReduced ? "Common.Yes" : "Common.No")).Money(rate.YearlyAmount).Money(rate.HourlyRate);
            }
            else
            {
                // Two rates in one month (a new G, or the 25th birthday): each figure lists both, in date order.
                csv.Text(Joined(b, r => Kroner(r.BaseAmount))).Text(Joined(b, r => T(r.IsReduced ? "Common.Yes" : "Common.No")))
                    .Text(Joined(b, r => Kroner(r.YearlyAmount))).Text(Joined(b, r => Kroner(r.HourlyRate)));
            }
            csv.Number(b.BenefitDays).Number(b.DaysInMonth).Number(row.LeaveDaysWithoutBenefit).Money(b.GrossAmount)
                .Number(b.UnexcusedHoursDeducted).Money(b.Deduction).Money(b.PayableAmount)
                .Text(b.IsValid ? null : string.Join(", ", b.Errors.Select(T)));
            await csv.EndRowAsync(ct);
        }
        return new EmptyResult();
    }

    [HttpGet("/platform/base-amounts"), Authorize(Policy = Policies.Platform)]
    public async Task<IActionResult> BaseAmounts(CancellationToken ct) => View("BaseAmounts", await BaseAmountsPageAsync(new BaseAmountForm(), ct));

    [HttpPost("/platform/base-amounts"), Authorize(Policy = Policies.Platform)]
    public async Task<IActionResult> SetBaseAmount(BaseAmountForm form, CancellationToken ct)
    {
        if (!ModelState.IsValid || !BaseAmountForm.TryParseAmount(form.Amount, out var amount))
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View("BaseAmounts", await BaseAmountsPageAsync(form, ct));
        }
        await baseAmounts.SetAsync(form.EffectiveFrom!.Value, amount, User.UserId(), ct);
        TempData["Notice"] = t["BaseAmounts.Saved", form.EffectiveFrom.Value.ToString("d", CultureInfo.CurrentCulture)].Value;
        return Redirect("/platform/base-amounts");
    }

    [HttpPost("/platform/base-amounts/remove"), Authorize(Policy = Policies.Platform)]
    public async Task<IActionResult> RemoveBaseAmount(DateOnly effectiveFrom, CancellationToken ct)
    {
        if (!await baseAmounts.RemoveAsync(effectiveFrom, ct))
        {
            return NotFound();
        }
        TempData["Notice"] = t["BaseAmounts.Removed", effectiveFrom.ToString("d", CultureInfo.CurrentCulture)].Value;
        return Redirect("/platform/base-amounts");
    }

    private async Task<BaseAmountsPageModel> BaseAmountsPageAsync(BaseAmountForm form, CancellationToken ct)
    {
        var rows = await baseAmounts.RowsAsync(ct);
        var ids = rows.Where(r => r.ChangedBy != null).Select(r => r.ChangedBy!.Value).Distinct().ToList();
        var names = await db.Users.DisplayNamesAsync(ids, ct);
        return new BaseAmountsPageModel { Rows = rows, ChangedBy = names, Form = form };
    }

    /// <summary>The month asked for, or by default the previous month (payroll pays a month in arrears).</summary>
    private DateOnly ChosenMonth(string? month)
    {
        if (MonthInput.TryParse(month, out var parsed))
        {
            return parsed;
        }
        var today = clock.OsloToday();
        return new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
    }

    private static string Joined(Domain.Programme.BenefitMonth b, Func<Domain.Programme.BenefitRate, string> text) =>
        string.Join(" / ", b.Rates.Select(text));

    private static string Kroner(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture).Replace('.', ',');

    private string T(string key) => t[key].Value;
}
