namespace IntroProgram.Domain.Ledger;

/// <summary>
/// Error codes of the hour import file. Like <see cref="Programme.ErrorCodes"/>, codes rather than messages: the
/// web layer translates them. A row's national id problems keep the codes of <see cref="Programme.NationalId"/>.
/// </summary>
public static class HourImportErrors
{
    /// <summary>The file has no data rows (empty, or a header only).</summary>
    public const string NoRows = "Import.NoRows";

    /// <summary>The file has more data rows than <see cref="HourImportFile.MaxDataRows"/>; nothing is imported.</summary>
    public const string TooManyRows = "Import.TooManyRows";

    /// <summary>A required column is not in the header. One error per missing column.</summary>
    public const string MissingColumn = "Import.MissingColumn";

    /// <summary>Two header names mean the same column (e.g. "fnr" and "fødselsnummer"), so it is unclear which to read.</summary>
    public const string DuplicateColumn = "Import.DuplicateColumn";

    /// <summary>A quoted field is not closed before the end of the line; the line's fields cannot be told apart.</summary>
    public const string UnterminatedQuote = "Import.UnterminatedQuote";

    /// <summary>
    /// A row has values beyond the header's last column, so a value was probably split at the delimiter (an
    /// unquoted "1,5" in a comma-separated file) and the row cannot be read by position safely.
    /// </summary>
    public const string TooManyFields = "Import.TooManyFields";

    /// <summary>A required value is empty, or the row ends before the column.</summary>
    public const string MissingValue = "Import.MissingValue";

    /// <summary>Not a real date in dd.mm.yyyy, d.m.yyyy or yyyy-mm-dd.</summary>
    public const string InvalidDate = "Import.InvalidDate";

    /// <summary>Not one of the accepted category names or numbers.</summary>
    public const string UnknownCategory = "Import.UnknownCategory";

    /// <summary>Not a decimal number.</summary>
    public const string InvalidHours = "Import.InvalidHours";

    /// <summary>The row reference is longer than <see cref="HourImportFile.MaxReferenceLength"/>.</summary>
    public const string ReferenceTooLong = "Import.ReferenceTooLong";

    /// <summary>The row reference holds a control character (a NUL byte, a tab): a damaged or binary file.</summary>
    public const string ReferenceInvalid = "Import.ReferenceInvalid";
}
