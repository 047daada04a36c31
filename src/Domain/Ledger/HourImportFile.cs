using System.Text;
using IntroProgram.Domain.Programme;

namespace IntroProgram.Domain.Ledger;

/// <summary>
/// Reads the CSV file of hours exported by the adult-education school's system: a header row naming the columns
/// (Norwegian or English), then one row per participant, date, category and hours. Pure: bytes in, rows and error
/// codes out. Ordinary bad input never throws; every problem is returned with its line number so the whole file can
/// be corrected in one go.
/// </summary>
public static class HourImportFile
{
    /// <summary>Above this many data rows the file is refused as a whole, before any row is read.</summary>
    public const int MaxDataRows = 20_000;

    /// <summary>The length of <see cref="HourLedgerEntry.ExternalRef"/> in the database.</summary>
    public const int MaxReferenceLength = 100;

    private static readonly string[] RequiredColumns =
    [
        HourImportColumns.NationalId,
        HourImportColumns.Date,
        HourImportColumns.Category,
        HourImportColumns.Hours,
    ];

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <param name="allowSyntheticTestNumbers">Accept synthetic national ids (month + 80); only in test and demo environments.</param>
    public static HourImportParseResult Parse(byte[] content, bool allowSyntheticTestNumbers) =>
        Parse(content.AsSpan(), allowSyntheticTestNumbers);

    /// <inheritdoc cref="Parse(byte[], bool)"/>
    public static HourImportParseResult Parse(ReadOnlySpan<byte> content, bool allowSyntheticTestNumbers)
    {
        var (text, encoding) = Decode(content);
        var lines = HourImportCsv.SplitLines(text);

        var headerIndex = lines.FindIndex(line =>
            !HourImportCsv.SplitFields(0, line, HourImportCsv.DetectDelimiter(line)).IsBlank);
        if (headerIndex < 0)
        {
            return Result([], [new HourImportError(0, null, HourImportErrors.NoRows)], ';', encoding, 0);
        }

        var delimiter = HourImportCsv.DetectDelimiter(lines[headerIndex]);
        var header = HourImportCsv.SplitFields(headerIndex + 1, lines[headerIndex], delimiter);
        var fileErrors = new List<HourImportError>();
        var columns = ReadHeader(header, fileErrors);

        var dataLines = new List<HourImportLine>();
        var dataRowCount = 0;
        for (var i = headerIndex + 1; i < lines.Count; i++)
        {
            var line = HourImportCsv.SplitFields(i + 1, lines[i], delimiter);
            if (line.IsBlank)
            {
                continue;
            }

            dataRowCount++;
            if (dataRowCount <= MaxDataRows)
            {
                dataLines.Add(line);
            }
        }

        if (dataRowCount == 0)
        {
            fileErrors.Add(new HourImportError(0, null, HourImportErrors.NoRows));
        }
        else if (dataRowCount > MaxDataRows)
        {
            fileErrors.Add(new HourImportError(0, null, HourImportErrors.TooManyRows));
        }

        if (fileErrors.Count > 0)
        {
            return Result([], fileErrors, delimiter, encoding, dataRowCount);
        }

        var rows = new List<HourImportRow>();
        var rowErrors = new List<HourImportError>();
        var occurrences = new Dictionary<(string, DateOnly, HourCategory, decimal, string?), int>();
        foreach (var line in dataLines)
        {
            var row = ReadRow(line, columns, header.Fields.Count, allowSyntheticTestNumbers, rowErrors);
            if (row is null)
            {
                continue;
            }

            var key = (row.NationalId.Value, row.Date, row.Category, row.Hours, row.Reference);
            var occurrence = occurrences.GetValueOrDefault(key) + 1;
            occurrences[key] = occurrence;
            rows.Add(row with { Occurrence = occurrence });
        }

        return Result(rows, rowErrors, delimiter, encoding, dataRowCount);
    }

    /// <summary>UTF-8 (a BOM is dropped) when the bytes are valid UTF-8, otherwise ISO-8859-1, which covers æøå as saved by Norwegian Excel.</summary>
    private static (string Text, string Encoding) Decode(ReadOnlySpan<byte> content)
    {
        var body = content.StartsWith(Encoding.UTF8.Preamble) ? content[Encoding.UTF8.Preamble.Length..] : content;
        try
        {
            return (StrictUtf8.GetString(body), HourImportParseResult.Utf8);
        }
        catch (DecoderFallbackException)
        {
            return (Encoding.Latin1.GetString(body), HourImportParseResult.Latin1);
        }
    }

