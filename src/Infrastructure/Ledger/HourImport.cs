using System.Security.Cryptography;
using System.Text;
using IntroProgram.Domain.Auditing;
using IntroProgram.Domain.Ledger;
using IntroProgram.Domain.Participants;
using IntroProgram.Domain.Programme;
using IntroProgram.Infrastructure.Auditing;
using IntroProgram.Infrastructure.Data;
using IntroProgram.Infrastructure.Participants;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IntroProgram.Infrastructure.Ledger;

public enum ImportRowState
{
    New,
    AlreadyImported,
    Refused,
}

/// <summary>One row of the preview. The participant is shown by name and masked id, never the full number.</summary>
public sealed record ImportPreviewRow(
    int RowNumber, Guid? ParticipantId, string? ParticipantName, string? MaskedNationalId,
    DateOnly? Date, HourCategory? Category, decimal? Hours, ImportRowState State, IReadOnlyList<HourImportError> Errors);

public sealed record ImportPreview(
    string FileSha256,
    IReadOnlyList<HourImportError> FileErrors,
    IReadOnlyList<ImportPreviewRow> Rows,
    Guid? EarlierBatchId)
{
    public int NewCount => Rows.Count(r => r.State == ImportRowState.New);
    public int AlreadyImportedCount => Rows.Count(r => r.State == ImportRowState.AlreadyImported);
    public int RefusedCount => Rows.Count(r => r.State == ImportRowState.Refused);
    public decimal NewHours => Rows.Where(r => r.State == ImportRowState.New).Sum(r => r.Hours ?? 0m);
    /// <summary>Commit is possible: no file or row errors, and the file was not imported before.</summary>
    public bool CanCommit => FileErrors.Count == 0 && RefusedCount == 0 && EarlierBatchId is null && NewCount > 0;
}

public static class ImportErrors
{
    public const string UnknownParticipant = "Import.UnknownParticipant";
    public const string FileTooLarge = "Import.FileTooLarge";
    public const string DuplicateReference = "Import.DuplicateReference";
}

