using System.Globalization;
using IntroProgram.Infrastructure.Reporting;
using IntroProgram.Web.Features.Reports;

namespace IntroProgram.Web.Features.Benefit;

public sealed class BenefitPageModel
{
    public required DateOnly Month { get; init; }
    public Guid? CoordinatorId { get; init; }
    public required IReadOnlyList<CoordinatorOption> Coordinators { get; init; }
    public IReadOnlyList<BenefitBasisRow> Rows { get; init; } = [];
    /// <summary>False while the operator has entered no G at all.</summary>
    public bool HasBaseAmounts { get; init; } = true;

    public string MonthValue => Month.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public string CsvUrl => "/reports/benefit.csv?month=" + MonthValue + (CoordinatorId is { } c ? "&coordinator=" + c : "");

    public decimal TotalGross => Rows.Sum(r => r.Benefit.GrossAmount);
    public decimal TotalDeduction => Rows.Sum(r => r.Benefit.Deduction);
    public decimal TotalPayable => Rows.Sum(r => r.Benefit.PayableAmount);
    public decimal TotalUnexcusedHours => Rows.Sum(r => r.Benefit.UnexcusedHoursDeducted);
}

/// <summary>Month parameters are "yyyy-mm", as the browser's month field sends them.</summary>
public sealed class BaseAmountsPageModel
{
    public required IReadOnlyList<BaseAmountRow> Rows { get; init; }
    public required IReadOnlyDictionary<Guid, string> ChangedBy { get; init; }
    public BaseAmountForm Form { get; init; } = new();
}

/// <summary>A new base amount (G); what it accepts is in <see cref="BaseAmountFormValidator"/>.</summary>
public sealed class BaseAmountForm
{
    public DateOnly? EffectiveFrom { get; set; }
    public string? Amount { get; set; }

    /// <summary>Kroner as typed in Norway ("130 160" or "130160,00") or with a decimal point.</summary>
    public static bool TryParseAmount(string? text, out decimal amount)
    {
        amount = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }
        var cleaned = text.Replace(" ", "", StringComparison.Ordinal).Replace("\u00a0", "", StringComparison.Ordinal)
            .Replace("\u202f", "", StringComparison.Ordinal).Replace(',', '.');
        return decimal.TryParse(cleaned, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out amount)
            && decimal.Round(amount, 2) == amount;
    }
}