    /// <summary>Column key → field index. Adds file-level errors for a broken header, duplicates and missing columns.</summary>
    private static Dictionary<string, int> ReadHeader(HourImportLine header, List<HourImportError> errors)
    {
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        if (header.HasUnterminatedQuote)
        {
            errors.Add(new HourImportError(header.RowNumber, null, HourImportErrors.UnterminatedQuote));
            return columns;
        }

        for (var i = 0; i < header.Fields.Count; i++)
        {
            var key = HourImportValues.ColumnKey(header.Fields[i]);
            if (key is not null && !columns.TryAdd(key, i))
            {
                errors.Add(new HourImportError(header.RowNumber, key, HourImportErrors.DuplicateColumn));
            }
        }

        foreach (var required in RequiredColumns.Where(c => !columns.ContainsKey(c)))
        {
            errors.Add(new HourImportError(header.RowNumber, required, HourImportErrors.MissingColumn));
        }

        return columns;
    }

    /// <summary>The row, or null after adding every problem it has to <paramref name="errors"/>. Occurrence is set by the caller.</summary>
    private static HourImportRow? ReadRow(
        HourImportLine line,
        Dictionary<string, int> columns,
        int headerWidth,
        bool allowSyntheticTestNumbers,
        List<HourImportError> errors)
    {
        var row = line.RowNumber;
        if (line.HasUnterminatedQuote)
        {
            errors.Add(new HourImportError(row, null, HourImportErrors.UnterminatedQuote));
            return null;
        }

        var errorCount = errors.Count;

        // Values beyond the header usually mean a value was split, e.g. an unquoted 1,5 in a comma file; reading
        // by position would then silently take 1 hour. Empty trailing fields are harmless and common from Excel.
        if (line.Fields.Skip(headerWidth).Any(f => f.Length > 0))
        {
            errors.Add(new HourImportError(row, null, HourImportErrors.TooManyFields));
        }

        NationalId? nationalId = null;
        if (Required(HourImportColumns.NationalId) is { } idText
            && !NationalId.TryParse(idText, allowSyntheticTestNumbers, out nationalId, out var idError))
        {
            errors.Add(new HourImportError(row, HourImportColumns.NationalId, idError));
        }

        var date = default(DateOnly);
        if (Required(HourImportColumns.Date) is { } dateText && !HourImportValues.TryParseDate(dateText, out date))
        {
            errors.Add(new HourImportError(row, HourImportColumns.Date, HourImportErrors.InvalidDate));
        }

        var category = default(HourCategory);
        if (Required(HourImportColumns.Category) is { } categoryText && !HourImportValues.TryParseCategory(categoryText, out category))
        {
            errors.Add(new HourImportError(row, HourImportColumns.Category, HourImportErrors.UnknownCategory));
        }

        var hours = 0m;
        if (Required(HourImportColumns.Hours) is { } hoursText && !HourImportValues.TryParseHours(hoursText, out hours))
        {
            errors.Add(new HourImportError(row, HourImportColumns.Hours, HourImportErrors.InvalidHours));
        }

        var reference = Field(HourImportColumns.Reference);
        if (reference is { Length: > MaxReferenceLength })
        {
            errors.Add(new HourImportError(row, HourImportColumns.Reference, HourImportErrors.ReferenceTooLong));
        }
        else if (reference is not null && reference.Any(char.IsControl))
        {
            // A NUL or other control character cannot be stored in PostgreSQL text, nor is it ever part of a school's row id.
            errors.Add(new HourImportError(row, HourImportColumns.Reference, HourImportErrors.ReferenceInvalid));
        }

        if (errors.Count > errorCount || nationalId is null)
        {
            return null;
        }

        return new HourImportRow(row, nationalId, date, category, hours, reference, Occurrence: 0);

        // The value of a column, or null when the column is absent from the header or the row, or empty.
        string? Field(string column) =>
            columns.TryGetValue(column, out var index) && index < line.Fields.Count && line.Fields[index].Length > 0
                ? line.Fields[index]
                : null;

        string? Required(string column)
        {
            var value = Field(column);
            if (value is null)
            {
                errors.Add(new HourImportError(row, column, HourImportErrors.MissingValue));
            }

            return value;
        }
    }

    private static HourImportParseResult Result(
        List<HourImportRow> rows,
        List<HourImportError> errors,
        char delimiter,
        string encoding,
        int dataRowCount) => new()
        {
            Rows = rows.AsReadOnly(),
            Errors = errors.AsReadOnly(),
            Delimiter = delimiter,
            Encoding = encoding,
            DataRowCount = dataRowCount,
        };
}
