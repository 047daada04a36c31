using System.Globalization;
using System.Text;

namespace IntroProgram.Infrastructure.Reporting;

/// <summary>
/// Writes CSV the way Norwegian Excel opens it with a double click: UTF-8 with a byte order mark (without it Excel reads
/// æøå as Windows-1252), semicolons between cells (the comma is the decimal sign in Norway), decimal commas, dates as
/// dd.mm.yyyy, and a cell quoted only when it holds a semicolon, a quote or a line break.
/// Text cells that start with = + - @ (or a tab or carriage return) get a leading apostrophe, so a name or note typed
/// by someone cannot become a formula in the payroll officer's spreadsheet (CSV injection). Numbers and dates are
/// written by this class and are never prefixed.
/// Rows are written to the stream as they come and flushed every <see cref="FlushEvery"/> rows, so an export of any
/// size holds only one row in memory.
/// </summary>
public sealed class ExcelCsvWriter : IAsyncDisposable
{
    public const char Separator = ';';
    public const int FlushEvery = 200;
    private static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];

    private readonly Stream _stream;
    private readonly StreamWriter _writer;
    private readonly StringBuilder _row = new();
    private bool _started;
    private bool _cellWritten;
    private int _rowsSinceFlush;

    public ExcelCsvWriter(Stream stream)
    {
        _stream = stream;
        // The byte order mark is written by hand: StreamWriter skips it on some streams.
        _writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 16 * 1024, leaveOpen: true)
        {
            NewLine = "\r\n",
        };
    }

    public int RowsWritten { get; private set; }

    public ExcelCsvWriter Text(string? value)
    {
        Append(EscapeText(value));
        return this;
    }

    /// <summary>Hours and other amounts: as many decimals as needed (up to 2), decimal comma, no thousands separator.</summary>
    public ExcelCsvWriter Number(decimal? value)
    {
        Append(value is { } v ? FormatNumber(v, "0.##") : "");
        return this;
    }

    public ExcelCsvWriter Number(long? value)
    {
        Append(value?.ToString(CultureInfo.InvariantCulture) ?? "");
        return this;
    }

    /// <summary>Kroner: always two decimals, decimal comma.</summary>
    public ExcelCsvWriter Money(decimal? value)
    {
        Append(value is { } v ? FormatNumber(v, "0.00") : "");
        return this;
    }

    public ExcelCsvWriter Date(DateOnly? value)
    {
        Append(value?.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture) ?? "");
        return this;
    }

    public ExcelCsvWriter Row(params string?[] texts)
    {
        foreach (var text in texts)
        {
            Text(text);
        }
        return this;
    }

    public async Task EndRowAsync(CancellationToken ct = default)
    {
        if (!_started)
        {
            _started = true;
            await _stream.WriteAsync(Bom, ct);
        }
        _row.Append("\r\n");
        await _writer.WriteAsync(_row, ct);
        _row.Clear();
        _cellWritten = false;
        RowsWritten++;
        if (++_rowsSinceFlush >= FlushEvery)
        {
            _rowsSinceFlush = 0;
            await _writer.FlushAsync(ct);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_started)
        {
            _started = true;
            await _stream.WriteAsync(Bom);
        }
        await _writer.FlushAsync();
        await _writer.DisposeAsync();
    }

    /// <summary>The text as one cell: guarded against formulas, quoted when needed.</summary>
    public static string EscapeText(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }
        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }
        if (value.AsSpan().IndexOfAny(";\"\r\n") >= 0)
        {
            return "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        }
        return value;
    }

    private static string FormatNumber(decimal value, string format) =>
        value.ToString(format, CultureInfo.InvariantCulture).Replace('.', ',');

    private void Append(string cell)
    {
        if (_cellWritten)
        {
            _row.Append(Separator);
        }
        _row.Append(cell);
        _cellWritten = true;
    }
}