/// <summary>
/// Hours from the adult-education school's CSV export: a preview with every problem by row and column, then an
/// all-or-nothing commit. A file already imported, or a row already imported from an earlier file, adds nothing.
/// </summary>
public sealed class HourImport(
    AppDbContext db, HourLedger ledger, NationalIdProtector nationalIds, IOptions<ParticipantDataOptions> options,
    AuditLog audit, TimeProvider clock)
{
    public const string RecordType = "ImportBatch";
    public const int MaxFileBytes = 2 * 1024 * 1024;

    public async Task<ImportPreview> PreviewAsync(byte[] content, CancellationToken ct = default)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        return (await EvaluateAsync(content, lockParticipants: false, ct)).Preview;
    }

    /// <summary>Re-checks the whole file under the participants' locks and writes it in one transaction, or nothing.</summary>
    public async Task<(CommandResult Result, ImportPreview Preview)> CommitAsync(byte[] content, string fileName, Guid? actorId, CancellationToken ct = default)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var (preview, rows, locked) = await EvaluateAsync(content, lockParticipants: true, ct);
        if (preview.EarlierBatchId is { } earlier)
        {
            return (CommandResult.AlreadyDone(earlier), preview);
        }
        if (!preview.CanCommit)
        {
            return (CommandResult.Invalid("File", preview.NewCount == 0 && preview.RefusedCount == 0 && preview.FileErrors.Count == 0
                ? HourImportErrors.NoRows : "Import.HasErrors"), preview);
        }
        var batch = new ImportBatch
        {
            Id = Guid.CreateVersion7(),
            FileName = Path.GetFileName(fileName) is { Length: > 0 and <= 255 } name ? name : "import.csv",
            FileSha256 = preview.FileSha256,
            RowCount = preview.Rows.Count,
            ImportedCount = preview.NewCount,
            SkippedCount = preview.AlreadyImportedCount,
            ImportedHours = preview.NewHours,
            ImportedBy = actorId,
            ImportedAt = clock.GetUtcNow(),
        };
        db.ImportBatches.Add(batch);
        // Up to 20,000 new entries: changes are detected once when saving, not on every row (which is quadratic).
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            foreach (var (row, reference) in rows)
            {
                var target = locked[row.ParticipantId!.Value];
                var entry = ledger.NewEntry(target.Participant, row.Date!.Value, row.Category!.Value, row.Hours!.Value, EntrySource.Import, actorId);
                entry.ImportBatchId = batch.Id;
                entry.ExternalRef = reference;
                await ledger.AddEntryAsync(target, entry, ct);
            }
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = true;
        }
        audit.Add(AuditAction.Import, RecordType, batch.Id.ToString(), null,
            $"rows {batch.RowCount}, imported {batch.ImportedCount}, skipped {batch.SkippedCount}, hours {batch.ImportedHours}", actorId);
        try
        {
            await ledger.SaveAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateException e) when (e.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            // The same file or rows were committed by someone else a moment ago.
            await tx.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            var again = await db.ImportBatches.AsNoTracking().Where(b => b.FileSha256 == preview.FileSha256).Select(b => (Guid?)b.Id).FirstOrDefaultAsync(ct);
            return (CommandResult.AlreadyDone(again), preview);
        }
        return (CommandResult.Done(batch.Id), preview);
    }

    private async Task<(ImportPreview Preview, List<(ImportPreviewRow Row, string Reference)> NewRows, Dictionary<Guid, HourLedger.LockedParticipant> Locked)>
        EvaluateAsync(byte[] content, bool lockParticipants, CancellationToken ct)
    {
        var sha = Convert.ToHexStringLower(SHA256.HashData(content));
        if (content.Length > MaxFileBytes)
        {
            return (new ImportPreview(sha, [new HourImportError(0, null, ImportErrors.FileTooLarge)], [], null), [], []);
        }
        var earlier = await db.ImportBatches.AsNoTracking().Where(b => b.FileSha256 == sha).Select(b => (Guid?)b.Id).FirstOrDefaultAsync(ct);
        var parsed = HourImportFile.Parse(content, nationalIds.AllowSynthetic);
        var fileErrors = parsed.Errors.Where(e => e.RowNumber <= 1).ToList(); // the header row or the whole file
        var tenant = db.CurrentTenantId!.Value;

        // Participants by national-id hash, in one query.
        var hashes = parsed.Rows.Select(r => nationalIds.Hash(tenant, r.NationalId)).ToList();
        var distinct = hashes.DistinctBy(Convert.ToHexString).ToList();
        var participants = await db.Participants.AsNoTracking().Where(p => distinct.Contains(p.NationalIdHash))
            .Select(p => new { p.Id, p.NationalIdHash, p.GivenName, p.FamilyName, p.NationalIdMasked }).ToListAsync(ct);
        var byHash = participants.ToDictionary(p => Convert.ToHexString(p.NationalIdHash));

        var references = parsed.Rows.Select(r => ReferenceOf(tenant, r)).ToList();
        var taken = (await db.HourEntries.AsNoTracking().Where(e => e.ExternalRef != null && references.Contains(e.ExternalRef))
            .Select(e => e.ExternalRef!).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);

        var ids = participants.Select(p => p.Id).ToList();
        var locked = lockParticipants
            ? await ledger.LockAsync(ids, ct)
            : await ledger.ReadAsync(ids, ct);

        // The day sums of every participant and date in the file at once, read after the locks: one query, not one per row.
        var liveByDay = await ledger.LiveHoursByDayAsync(ids, parsed.Rows.Select(r => r.Date).Distinct().ToList(), ct);

        var rows = new List<ImportPreviewRow>();
        var newRows = new List<(ImportPreviewRow, string)>();
        var pendingByDay = new Dictionary<(Guid, DateOnly), decimal>();
        var pendingExtra = new Dictionary<Guid, decimal>();
        var referencesInFile = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < parsed.Rows.Count; i++)
        {
            var r = parsed.Rows[i];
            byHash.TryGetValue(Convert.ToHexString(hashes[i]), out var who);
            var errors = new List<HourImportError>();
            var state = ImportRowState.New;
            if (who is null)
            {
                errors.Add(new HourImportError(r.RowNumber, "national_id", ImportErrors.UnknownParticipant));
            }
            else if (!referencesInFile.Add(references[i]))
            {
                errors.Add(new HourImportError(r.RowNumber, "ref", ImportErrors.DuplicateReference));
            }
            else if (taken.Contains(references[i]))
            {
                state = ImportRowState.AlreadyImported;
            }
            else if (locked.TryGetValue(who.Id, out var target))
            {
                var day = pendingByDay.GetValueOrDefault((who.Id, r.Date));
                var extra = pendingExtra.GetValueOrDefault(who.Id);
                foreach (var code in ledger.CheckEntry(target, r.Date, r.Category, r.Hours,
                             liveByDay.GetValueOrDefault((who.Id, r.Date)) + day, target.Totals.ExtraNorwegianHours + extra))
                {
                    errors.Add(new HourImportError(r.RowNumber, ColumnOf(code), code));
                }
                if (errors.Count == 0)
                {
                    pendingByDay[(who.Id, r.Date)] = day + r.Hours;
                    if (r.Category == HourCategory.ExtraNorwegian)
                    {
                        pendingExtra[who.Id] = extra + r.Hours;
                    }
                }
            }
            if (errors.Count > 0)
            {
                state = ImportRowState.Refused;
            }
            var row = new ImportPreviewRow(r.RowNumber, who?.Id, who is null ? null : who.GivenName + " " + who.FamilyName,
                who?.NationalIdMasked ?? r.NationalId.Masked, r.Date, r.Category, r.Hours, state, errors);
            rows.Add(row);
            if (state == ImportRowState.New)
            {
                newRows.Add((row, references[i]));
            }
        }
        // Rows the parser refused appear in the preview with their errors, in file order.
        foreach (var group in parsed.Errors.Where(e => !fileErrors.Contains(e)).GroupBy(e => e.RowNumber))
        {
            rows.Add(new ImportPreviewRow(group.Key, null, null, null, null, null, null, ImportRowState.Refused, group.ToList()));
        }
        rows.Sort((a, b) => a.RowNumber.CompareTo(b.RowNumber));
        return (new ImportPreview(sha, fileErrors, rows, earlier), newRows, locked);
    }

    /// <summary>
    /// The stable identity of an imported row: the school's own row id when the file has one, otherwise a keyed hash
    /// of its content and how many identical rows came before it in the file. The national id never appears in clear.
    /// </summary>
    private string ReferenceOf(Guid tenant, HourImportRow row)
    {
        if (!string.IsNullOrWhiteSpace(row.Reference))
        {
            var r = row.Reference.Trim();
            return "r:" + (r.Length <= 98 ? r : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(r))));
        }
        var content = string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{row.NationalId.Value}|{row.Date:yyyy-MM-dd}|{(int)row.Category}|{row.Hours:0.00}|{row.Occurrence}");
        var key = Encoding.UTF8.GetBytes(options.Value.NationalIdLookupKey + "|" + tenant);
        return "h:" + Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(content)))[..40];
    }

    private static string ColumnOf(string code) => HourLedger.FieldOf(code) switch
    {
        LedgerFields.Date => "date",
        LedgerFields.Category => "category",
        _ => "hours",
    };
}
