using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using IntroProgram.Web.Tests.Support;

namespace IntroProgram.Web.Tests.Certificates;

/// <summary>
/// The issued PDF as a screen reader meets it: tagged, in Norwegian, with headings, paragraphs, tables and the
/// verification link in the order the document is read. Read back with poppler's pdfinfo (the structure tree), the
/// way an assistive reader walks it. Failures name what is missing, never the document's text (it holds personal data).
/// </summary>
[Collection(AppSuite.Name)]
public sealed partial class CertificateStructureTests(AppFactory app)
{
    [Fact]
    public async Task The_issued_certificate_is_a_tagged_PDF_in_Norwegian_bokmal()
    {
        var (pdf, _) = await IssuedEvidencePdfAsync();

        var info = await PdfInfoAsync(pdf);

        Assert.Matches(TaggedYes(), info);
        // The document's language, from <html lang="nb">: in the catalog, where readers look for it.
        Assert.Matches(CatalogLanguage(), Encoding.Latin1.GetString(pdf));
    }

    [Fact]
    public async Task The_structure_tree_reads_heading_holder_hours_statement_issuer_and_the_verification_link_in_order()
    {
        var (pdf, municipality) = await IssuedEvidencePdfAsync();

        var tree = StructureTree.Parse(await PdfInfoAsync(pdf, "-struct-text"));

        // The title is the one first-level heading; the two sections follow as second-level headings.
        var h1 = Assert.Single(tree.Elements, e => e.Tag == "H1");
        // (poppler joins the runs of a wrapped line without a space: compare the words of the first line only)
        Assert.StartsWith("Bekreftelse på gjennomført opplæring i norsk og", h1.Text, StringComparison.Ordinal);
        Assert.Equal(["Deltaker", "Timer"], tree.Elements.Where(e => e.Tag == "H2").Select(e => e.Text.Split(' ')[0]));
        Assert.Contains(tree.Elements, e => e.Tag == "Table");
        Assert.Contains(tree.Elements, e => e.Tag == "TH");
        Assert.True(tree.Elements.Count(e => e.Tag == "P") >= 8, "fewer than eight paragraphs are tagged");
        Assert.Contains(tree.Elements, e => e.Tag == "P" && e.Text.StartsWith("Deltakeren har gjennomført minst 550 timer", StringComparison.Ordinal));
        // The QR code is a figure with its alternative text.
        Assert.Contains(tree.Elements, e => e.Tag == "Figure");
        Assert.Matches(FigureWithAlt(), Encoding.Latin1.GetString(pdf));

        // What the participant and a reader need, in reading order: who issued it, what it is, for whom, the hours, the
        // statement, the issuer, then how to check it, with the QR code's address as a link.
        string[] order =
        [
            municipality, "Bekreftelse på gjennomført opplæring", "Deltaker", "Navn", "Tagga Lesbar", "Timer", "Norskopplæring",
            "Deltakeren har gjennomført minst 550 timer", "Utstedt av", "Test caseworker", "Kontroller at beviset",
        ];
        var positions = order.Select(tree.PositionOf).ToList();
        for (var i = 0; i < order.Length; i++)
        {
            Assert.True(positions[i] >= 0, $"the structure tree lacks text no. {i + 1} of the reading order");
            Assert.True(i == 0 || positions[i] > positions[i - 1], $"text no. {i + 1} of the reading order comes before no. {i}");
        }
        // The address may wrap onto a second line inside the link: its runs are joined back together.
        var link = Assert.Single(tree.Elements, e => e.Tag == "Link");
        Assert.Matches(VerificationUrl(), link.Text.Replace(" ", "", StringComparison.Ordinal));
        Assert.True(tree.PositionOf("http://localhost/verify/") > positions[^1], "the verification link is not read after the text that introduces it");
    }

