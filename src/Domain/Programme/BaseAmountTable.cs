namespace IntroProgram.Domain.Programme;

/// <summary>One value of the base amount G (grunnbeløpet), in force from <paramref name="EffectiveFrom"/> until the next row.</summary>
public readonly record struct BaseAmount(DateOnly EffectiveFrom, decimal Amount);

/// <summary>
/// The dated table of G. The Storting adjusts G every year with effect from 1 May; the caller supplies the table
/// (from configuration or the database) so a new G needs no release.
/// </summary>
public sealed class BaseAmountTable
{
    /// <exception cref="ArgumentException">No rows, a non-positive amount, or two rows with the same date.</exception>
    public BaseAmountTable(IEnumerable<BaseAmount> rows)
    {
        Rows = rows.OrderBy(r => r.EffectiveFrom).ToList().AsReadOnly();
        if (Rows.Count == 0)
        {
            throw new ArgumentException("The base amount table needs at least one row.", nameof(rows));
        }

        for (var i = 0; i < Rows.Count; i++)
        {
            if (Rows[i].Amount <= 0m)
            {
                throw new ArgumentException($"The base amount from {Rows[i].EffectiveFrom:yyyy-MM-dd} must be positive.", nameof(rows));
            }

            if (i > 0 && Rows[i].EffectiveFrom == Rows[i - 1].EffectiveFrom)
            {
                throw new ArgumentException($"Two base amounts take effect on {Rows[i].EffectiveFrom:yyyy-MM-dd}.", nameof(rows));
            }
        }
    }

    /// <summary>G as adopted for 2020–2025, each from 1 May.</summary>
    public static BaseAmountTable Default { get; } = new(
    [
        new BaseAmount(new DateOnly(2020, 5, 1), 101_351m),
        new BaseAmount(new DateOnly(2021, 5, 1), 106_399m),
        new BaseAmount(new DateOnly(2022, 5, 1), 111_477m),
        new BaseAmount(new DateOnly(2023, 5, 1), 118_620m),
        new BaseAmount(new DateOnly(2024, 5, 1), 124_028m),
        new BaseAmount(new DateOnly(2025, 5, 1), 130_160m),
    ]);

    /// <summary>Rows in date order.</summary>
    public IReadOnlyList<BaseAmount> Rows { get; }

    /// <summary>G in force on <paramref name="date"/>, or null before the first row.</summary>
    public decimal? AmountOn(DateOnly date)
    {
        decimal? amount = null;
        foreach (var row in Rows)
        {
            if (row.EffectiveFrom > date)
            {
                break;
            }

            amount = row.Amount;
        }

        return amount;
    }
}
