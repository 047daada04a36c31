using System.Globalization;
using System.Text;
using IntroProgram.Domain.Ledger;
using IntroProgram.Domain.Programme;
using static IntroProgram.Domain.Tests.Programme.TestDates;

namespace IntroProgram.Domain.Tests.Ledger;

public class HourImportFileTests
{
    private const string Header = "fødselsnummer;dato;kategori;timer;id";

    // Declared before the ids below: static fields are initialised in textual order.
    private static readonly int[] FirstCheckWeights = [3, 7, 6, 1, 8, 9, 4, 5, 2];
    private static readonly int[] SecondCheckWeights = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];

    // National ids are computed with the mod-11 rules below, and synthetic (month + 80) unless a test is about real
    // numbers, so no test depends on a real person's number.
    private static readonly string Id = SyntheticId(day: 1, month: 1, year: 90);
    private static readonly string OtherId = SyntheticId(day: 15, month: 7, year: 85);

    /// <summary>A valid number with these six date digits, from the first individual number that has check digits.</summary>
    private static string NationalIdWith(int dayDigits, int monthDigits, int year, int individualFrom = 100)
    {
        for (var individual = individualFrom; individual < 500; individual++)
        {
            var digits = string.Create(CultureInfo.InvariantCulture, $"{dayDigits:00}{monthDigits:00}{year:00}{individual:000}");
            var first = CheckDigit(digits, FirstCheckWeights);
            var second = first is null ? null : CheckDigit(digits + first, SecondCheckWeights);
            if (second is not null)
            {
                return string.Create(CultureInfo.InvariantCulture, $"{digits}{first}{second}");
            }
        }

        throw new InvalidOperationException("No valid individual number in range.");
    }

    private static int? CheckDigit(string digits, int[] weights)
    {
        var sum = weights.Select((weight, i) => weight * (digits[i] - '0')).Sum();
        var check = 11 - (sum % 11);
        return check switch
        {
            11 => 0,
            10 => null,
            _ => check,
        };
    }

    private static string SyntheticId(int day, int month, int year) => NationalIdWith(day, month + 80, year);

    private static string WithWrongCheckDigit(string id) => string.Concat(id.AsSpan(0, 10), ((id[10] - '0' + 1) % 10).ToString(CultureInfo.InvariantCulture));

    /// <summary>Lines joined with LF, encoded as UTF-8 without BOM; "ID" in a line stands for <see cref="Id"/>.</summary>
    private static byte[] Utf8File(params string[] lines) => Encoding.UTF8.GetBytes(Join("\n", lines));

    private static string Join(string lineEnding, string[] lines) => string.Join(lineEnding, lines).Replace("ID", Id, StringComparison.Ordinal);

    private static HourImportParseResult Parse(params string[] lines) => HourImportFile.Parse(Utf8File(lines), allowSyntheticTestNumbers: true);

    private static HourImportRow SingleRow(HourImportParseResult result)
    {
        Assert.Empty(result.Errors);
        return Assert.Single(result.Rows);
    }

    /// <summary>The one row of a file with the standard header and <paramref name="line"/> as its data.</summary>
    private static HourImportRow ParseOneRow(string line) => SingleRow(Parse(Header, line));

    /// <summary>The errors of a file with the standard header and <paramref name="line"/> as its data.</summary>
    private static IReadOnlyList<HourImportError> ErrorsOf(string line, bool allowSynthetic = true)
    {
        var result = HourImportFile.Parse(Utf8File(Header, line), allowSynthetic);
        Assert.Empty(result.Rows);
        Assert.False(result.IsValid);
        return result.Errors;
    }

    private static HourImportError Error(string? column, string code, int row = 2) => new(row, column, code);

    // --- The test helper itself ---

    [Fact]
    public void Test_helper_computes_the_known_valid_birth_number()
    {
        Assert.Equal("01019012480", NationalIdWith(1, 1, 90, individualFrom: 124));
    }

    // --- Delimiters and quoting ---

    [Fact]
    public void Semicolon_file_with_decimal_comma_is_read()
    {
        var result = Parse(Header, "ID;05.01.2026;norsk;1,5;R1");

        var row = SingleRow(result);
        Assert.Equal(';', result.Delimiter);
        Assert.Equal(2, row.RowNumber);
        Assert.Equal(Id, row.NationalId.Value);
        Assert.Equal(D("2026-01-05"), row.Date);
        Assert.Equal(HourCategory.Norwegian, row.Category);
        Assert.Equal(1.5m, row.Hours);
        Assert.Equal("R1", row.Reference);
        Assert.Equal(1, row.Occurrence);
        Assert.Equal(1, result.DataRowCount);
        Assert.True(result.IsValid);
    }

    [Fact]
    public void Comma_file_with_quoted_decimal_comma_is_read()
    {
        var result = Parse("fnr,dato,kategori,timer", "ID,05.01.2026,norsk,\"1,5\"");

        Assert.Equal(',', result.Delimiter);
        Assert.Equal(1.5m, SingleRow(result).Hours);
    }

    [Fact]
    public void Comma_file_with_decimal_dot_is_read()
    {
        var result = Parse("fnr,dato,kategori,timer", "ID,2026-01-05,samfunnskunnskap,2.25");

        Assert.Equal(',', result.Delimiter);
        Assert.Equal(2.25m, SingleRow(result).Hours);
    }

    [Fact]
    public void Tab_delimited_file_is_read()
    {
        var result = Parse("fnr\tdato\tkategori\ttimer", "ID\t05.01.2026\tnorsk\t3");

        Assert.Equal('\t', result.Delimiter);
        Assert.Equal(3m, SingleRow(result).Hours);
    }

    [Fact]
    public void Delimiters_inside_quotes_in_the_header_do_not_decide_the_delimiter()
    {
        var result = Parse("fnr;dato;kategori;timer;\"a,b,c,d,e,f\"", "ID;05.01.2026;norsk;2;x");

        Assert.Equal(';', result.Delimiter);
        Assert.Equal(2m, SingleRow(result).Hours);
    }

    [Fact]
    public void Quoted_field_may_contain_the_delimiter()
    {
        Assert.Equal("A;1", ParseOneRow("ID;05.01.2026;norsk;2;\"A;1\"").Reference);
    }

    [Fact]
    public void Doubled_quote_inside_a_quoted_field_is_one_quote()
    {
        Assert.Equal("say \"hi\"", ParseOneRow("ID;05.01.2026;norsk;2;\"say \"\"hi\"\"\"").Reference);
    }

    [Fact]
    public void Every_field_may_be_quoted()
    {
        var row = SingleRow(Parse(
            "\"fødselsnummer\";\"dato\";\"kategori\";\"timer\"",
            "\"ID\";\"05.01.2026\";\"norsk\";\"2\""));

        Assert.Equal(Id, row.NationalId.Value);
        Assert.Equal(2m, row.Hours);
    }

    [Fact]
    public void Fields_are_trimmed_inside_and_outside_quotes()
    {
        var row = SingleRow(Parse(
            "  fødselsnummer ; dato;kategori ;timer; id ",
            "  ID  ; 05.01.2026 ; \" norsk \" ; 2 ; \" R1 \" "));

        Assert.Equal(HourCategory.Norwegian, row.Category);
        Assert.Equal("R1", row.Reference);
    }

    [Fact]
    public void Unclosed_quote_in_a_row_is_an_error_for_that_row_only()
    {
        var result = Parse(Header, "ID;\"05.01.2026;norsk;2;R1", "ID;06.01.2026;norsk;2;R2");

        Assert.Equal([Error(null, HourImportErrors.UnterminatedQuote)], result.Errors);
        Assert.Equal(3, Assert.Single(result.Rows).RowNumber);
        Assert.Equal(2, result.DataRowCount);
    }

    [Fact]
    public void Unclosed_quote_in_the_header_is_a_file_error()
    {
        var result = Parse("\"fødselsnummer;dato;kategori;timer", "ID;05.01.2026;norsk;2");

        Assert.Equal([Error(null, HourImportErrors.UnterminatedQuote, row: 1)], result.Errors);
        Assert.Empty(result.Rows);
    }

    // --- Encoding ---

    [Fact]
    public void Utf8_file_with_bom_is_read_and_the_bom_is_not_part_of_the_first_column_name()
    {
        byte[] content = [0xEF, 0xBB, 0xBF, .. Utf8File(Header, "ID;05.01.2026;norsk;2;R1")];

        var result = HourImportFile.Parse(content, allowSyntheticTestNumbers: true);

        Assert.Equal(HourImportParseResult.Utf8, result.Encoding);
        Assert.Equal(Id, SingleRow(result).NationalId.Value);
    }

    [Fact]
    public void Utf8_file_without_bom_with_norwegian_letters_is_read_as_utf8()
    {
        var result = Parse(Header, "ID;05.01.2026;norskopplæring;2;Skøyen-1");

        var row = SingleRow(result);
        Assert.Equal("utf-8", result.Encoding);
        Assert.Equal(HourCategory.Norwegian, row.Category);
        Assert.Equal("Skøyen-1", row.Reference);
    }

    [Fact]
    public void Latin1_file_with_norwegian_letters_in_the_header_is_read()
    {
        var content = Encoding.Latin1.GetBytes(Join("\r\n", [Header, "ID;05.01.2026;norskopplæring;2;Skøyen-1"]));

        var result = HourImportFile.Parse(content, allowSyntheticTestNumbers: true);

        var row = SingleRow(result);
        Assert.Equal("iso-8859-1", result.Encoding);
        Assert.Equal(Id, row.NationalId.Value);
        Assert.Equal(HourCategory.Norwegian, row.Category);
        Assert.Equal("Skøyen-1", row.Reference);
    }

    [Fact]
    public void Byte_array_and_span_give_the_same_result()
    {
        var content = Utf8File(Header, "ID;05.01.2026;norsk;2;R1", "ID;05.01.2026;lunsj;2;R2");

        var fromArray = HourImportFile.Parse(content, allowSyntheticTestNumbers: true);
        var fromSpan = HourImportFile.Parse(new ReadOnlySpan<byte>(content), allowSyntheticTestNumbers: true);

        Assert.Equal(fromArray.Rows, fromSpan.Rows);
        Assert.Equal(fromArray.Errors, fromSpan.Errors);
        Assert.Single(fromSpan.Rows);
    }

    // --- Lines and row numbers ---

    [Fact]
    public void Crlf_line_endings_are_read_without_leaving_a_carriage_return_in_the_last_field()
    {
        var content = Encoding.UTF8.GetBytes(Join("\r\n", [Header, "ID;05.01.2026;norsk;2;R1", "ID;06.01.2026;norsk;2;R2", ""]));

        var result = HourImportFile.Parse(content, allowSyntheticTestNumbers: true);

        Assert.Empty(result.Errors);
        Assert.Equal(["R1", "R2"], result.Rows.Select(r => r.Reference));
        Assert.Equal([2, 3], result.Rows.Select(r => r.RowNumber));
    }

    [Fact]
    public void Lone_carriage_returns_end_lines_too()
    {
        var content = Encoding.UTF8.GetBytes(Join("\r", [Header, "ID;05.01.2026;norsk;2;R1", "ID;06.01.2026;norsk;2;R2"]));

        var result = HourImportFile.Parse(content, allowSyntheticTestNumbers: true);

        Assert.Empty(result.Errors);
        Assert.Equal([2, 3], result.Rows.Select(r => r.RowNumber));
    }

    [Fact]
    public void Blank_lines_are_skipped_but_still_count_for_row_numbers()
    {
        var result = Parse(
            Header,
            "ID;05.01.2026;norsk;2;R1",
            "",
            "ID;06.01.2026;norsk;2;R2",
            ";;;;",
            "   \t ",
            " ; \"\" ; ;",
            "ID;07.01.2026;norsk;2;R3",
            "");

        Assert.Empty(result.Errors);
        Assert.Equal([2, 4, 8], result.Rows.Select(r => r.RowNumber));
        Assert.Equal(3, result.DataRowCount);
    }

    [Fact]
    public void Error_row_numbers_are_physical_line_numbers_after_blank_lines()
    {
        var result = Parse(Header, "", "", "ID;05.01.2026;lunsj;2;R1");

        Assert.Equal([Error(HourImportColumns.Category, HourImportErrors.UnknownCategory, row: 4)], result.Errors);
    }

    [Fact]
    public void Blank_lines_before_the_header_are_skipped()
    {
        var result = Parse("", " ; ", Header, "ID;05.01.2026;norsk;2;R1");

        Assert.Equal(4, SingleRow(result).RowNumber);
    }

    // --- Header ---

    [Theory]
    [InlineData("fødselsnummer")]
    [InlineData("fodselsnummer")]
    [InlineData("fnr")]
    [InlineData("personnummer")]
    [InlineData("national_id")]
    [InlineData("nationalid")]
    [InlineData(" FØDSELSNUMMER ")]
    [InlineData("Fnr")]
    [InlineData("National ID")]
    [InlineData("national-id")]
    public void National_id_column_is_found_by_any_of_its_names(string name)
    {
        var content = Encoding.UTF8.GetBytes($"{name};dato;kategori;timer\n{Id};05.01.2026;norsk;2");

        Assert.Equal(Id, SingleRow(HourImportFile.Parse(content, allowSyntheticTestNumbers: true)).NationalId.Value);
    }

    [Theory]
    [InlineData("dato")]
    [InlineData("date")]
    [InlineData("DATO")]
    [InlineData("  Date ")]
    public void Date_column_is_found_by_any_of_its_names(string name)
    {
        Assert.Equal(D("2026-01-05"), SingleRow(Parse($"fnr;{name};kategori;timer", "ID;05.01.2026;norsk;2")).Date);
    }

    [Theory]
    [InlineData("kategori")]
    [InlineData("category")]
    [InlineData("Kategori")]
    public void Category_column_is_found_by_any_of_its_names(string name)
    {
        Assert.Equal(HourCategory.CareerGuidance, SingleRow(Parse($"fnr;dato;{name};timer", "ID;05.01.2026;karriereveiledning;2")).Category);
    }

    [Theory]
    [InlineData("timer")]
    [InlineData("hours")]
    [InlineData("antall_timer")]
    [InlineData("Antall timer")]
    [InlineData("TIMER")]
    public void Hours_column_is_found_by_any_of_its_names(string name)
    {
        Assert.Equal(4.5m, SingleRow(Parse($"fnr;dato;kategori;{name}", "ID;05.01.2026;norsk;4,5")).Hours);
    }

    [Theory]
    [InlineData("id")]
    [InlineData("radid")]
    [InlineData("rad_id")]
    [InlineData("ref")]
    [InlineData("reference")]
    [InlineData("ID")]
    public void Reference_column_is_found_by_any_of_its_names(string name)
    {
        var content = Encoding.UTF8.GetBytes($"fnr;dato;kategori;timer;{name}\n{Id};05.01.2026;norsk;2;K-17");

        Assert.Equal("K-17", SingleRow(HourImportFile.Parse(content, allowSyntheticTestNumbers: true)).Reference);
    }

    [Fact]
    public void Unknown_columns_are_ignored_and_columns_may_come_in_any_order()
    {
        var row = SingleRow(Parse("navn;timer;kategori;klasse;dato;fnr", "Ola Nordmann;2;samfunnskunnskap;A;05.01.2026;ID"));

        Assert.Equal(Id, row.NationalId.Value);
        Assert.Equal(D("2026-01-05"), row.Date);
        Assert.Equal(HourCategory.SocialStudies, row.Category);
        Assert.Equal(2m, row.Hours);
    }

    [Fact]
    public void Reference_column_is_optional()
    {
        Assert.Null(SingleRow(Parse("fnr;dato;kategori;timer", "ID;05.01.2026;norsk;2")).Reference);
    }

    [Fact]
    public void Empty_reference_is_no_reference()
    {
        Assert.Null(ParseOneRow("ID;05.01.2026;norsk;2;  ").Reference);
    }

    [Fact]
    public void Each_missing_required_column_is_a_file_error_on_row_1_and_no_rows_are_read()
    {
        var result = Parse("fødselsnummer;navn", "ID;Ola");

        Assert.Equal(
            [
                Error(HourImportColumns.Date, HourImportErrors.MissingColumn, row: 1),
                Error(HourImportColumns.Category, HourImportErrors.MissingColumn, row: 1),
                Error(HourImportColumns.Hours, HourImportErrors.MissingColumn, row: 1),
            ],
            result.Errors);
        Assert.Empty(result.Rows);
        Assert.Equal(1, result.DataRowCount);
    }

    [Fact]
    public void A_file_without_a_header_reports_every_required_column_missing()
    {
        var result = Parse("ID;05.01.2026;norsk;2", "ID;06.01.2026;norsk;2");

        Assert.Equal(
            [HourImportColumns.NationalId, HourImportColumns.Date, HourImportColumns.Category, HourImportColumns.Hours],
            result.Errors.Select(e => e.Column));
        Assert.All(result.Errors, e => Assert.Equal(HourImportErrors.MissingColumn, e.Code));
        Assert.Empty(result.Rows);
    }

    [Fact]
    public void Two_names_for_the_same_column_are_a_file_error()
    {
        var result = Parse("fnr;fødselsnummer;dato;kategori;timer", "ID;ID;05.01.2026;norsk;2");

        Assert.Equal([Error(HourImportColumns.NationalId, HourImportErrors.DuplicateColumn, row: 1)], result.Errors);
        Assert.Empty(result.Rows);
    }

    // --- Categories ---

    [Theory]
    [InlineData("norsk", HourCategory.Norwegian)]
    [InlineData("Norsk", HourCategory.Norwegian)]
    [InlineData("norskopplæring", HourCategory.Norwegian)]
    [InlineData("NORSKOPPLÆRING", HourCategory.Norwegian)]
    [InlineData("norskopplaering", HourCategory.Norwegian)]
    [InlineData("norskopplering", HourCategory.Norwegian)]
    [InlineData("norwegian", HourCategory.Norwegian)]
    [InlineData("0", HourCategory.Norwegian)]
    [InlineData("samfunnskunnskap", HourCategory.SocialStudies)]
    [InlineData("social studies", HourCategory.SocialStudies)]
    [InlineData("social_studies", HourCategory.SocialStudies)]
    [InlineData("Social Studies", HourCategory.SocialStudies)]
    [InlineData("1", HourCategory.SocialStudies)]
    [InlineData("karriereveiledning", HourCategory.CareerGuidance)]
    [InlineData("career guidance", HourCategory.CareerGuidance)]
    [InlineData("career_guidance", HourCategory.CareerGuidance)]
    [InlineData("2", HourCategory.CareerGuidance)]
    [InlineData("arbeidsrettet", HourCategory.WorkOriented)]
    [InlineData("arbeidsrettede tiltak", HourCategory.WorkOriented)]
    [InlineData("work", HourCategory.WorkOriented)]
    [InlineData("work-oriented", HourCategory.WorkOriented)]
    [InlineData("work_oriented", HourCategory.WorkOriented)]
    [InlineData("Work-Oriented", HourCategory.WorkOriented)]
    [InlineData("3", HourCategory.WorkOriented)]
    [InlineData("utdanningsrettet", HourCategory.EducationOriented)]
    [InlineData("utdanningsrettede tiltak", HourCategory.EducationOriented)]
    [InlineData("education", HourCategory.EducationOriented)]
    [InlineData("education-oriented", HourCategory.EducationOriented)]
    [InlineData("education_oriented", HourCategory.EducationOriented)]
    [InlineData("4", HourCategory.EducationOriented)]
    [InlineData("ekstra norsk", HourCategory.ExtraNorwegian)]
    [InlineData("ekstra_norsk", HourCategory.ExtraNorwegian)]
    [InlineData("Ekstra  Norsk", HourCategory.ExtraNorwegian)]
    [InlineData("tilleggstimer norsk", HourCategory.ExtraNorwegian)]
    [InlineData("extra norwegian", HourCategory.ExtraNorwegian)]
    [InlineData("extra_norwegian", HourCategory.ExtraNorwegian)]
    [InlineData("5", HourCategory.ExtraNorwegian)]
    public void Category_spellings_are_read(string value, HourCategory expected)
    {
        Assert.Equal(expected, ParseOneRow($"ID;05.01.2026;{value};2").Category);
    }

    [Theory]
    [InlineData("lunsj")]
    [InlineData("norsk kurs")]
    [InlineData("6")]
    [InlineData("-1")]
    [InlineData("05")]
    [InlineData("3.0")]
    [InlineData("Norwegian, social studies")]
    public void Unknown_category_is_an_error_for_the_category_column(string value)
    {
        Assert.Equal([Error(HourImportColumns.Category, HourImportErrors.UnknownCategory)], ErrorsOf($"ID;05.01.2026;\"{value}\";2"));
    }

    // --- Dates ---

    [Theory]
    [InlineData("05.01.2026", "2026-01-05")]
    [InlineData("5.1.2026", "2026-01-05")]
    [InlineData("31.12.2025", "2025-12-31")]
    [InlineData("29.02.2024", "2024-02-29")]
    [InlineData("2026-01-05", "2026-01-05")]
    [InlineData("2024-02-29", "2024-02-29")]
    public void Norwegian_and_iso_dates_are_read(string value, string expected)
    {
        Assert.Equal(D(expected), ParseOneRow($"ID;{value};norsk;2").Date);
    }

    [Theory]
    [InlineData("31.02.2026")]
    [InlineData("29.02.2025")]
    [InlineData("2026-02-30")]
    [InlineData("00.01.2026")]
    [InlineData("05.13.2026")]
    [InlineData("05.01.26")]
    [InlineData("05/01/2026")]
    [InlineData("2026-1-5")]
    [InlineData("20260105")]
    [InlineData("2026.01.05")]
    [InlineData("05.01.2026 08:00")]
    [InlineData("5. januar 2026")]
    [InlineData("0000-01-01")]
    public void Anything_but_a_real_date_in_the_two_formats_is_an_error_for_the_date_column(string value)
    {
        Assert.Equal([Error(HourImportColumns.Date, HourImportErrors.InvalidDate)], ErrorsOf($"ID;{value};norsk;2"));
    }

    // --- Hours ---

    [Theory]
    [InlineData("1,5", "1.5")]
    [InlineData("1.5", "1.5")]
    [InlineData("2", "2")]
    [InlineData("0,25", "0.25")]
    [InlineData("7.75", "7.75")]
    [InlineData("2,50", "2.5")]
    [InlineData("3,0", "3")]
    public void Hours_are_read_with_comma_or_dot_and_without_trailing_zeros(string value, string expected)
    {
        Assert.Equal(expected, ParseOneRow($"ID;05.01.2026;norsk;{value}").Hours.ToString(CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("0", "0")]
    [InlineData("-1", "-1")]
    [InlineData("-0,5", "-0.5")]
    public void Zero_and_negative_hours_are_returned_for_the_business_rules_to_judge(string value, string expected)
    {
        Assert.Equal(decimal.Parse(expected, CultureInfo.InvariantCulture), ParseOneRow($"ID;05.01.2026;norsk;{value}").Hours);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("2t")]
    [InlineData("1.234,5")]
    [InlineData("1 000")]
    [InlineData("1,2,3")]
    [InlineData("1e3")]
    [InlineData("½")]
    [InlineData("kr 2")]
    public void Hours_that_are_not_a_plain_decimal_are_an_error_for_the_hours_column(string value)
    {
        Assert.Equal([Error(HourImportColumns.Hours, HourImportErrors.InvalidHours)], ErrorsOf($"ID;05.01.2026;norsk;\"{value}\""));
    }

    // --- National ids ---

    [Fact]
    public void National_id_with_wrong_check_digit_is_an_error_for_the_national_id_column()
    {
        Assert.Equal(
            [Error(HourImportColumns.NationalId, ErrorCodes.NationalIdInvalidChecksum)],
            ErrorsOf($"{WithWrongCheckDigit(Id)};05.01.2026;norsk;2"));
    }

    [Fact]
    public void National_id_of_the_wrong_length_keeps_the_national_id_error_code()
    {
        Assert.Equal(
            [Error(HourImportColumns.NationalId, ErrorCodes.NationalIdInvalidLength)],
            ErrorsOf($"{Id[..10]};05.01.2026;norsk;2"));
    }

    [Fact]
    public void Birth_number_is_accepted_when_synthetic_numbers_are_not_allowed()
    {
        var birthNumber = NationalIdWith(1, 1, 90);
        var content = Utf8File(Header, $"{birthNumber};05.01.2026;norsk;2");

        var row = SingleRow(HourImportFile.Parse(content, allowSyntheticTestNumbers: false));

        Assert.Equal(birthNumber, row.NationalId.Value);
        Assert.Equal(NationalIdKind.BirthNumber, row.NationalId.Kind);
    }

    [Fact]
    public void D_number_is_accepted()
    {
        var dNumber = NationalIdWith(15 + 40, 7, 85);
        var content = Utf8File(Header, $"{dNumber};05.01.2026;norsk;2");

        var row = SingleRow(HourImportFile.Parse(content, allowSyntheticTestNumbers: false));

        Assert.Equal(dNumber, row.NationalId.Value);
        Assert.Equal(NationalIdKind.DNumber, row.NationalId.Kind);
    }

    [Fact]
    public void Synthetic_number_is_refused_unless_allowed()
    {
        Assert.Equal(
            [Error(HourImportColumns.NationalId, ErrorCodes.NationalIdSyntheticNotAllowed)],
            ErrorsOf("ID;05.01.2026;norsk;2", allowSynthetic: false));
    }

    [Fact]
    public void Synthetic_number_is_accepted_when_allowed()
    {
        var row = SingleRow(HourImportFile.Parse(Utf8File(Header, "ID;05.01.2026;norsk;2"), allowSyntheticTestNumbers: true));

        Assert.True(row.NationalId.IsSynthetic);
    }

    [Fact]
    public void National_id_with_spaces_is_read()
    {
        Assert.Equal(Id, ParseOneRow($"\"{Id[..6]} {Id[6..]}\";05.01.2026;norsk;2").NationalId.Value);
    }

    [Fact]
    public void Full_national_id_is_never_in_the_text_of_a_row_or_an_error()
    {
        var result = Parse(Header, "ID;05.01.2026;norsk;2;R1", "ID;05.01.2026;lunsj;2;R2");

        Assert.DoesNotContain(Id, Assert.Single(result.Rows).ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Id, Assert.Single(result.Errors).ToString(), StringComparison.Ordinal);
    }

    // --- Missing values and row shapes ---

    [Theory]
    [InlineData(";05.01.2026;norsk;2", HourImportColumns.NationalId)]
    [InlineData("ID;;norsk;2", HourImportColumns.Date)]
    [InlineData("ID;\"\";norsk;2", HourImportColumns.Date)]
    [InlineData("ID;05.01.2026;  ;2", HourImportColumns.Category)]
    [InlineData("ID;05.01.2026;norsk;", HourImportColumns.Hours)]
    public void Empty_required_value_is_a_missing_value(string line, string column)
    {
        Assert.Equal([Error(column, HourImportErrors.MissingValue)], ErrorsOf(line));
    }

    [Fact]
    public void Short_row_reports_each_required_column_it_lacks()
    {
        Assert.Equal(
            [
                Error(HourImportColumns.Category, HourImportErrors.MissingValue),
                Error(HourImportColumns.Hours, HourImportErrors.MissingValue),
            ],
            ErrorsOf("ID;05.01.2026"));
    }

    [Fact]
    public void Row_lacking_only_the_reference_is_read_without_one()
    {
        Assert.Null(ParseOneRow("ID;05.01.2026;norsk;2").Reference);
    }

    [Fact]
    public void Empty_fields_beyond_the_header_are_ignored()
    {
        Assert.Equal("R1", ParseOneRow("ID;05.01.2026;norsk;2;R1;;\"\";").Reference);
    }

    [Fact]
    public void Values_beyond_the_header_are_an_error_because_a_value_was_probably_split()
    {
        // An unquoted decimal comma in a comma file: reading by position would silently take 1 hour.
        var result = Parse("fnr,dato,kategori,timer", "ID,05.01.2026,norsk,1,5");

        Assert.Equal([Error(null, HourImportErrors.TooManyFields)], result.Errors);
        Assert.Empty(result.Rows);
    }

    [Fact]
    public void Reference_longer_than_the_stored_length_is_an_error()
    {
        var reference = new string('r', HourImportFile.MaxReferenceLength + 1);

        Assert.Equal([Error(HourImportColumns.Reference, HourImportErrors.ReferenceTooLong)], ErrorsOf($"ID;05.01.2026;norsk;2;{reference}"));
    }

    [Fact]
    public void Reference_of_the_stored_length_is_read()
    {
        var reference = new string('r', HourImportFile.MaxReferenceLength);

        Assert.Equal(reference, ParseOneRow($"ID;05.01.2026;norsk;2;{reference}").Reference);
    }

    [Fact]
    public void Every_problem_in_a_row_is_reported_in_column_order()
    {
        var errors = ErrorsOf($"{WithWrongCheckDigit(Id)};31.02.2026;lunsj;mye;{new string('r', 101)}");

        Assert.Equal(
            [
                Error(HourImportColumns.NationalId, ErrorCodes.NationalIdInvalidChecksum),
                Error(HourImportColumns.Date, HourImportErrors.InvalidDate),
                Error(HourImportColumns.Category, HourImportErrors.UnknownCategory),
                Error(HourImportColumns.Hours, HourImportErrors.InvalidHours),
                Error(HourImportColumns.Reference, HourImportErrors.ReferenceTooLong),
            ],
            errors);
    }

    [Fact]
    public void Rows_with_errors_are_left_out_and_the_other_rows_are_returned()
    {
        var result = Parse(Header, "ID;05.01.2026;norsk;2;R1", "ID;06.01.2026;lunsj;2;R2", "ID;07.01.2026;norsk;2;R3");

        Assert.False(result.IsValid);
        Assert.Equal([Error(HourImportColumns.Category, HourImportErrors.UnknownCategory, row: 3)], result.Errors);
        Assert.Equal([2, 4], result.Rows.Select(r => r.RowNumber));
        Assert.Equal(3, result.DataRowCount);
    }

    // --- Size limits ---

    [Fact]
    public void Empty_file_has_no_rows()
    {
        var result = HourImportFile.Parse([], allowSyntheticTestNumbers: true);

        Assert.Equal([Error(null, HourImportErrors.NoRows, row: 0)], result.Errors);
        Assert.Equal(0, result.DataRowCount);
    }

    [Theory]
    [InlineData("\n\n")]
    [InlineData("  \r\n ; \r\n")]
    [InlineData("\uFEFF")]
    public void File_of_blank_lines_has_no_rows(string content)
    {
        var result = HourImportFile.Parse(Encoding.UTF8.GetBytes(content), allowSyntheticTestNumbers: true);

        Assert.Equal([Error(null, HourImportErrors.NoRows, row: 0)], result.Errors);
    }

    [Fact]
    public void Header_only_has_no_rows()
    {
        var result = Parse(Header, "", " ;; ");

        Assert.Equal([Error(null, HourImportErrors.NoRows, row: 0)], result.Errors);
        Assert.Empty(result.Rows);
    }

    [Fact]
    public void More_than_the_maximum_rows_is_one_file_error_and_no_rows()
    {
        var lines = Enumerable.Repeat("ID;05.01.2026;lunsj;2", HourImportFile.MaxDataRows + 1).Prepend(Header).ToArray();

        var result = Parse(lines);

        Assert.Equal([Error(null, HourImportErrors.TooManyRows, row: 0)], result.Errors);
        Assert.Empty(result.Rows);
        Assert.Equal(HourImportFile.MaxDataRows + 1, result.DataRowCount);
    }

    [Fact]
    public void Exactly_the_maximum_rows_is_read()
    {
        var lines = Enumerable.Repeat("ID;05.01.2026;norsk;2", HourImportFile.MaxDataRows).Prepend(Header).Append("").ToArray();

        var result = Parse(lines);

        Assert.Empty(result.Errors);
        Assert.Equal(HourImportFile.MaxDataRows, result.Rows.Count);
    }

    [Fact]
    public void Blank_lines_do_not_count_towards_the_maximum()
    {
        var lines = Enumerable.Repeat("ID;05.01.2026;norsk;2", HourImportFile.MaxDataRows).Prepend(Header).Append(";;;").Append("").ToArray();

        Assert.Empty(Parse(lines).Errors);
    }

    // --- Occurrence ---

    [Fact]
    public void Identical_rows_count_up_their_occurrence()
    {
        var result = Parse(Header, "ID;05.01.2026;norsk;2;", "ID;05.01.2026;norsk;2;", "ID;05.01.2026;norsk;2;");

        Assert.Equal([1, 2, 3], result.Rows.Select(r => r.Occurrence));
    }

    [Fact]
    public void Rows_differing_in_any_value_each_start_at_occurrence_1()
    {
        var result = Parse(
            Header,
            "ID;05.01.2026;norsk;2;R1",
            $"{OtherId};05.01.2026;norsk;2;R1",
            "ID;06.01.2026;norsk;2;R1",
            "ID;05.01.2026;samfunnskunnskap;2;R1",
            "ID;05.01.2026;norsk;3;R1",
            "ID;05.01.2026;norsk;2;R2",
            "ID;05.01.2026;norsk;2;");

        Assert.Empty(result.Errors);
        Assert.All(result.Rows, r => Assert.Equal(1, r.Occurrence));
        Assert.Equal(7, result.Rows.Count);
    }

    [Fact]
    public void The_same_values_written_differently_are_the_same_row_for_occurrence()
    {
        var result = Parse(
            Header,
            "ID;05.01.2026;norsk;1,5;R1",
            "ID;2026-01-05;Norskopplæring;1.50;\"R1\"",
            "ID;6.1.2026;norsk;1,5;R1",
            "ID;5.1.2026;0; 1.5 ;R1");

        Assert.Equal([1, 2, 1, 3], result.Rows.Select(r => r.Occurrence));
    }

    [Fact]
    public void Reference_case_matters_for_occurrence()
    {
        var result = Parse(Header, "ID;05.01.2026;norsk;2;r1", "ID;05.01.2026;norsk;2;R1");

        Assert.Equal([1, 1], result.Rows.Select(r => r.Occurrence));
    }
}
