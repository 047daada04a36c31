using System.Text;

namespace IntroProgram.Domain.Ledger;

/// <summary>One physical line of the file, split into trimmed fields.</summary>
internal sealed record HourImportLine(int RowNumber, IReadOnlyList<string> Fields, bool HasUnterminatedQuote)
{
    /// <summary>Only white space, delimiters and empty quotes: skipped, but it still takes up a line number.</summary>
    public bool IsBlank => !HasUnterminatedQuote && Fields.All(f => f.Length == 0);
}

/// <summary>
/// The CSV layer of the hour import: lines, delimiter and RFC 4180 quoting. A record is one physical line: the
/// file's values never contain line breaks, and reading quotes across lines would let one stray quote swallow
/// the rest of the file and shift every row number after it.
/// </summary>
internal static class HourImportCsv
{
    private static readonly char[] CandidateDelimiters = [';', ',', '\t'];

    /// <summary>Splits on CRLF, LF or a lone CR (old Mac Excel); line numbers start at 1.</summary>
    public static List<string> SplitLines(string text)
    {
        var lines = new List<string>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is not ('\r' or '\n'))
            {
                continue;
            }

            lines.Add(text[start..i]);
            if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                i++;
            }

            start = i + 1;
        }

        lines.Add(text[start..]);
        return lines;
    }

    /// <summary>
    /// The candidate occurring most often outside quotes; on a tie the earlier of ';', ',' and tab, since
    /// Norwegian Excel writes semicolons.
    /// </summary>
    public static char DetectDelimiter(string headerLine)
    {
        var counts = new int[CandidateDelimiters.Length];
        var inQuotes = false;
        foreach (var c in headerLine)
        {
            if (c == '"')
            {
                inQuotes = !inQuotes;
                continue;
            }

            var index = inQuotes ? -1 : Array.IndexOf(CandidateDelimiters, c);
            if (index >= 0)
            {
                counts[index]++;
            }
        }

        var best = 0;
        for (var i = 1; i < counts.Length; i++)
        {
            if (counts[i] > counts[best])
            {
                best = i;
            }
        }

        return CandidateDelimiters[best];
    }

    /// <summary>
    /// Splits one line into trimmed fields. Inside double quotes the delimiter is text and "" is a quote. Text
    /// after a closing quote is kept as it is, as spreadsheet programs do. An unclosed quote ends the line with the
    /// flag set.
    /// </summary>
    public static HourImportLine SplitFields(int rowNumber, string line, char delimiter)
    {
        var fields = new List<string>();
        var value = new StringBuilder();
        var i = 0;
        while (true)
        {
            value.Clear();
            var start = i;
            while (start < line.Length && line[start] != delimiter && char.IsWhiteSpace(line[start]))
            {
                start++;
            }

            i = start;
            if (i < line.Length && line[i] == '"')
            {
                if (!TryReadQuoted(line, ref i, value))
                {
                    fields.Add(value.ToString().Trim());
                    return new HourImportLine(rowNumber, fields, HasUnterminatedQuote: true);
                }
            }

            while (i < line.Length && line[i] != delimiter)
            {
                value.Append(line[i]);
                i++;
            }

            fields.Add(value.ToString().Trim());
            if (i >= line.Length)
            {
                return new HourImportLine(rowNumber, fields, HasUnterminatedQuote: false);
            }

            i++;
        }
    }

    /// <summary>Reads from the opening quote at <paramref name="i"/> to just past the closing one.</summary>
    private static bool TryReadQuoted(string line, ref int i, StringBuilder value)
    {
        i++;
        while (i < line.Length)
        {
            if (line[i] != '"')
            {
                value.Append(line[i]);
                i++;
            }
            else if (i + 1 < line.Length && line[i + 1] == '"')
            {
                value.Append('"');
                i += 2;
            }
            else
            {
                i++;
                return true;
            }
        }

        return false;
    }
}
