using IntroProgram.Domain.Programme;
using IntroProgram.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace IntroProgram.Infrastructure.Reporting;

/// <summary>The stored table of G: read for every benefit calculation, kept by the platform operator.</summary>
public sealed class BaseAmounts(AppDbContext db, TimeProvider clock)
{
    /// <summary>The highest G we accept; a typo with a few extra digits should not reach payroll.</summary>
    public const decimal MaximumAmount = 10_000_000m;

    public static bool IsAcceptable(decimal amount) => amount is > 0m and <= MaximumAmount;

    public async Task<IReadOnlyList<BaseAmountRow>> RowsAsync(CancellationToken ct = default) =>
        await db.Set<BaseAmountRow>().AsNoTracking().OrderByDescending(r => r.EffectiveFrom).ToListAsync(ct);

    /// <summary>The table for the calculator, or null while no G has been entered.</summary>
    public async Task<BaseAmountTable?> TableAsync(CancellationToken ct = default)
    {
        var rows = await db.Set<BaseAmountRow>().AsNoTracking().Select(r => new BaseAmount(r.EffectiveFrom, r.Amount)).ToListAsync(ct);
        return rows.Count == 0 ? null : new BaseAmountTable(rows);
    }

    /// <summary>Sets G from a date: a new row, or a corrected amount for a date already in the table.</summary>
    public async Task SetAsync(DateOnly effectiveFrom, decimal amount, Guid? operatorId, CancellationToken ct = default)
    {
        if (!IsAcceptable(amount))
        {
            throw new ArgumentOutOfRangeException(nameof(amount), amount, "G must be positive and at most 10,000,000.");
        }
        var row = await db.Set<BaseAmountRow>().FirstOrDefaultAsync(r => r.EffectiveFrom == effectiveFrom, ct);
        if (row is null)
        {
            row = new BaseAmountRow { EffectiveFrom = effectiveFrom };
            db.Add(row);
        }
        row.Amount = amount;
        row.ChangedAt = clock.GetUtcNow();
        row.ChangedBy = operatorId;
        await db.SaveChangesAsync(ct);
    }

    /// <returns>False when no row has that date.</returns>
    public async Task<bool> RemoveAsync(DateOnly effectiveFrom, CancellationToken ct = default) =>
        await db.Set<BaseAmountRow>().Where(r => r.EffectiveFrom == effectiveFrom).ExecuteDeleteAsync(ct) > 0;
}
