using Microsoft.EntityFrameworkCore;

namespace IntroProgram.Infrastructure.Data;

/// <summary>
/// Makes a form's effect happen once. Each form carries a fresh token; the first transaction to claim it does the
/// work, and a second submit (a double click, a retried request, the back button) finds the token taken and gets
/// the first result instead. The claim is part of the caller's transaction, so a refused or failed submit leaves
/// the token free for the corrected form.
/// </summary>
public sealed class FormTokens(AppDbContext db, TimeProvider clock)
{
    /// <summary>
    /// Claims <paramref name="token"/> for <paramref name="resultId"/> inside the open transaction. Returns null when
    /// the claim succeeded, otherwise the result id of the earlier submit. A concurrent submit of the same token
    /// waits here until the first one commits or rolls back.
    /// </summary>
    public async Task<string?> ClaimAsync(Guid token, string kind, string resultId, CancellationToken ct = default)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("A form token is claimed inside the transaction that does the work.");
        }
        var tenant = db.CurrentTenantId ?? throw new TenantMismatchException("Forms are submitted within a municipality.");
        var inserted = await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO form_submissions (tenant_id, token, kind, result_id, at)
            VALUES ({tenant}, {token}, {kind}, {resultId}, {clock.GetUtcNow()})
            ON CONFLICT (tenant_id, token) DO NOTHING
            """, ct);
        if (inserted == 1)
        {
            return null;
        }
        return await db.FormSubmissions.AsNoTracking().Where(f => f.Token == token).Select(f => f.ResultId ?? "").FirstAsync(ct);
    }
}
