using IntroProgram.Infrastructure.Reporting;
using static IntroProgram.Web.Tests.Reports.ReportTestSupport;

namespace IntroProgram.Web.Tests.Reports;

/// <summary>The CSV writer on its own: what Norwegian Excel needs, byte for byte.</summary>
public sealed class ExcelCsvWriterTests
{
    private static async Task<byte[]> WriteAsync(Action<ExcelCsvWriter> row)
    {
        using var stream = new MemoryStream();
        await using (var csv = new ExcelCsvWriter(stream))
        {
            row(csv);
            await csv.EndRowAsync();
        }
        return stream.ToArray();
    }

    [Fact]
    public async Task A_row_is_utf8_with_a_byte_order_mark_semicolons_decimal_commas_and_crlf()
    {
        var bytes = await WriteAsync(csv => csv.Text("Ærøy").Number(3.5m).Money(1234.5m).Date(new DateOnly(2025, 3, 9)).Number(12L).Number((decimal?)null));

        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        Assert.Equal("Ærøy;3,5;1234,50;09.03.2025;12;\r\n", System.Text.Encoding.UTF8.GetString(bytes[3..]));
    }

    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+47 99", "'+47 99")]
    [InlineData("-Berg", "'-Berg")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tTab", "'\tTab")]
    [InlineData("Nilsen", "Nilsen")]
    [InlineData("Ola=Kari", "Ola=Kari")]
    public void Text_starting_with_a_formula_sign_gets_an_apostrophe(string text, string cell)
    {
        Assert.Equal(cell, ExcelCsvWriter.EscapeText(text));
    }

    [Theory]
    [InlineData("a;b", "\"a;b\"")]
    [InlineData("si \"hei\"", "\"si \"\"hei\"\"\"")]
    [InlineData("to\nlinjer", "\"to\nlinjer\"")]
    public void Text_with_a_separator_quote_or_line_break_is_quoted(string text, string cell)
    {
        Assert.Equal(cell, ExcelCsvWriter.EscapeText(text));
    }

    [Fact]
    public async Task Negative_numbers_are_numbers_not_defused_text()
    {
        var bytes = await WriteAsync(csv => csv.Number(-2.25m));

        Assert.Equal(["-2,25"], ParseExcelCsv(bytes)[0]);
    }

    [Fact]
    public async Task An_empty_export_still_starts_with_the_byte_order_mark()
    {
        using var stream = new MemoryStream();
        await using (new ExcelCsvWriter(stream))
        {
        }

        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, stream.ToArray());
    }
}
