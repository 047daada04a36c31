using IntroProgram.Domain.Programme;

namespace IntroProgram.Domain.Ledger;

/// <summary>The canonical keys of the hour import file's columns, whatever the header calls them.</summary>
public static class HourImportColumns
{
    public const string NationalId = "national_id";
    public const string Date = "date";
    public const string Category = "category";
    public const string Hours = "hours";
    public const string Reference = "ref";
}

/// <summary>
/// One valid row of the file. <paramref name="Occurrence"/> is 1 for the first row with these exact values
/// (national id, date, category, hours, reference) and counts up for identical repeats, so rows without a reference
/// still get a stable identity. The generated <c>ToString</c> shows the national id masked, never in full.
/// </summary>
/// <param name="RowNumber">The physical line number in the file; the header is line 1.</param>
public sealed record HourImportRow(
    int RowNumber,
    NationalId NationalId,
    DateOnly Date,
    HourCategory Category,
    decimal Hours,
    string? Reference,
    int Occurrence);

/// <summary>A problem in the file.</summary>
/// <param name="RowNumber">The physical line number; 0 for problems with the file as a whole.</param>
/// <param name="Column">A key from <see cref="HourImportColumns"/>, or null when the problem is not one column's.</param>
/// <param name="Code">A code from <see cref="HourImportErrors"/> or, for national ids, from <see cref="ErrorCodes"/>.</param>
public sealed record HourImportError(int RowNumber, string? Column, string Code);

/// <summary>What <see cref="HourImportFile.Parse(byte[], bool)"/> read. Rows with errors are not in <see cref="Rows"/>.</summary>
public sealed class HourImportParseResult
{
    public const string Utf8 = "utf-8";
    public const string Latin1 = "iso-8859-1";

    public required IReadOnlyList<HourImportRow> Rows { get; init; }

    /// <summary>File-level errors first, then row errors in file order and, within a row, in column order.</summary>
    public required IReadOnlyList<HourImportError> Errors { get; init; }

    /// <summary>The delimiter detected from the header: ';', ',' or a tab.</summary>
    public required char Delimiter { get; init; }

    /// <summary><see cref="Utf8"/> or <see cref="Latin1"/>.</summary>
    public required string Encoding { get; init; }

    /// <summary>Non-blank lines after the header, valid or not.</summary>
    public required int DataRowCount { get; init; }

    public bool IsValid => Errors.Count == 0;
}