    /// <summary>An evidence certificate issued through the caseworker's page, and its municipality's name.</summary>
    private async Task<(byte[] Pdf, string Municipality)> IssuedEvidencePdfAsync()
    {
        var world = await app.CaseworkerWorldAsync();
        using var _ = world.Client;
        var p = await app.ParticipantWithHoursAsync(world.Number, 550m, 75m, d => d with { GivenName = "Tagga", FamilyName = "Lesbar" });
        var id = CertificateTestSupport.CertificateIdFrom(await world.Client.IssueAsync(p.Id, "evidence"));
        return (await world.Client.Http.GetByteArrayAsync($"/certificates/{id}/pdf"), "Test " + world.Number);
    }

    /// <summary>pdfinfo's answer for the PDF; its own complaints on stderr (a damaged or unknown structure) fail the test.</summary>
    private static async Task<string> PdfInfoAsync(byte[] pdf, params string[] options)
    {
        var file = Path.Combine(Path.GetTempPath(), $"certificate-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(file, pdf);
        try
        {
            using var process = Process.Start(new ProcessStartInfo("pdfinfo", [.. options, file])
            {
                RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            })!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.Equal(0, process.ExitCode);
            Assert.True(errors.Length == 0, "pdfinfo reported problems with the PDF's structure: " + ErrorKinds(errors));
            return await output;
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>The kinds of pdfinfo's complaints without the text they quote.</summary>
    private static string ErrorKinds(string errors) =>
        string.Join("; ", errors.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('(')[0].Trim()).Distinct());

    /// <summary>
    /// <c>pdfinfo -struct-text</c> as a list: every structure element with its tag and the text under it, in tree
    /// order, and the text runs in reading order.
    /// </summary>
    private sealed partial class StructureTree
    {
        public sealed record Element(string Tag, string Text);

        public List<Element> Elements { get; } = [];
        public List<string> Texts { get; } = [];

        /// <summary>
        /// The index of the first text run that is <paramref name="text"/> (a label: "Utstedt av"), else of the first
        /// that starts with it (a sentence), or -1.
        /// </summary>
        public int PositionOf(string text) => Texts.IndexOf(text) is >= 0 and var exact
            ? exact
            : Texts.FindIndex(t => t.StartsWith(text, StringComparison.Ordinal));

        public static StructureTree Parse(string output)
        {
            var tree = new StructureTree();
            // Open elements by indentation; each collects the text of everything beneath it.
            var open = new List<(int Indent, string Tag, StringBuilder Text)>();
            void Close(int indent)
            {
                while (open.Count > 0 && open[^1].Indent >= indent)
                {
                    var (_, tag, text) = open[^1];
                    open.RemoveAt(open.Count - 1);
                    tree.Elements.Add(new Element(tag, text.ToString().Trim()));
                }
            }
            foreach (var line in output.Split('\n'))
            {
                var indent = line.Length - line.TrimStart().Length;
                var content = line.Trim();
                if (content.Length == 0 || content.StartsWith('/'))
                {
                    continue; // an attribute line (/Scope /Row)
                }
                if (content.StartsWith('"'))
                {
                    var text = content.Trim('"');
                    tree.Texts.Add(text);
                    foreach (var (_, _, sb) in open)
                    {
                        sb.Append(text).Append(' ');
                    }
                    continue;
                }
                Close(indent);
                open.Add((indent, TagName().Match(content).Value, new StringBuilder()));
            }
            Close(0);
            // Elements are listed as they close: innermost first, but siblings (the headings among them) in document order.
            return tree;
        }

        [GeneratedRegex(@"^[A-Za-z0-9]+")]
        private static partial Regex TagName();
    }

    [GeneratedRegex(@"(?m)^Tagged:\s+yes$")]
    private static partial Regex TaggedYes();

    [GeneratedRegex(@"/Type /Catalog(?:(?!endobj).)*?/Lang \(nb\)", RegexOptions.Singleline)]
    private static partial Regex CatalogLanguage();

    [GeneratedRegex(@"/S /Figure\s*/Alt \(QR-kode til kontrollsiden\)")]
    private static partial Regex FigureWithAlt();

    [GeneratedRegex(@"^http://localhost/verify/[A-Za-z0-9_-]+$")]
    private static partial Regex VerificationUrl();
}
