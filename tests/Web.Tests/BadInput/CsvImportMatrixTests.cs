using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using IntroProgram.Domain.Certificates;
using IntroProgram.Web.Tests.Certificates;
using IntroProgram.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;
using static IntroProgram.Web.Tests.Hours.HoursTestSupport;

namespace IntroProgram.Web.Tests.BadInput;

/// <summary>
/// The CSV hour import with broken files and hostile values in every column, and the verification upload with files
/// that are not the certificate: never a 500, a refused file saves nothing, and the preview escapes what it shows.
/// </summary>
[Collection(AppSuite.Name)]
public sealed partial class CsvImportMatrixTests(AppFactory app, ITestOutputHelper output)
{
    private const string Header = "fødselsnummer;dato;kategori;timer;id";

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static string Ref() => "B-" + Guid.NewGuid().ToString("N")[..12];

    private static string Yesterday => Today.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Broken files, each with the message the preview must give (bokmål), or null where any refusal will do.</summary>
    private static IEnumerable<(string Label, byte[] File, string? Message)> BrokenFiles(string nationalId)
    {
        var row = $"{nationalId};{Yesterday};norsk;0,25;{Ref()}";
        yield return ("empty file", [], "Velg en CSV-fil.");
        yield return ("header only", Utf8(Header + "\n"), "Filen har ingen rader med timer.");
        yield return ("unbalanced quotes", Utf8($"{Header}\n\"{nationalId};{Yesterday};norsk;0,25;{Ref()}\n"), null);
        yield return ("pipe separated", Utf8(Header.Replace(';', '|') + "\n" + row.Replace(';', '|') + "\n"), null);
        yield return ("missing hours column", Utf8($"fødselsnummer;dato;kategori\n{nationalId};{Yesterday};norsk\n"), null);
        yield return ("missing columns in a row", Utf8($"{Header}\n{nationalId};{Yesterday}\n"), null);
        yield return ("too many fields in a row", Utf8($"{Header}\n{row};1,5;x\n"), null);
        var garbage = new byte[4096];
        new Random(2026).NextBytes(garbage);
        yield return ("binary garbage", garbage, null);
        yield return ("NUL bytes", Utf8($"{Header}\n{nationalId}\0;{Yesterday};norsk;0,25;{Ref()}\n"), null);
        yield return ("UTF-16 with BOM", [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes($"{Header}\n{nationalId};{Yesterday};norsk;0,25;{Ref()}\n")], null);
        yield return ("a PDF instead of CSV", Utf8("%PDF-1.7\n%âãÏÓ\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"), null);
        var big = new StringBuilder(Header + "\n");
        while (big.Length <= 2 * 1024 * 1024)
        {
            big.Append(nationalId).Append(';').Append(Yesterday).Append(";norsk;0,25;").Append(Ref()).Append('\n');
        }
        yield return ("just over 2 MB", Utf8(big.ToString()), "Filen er større enn 2 MB.");
    }

    private static readonly string[] Columns = ["fødselsnummer", "dato", "kategori", "timer", "id"];

    [Fact]
    public async Task Broken_files_are_refused_with_a_message_and_nothing_is_imported()
    {
        var p = await app.NewParticipantAsync();
        using var client = await app.SignedInAsync();
        var failures = new List<string>();
        var tried = 0;
        foreach (var (label, file, message) in BrokenFiles(p.NationalId))
        {
            tried++;
            failures.AddRange(await TryFileAsync(client, p.TenantId, label, file, "timer.csv", mustRefuse: true, message));
        }
        Report(tried, failures, "broken CSV files");
    }

    [Fact]
    public async Task Hostile_values_in_every_column_never_give_a_500_a_half_import_or_unescaped_markup()
    {
        var p = await app.NewParticipantAsync();
        using var client = await app.SignedInAsync();
        var failures = new List<string>();
        var tried = 0;
        foreach (var column in Columns)
        {
            foreach (var value in HostileValues.All)
            {
                tried++;
                var cells = new[] { p.NationalId, Yesterday, "norsk", "0,25", Ref() };
                cells[Array.IndexOf(Columns, column)] = value.Text;
                var file = Utf8($"{Header}\n{string.Join(';', cells)}\n");
                // The school's own row id is optional and free text; every other column must refuse every hostile value.
                var mustRefuse = column != "id" || HostileValues.MustRefuse(FieldKind.Text, false, value);
                failures.AddRange(await TryFileAsync(client, p.TenantId, $"column {column} · {value.Label}", file, "timer.csv", mustRefuse, null));
            }
        }
        Report(tried, failures, "(column, value) CSV inputs");
    }

    [Fact]
    public async Task A_file_over_the_request_limit_is_refused_without_a_500()
    {
        using var client = await app.SignedInAsync();
        var tenant = await app.MunicipalityIdAsync(Bergen);
        var matrix = new FormMatrix(app);
        var before = await matrix.SnapshotAsync(tenant, []);

        var response = await UploadAsync(client, new byte[5 * 1024 * 1024], "timer.csv");

        Assert.True((int)response.StatusCode is >= 400 and < 500, $"answered {(int)response.StatusCode}");
        Assert.Equal(before, await matrix.SnapshotAsync(tenant, []));
        output.WriteLine("1 file over the request limit tried");
    }

    [Fact]
    public async Task A_latin1_file_is_read_and_a_hostile_file_name_is_stored_as_given_and_shown_escaped()
    {
        var p = await app.NewParticipantAsync();
        using var client = await app.SignedInAsync();
        var file = Encoding.Latin1.GetBytes($"fødselsnummer;dato;kategori;timer;id\n{p.NationalId};{Yesterday};samfunnskunnskap;0,25;{Ref()}\n");
        // The app keeps only the last path segment of a file name (Path.GetFileName), so the markup is one without a slash;
        // a multipart file name cannot hold a double quote.
        var name = "<img src=x onerror=alert(1)>.csv";

        var preview = await UploadAsync(client, file, name);
        var previewBody = await preview.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.Null(HostileValues.UnescapedMarkup(previewBody));
        var committed = await CommitAsync(client, file, name, AntiforgeryOf(previewBody, "/hours/import/commit"));

        var batch = committed.RedirectId("/hours/import/");
        var receipt = await client.GetAsync($"/hours/import/{batch}");
        var receiptBody = await receipt.Content.ReadAsStringAsync();
        Assert.Null(HostileValues.UnescapedMarkup(receiptBody));
        var stored = await app.InTenantAsync(p.TenantId, db => db.ImportBatches.Where(b => b.Id == batch).Select(b => b.FileName).SingleAsync());
        Assert.Equal(name, stored);
        Assert.Equal(0.25m, (await app.EntriesAsync(p)).Single().Hours);
    }

    [Fact]
    public async Task Verification_upload_of_files_that_are_not_the_certificate_never_answers_500()
    {
        var world = await app.CaseworkerWorldAsync();
        world.Client.Dispose();
        var p = await app.ParticipantWithHoursAsync(world.Number, 550m, 75m);
        var issued = await app.IssueDirectAsync(world.TenantId, p.Id, CertificateKind.PermanentResidenceEvidence, world.Caseworker.Id);
        Assert.True(issued.Succeeded);
        var code = (await app.CertificateAsync(world.TenantId, issued.Id!.Value)).VerificationCode;
        using var client = app.CreateTestClient();
        var page = await client.GetPageAsync($"/verify/{code}");
        var token = TestClient.AntiforgeryToken(page);
        var garbage = new byte[2048];
        new Random(7).NextBytes(garbage);
        var files = new (string Label, byte[] File, string Name)[]
        {
            ("empty", [], "bevis.pdf"),
            ("binary garbage", garbage, "bevis.pdf"),
            ("CSV text", Utf8("a;b\n1;2\n"), "bevis.pdf"),
            ("script file name", Utf8("%PDF-1.4\n%%EOF\n"), HostileValues.Script + ".pdf"),
            ("over 5 MB", new byte[5 * 1024 * 1024 + 10], "bevis.pdf"),
        };
        var failures = new List<string>();
        foreach (var (label, file, name) in files)
        {
            using var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
            var content = new ByteArrayContent(file);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            form.Add(content, "document", name);
            var response = await client.Http.PostAsync($"/verify/{code}", form);
            var body = await response.Content.ReadAsStringAsync();
            if ((int)response.StatusCode >= 500)
            {
                failures.Add($"{label}: answered {(int)response.StatusCode}");
            }
            if (HostileValues.UnescapedMarkup(body) is { } marker)
            {
                failures.Add($"{label}: renders {marker} unescaped");
            }
            if (response.StatusCode == HttpStatusCode.OK && body.Contains("<p class=\"ds-alert\" data-color=\"success\"", StringComparison.Ordinal))
            {
                failures.Add($"{label}: was taken for the certificate");
            }
        }
        foreach (var value in new[] { HostileValues.Script, "'; DROP TABLE certificates;--", "%", "\u202Eabc", "😀" })
        {
            var response = await client.GetAsync("/verify/" + Uri.EscapeDataString(value));
            if ((int)response.StatusCode >= 500 || HostileValues.UnescapedMarkup(await response.Content.ReadAsStringAsync()) is not null)
            {
                failures.Add($"code {HostileValues.Show(value)}: answered {(int)response.StatusCode} or rendered it unescaped");
            }
        }
        Report(files.Length + 5, failures, "verification uploads and codes");
    }

    private void Report(int tried, List<string> failures, string what)
    {
        output.WriteLine($"{tried} {what} tried, {failures.Count} problems.");
        foreach (var failure in failures)
        {
            output.WriteLine(failure);
        }
        Assert.Empty(failures);
    }

    /// <summary>Previews the file and commits it as a hand-made post; judges both answers and the rows.</summary>
    private async Task<List<string>> TryFileAsync(TestClient client, Guid tenant, string label, byte[] file, string fileName, bool mustRefuse, string? message)
    {
        var failures = new List<string>();
        var matrix = new FormMatrix(app);
        var before = await matrix.SnapshotAsync(tenant, []);

        var preview = await UploadAsync(client, file, fileName);
        var previewBody = await preview.Content.ReadAsStringAsync();
        var offered = preview.StatusCode == HttpStatusCode.OK && HiddenContent().IsMatch(previewBody);
        if ((int)preview.StatusCode >= 500)
        {
            failures.Add($"{label}: the preview answered {(int)preview.StatusCode}");
        }
        if (HostileValues.UnescapedMarkup(previewBody) is { } marker)
        {
            failures.Add($"{label}: the preview renders {marker} unescaped");
        }
        if (await matrix.SnapshotAsync(tenant, []) != before)
        {
            failures.Add($"{label}: the preview saved something");
        }
        if (mustRefuse && offered)
        {
            failures.Add($"{label}: the preview offers to import it");
        }
        if (!offered)
        {
            var text = TestClient.Decode(previewBody);
            // A file whose rows were all imported before says so instead of listing errors.
            if (!previewBody.Contains("class=\"ds-error-summary\"", StringComparison.Ordinal) && !text.Contains("Rad ", StringComparison.Ordinal)
                && !text.Contains("importert før", StringComparison.Ordinal) && !(message is not null && text.Contains(message, StringComparison.Ordinal)))
            {
                failures.Add($"{label}: the preview refuses ({(int)preview.StatusCode}) without a message: "
                    + HostileValues.Show(Regex.Replace(text, "<[^>]+>|\\s+", " ").Trim()));
            }
            if (message is not null && !text.Contains(message, StringComparison.Ordinal))
            {
                failures.Add($"{label}: the preview does not say \"{message}\"");
            }
        }

        // The commit is posted whatever the preview offered, as a hand-made request would be.
        var commit = await CommitAsync(client, file, fileName, TestClient.AntiforgeryToken(await client.GetPageAsync("/hours/import")));
        var commitBody = await commit.Content.ReadAsStringAsync();
        if ((int)commit.StatusCode >= 500)
        {
            failures.Add($"{label}: the commit answered {(int)commit.StatusCode}");
        }
        if (HostileValues.UnescapedMarkup(commitBody) is { } commitMarker)
        {
            failures.Add($"{label}: the commit renders {commitMarker} unescaped");
        }
        var committed = commit.StatusCode == HttpStatusCode.Redirect;
        if (committed && commit.Headers.Location?.OriginalString is { } receipt)
        {
            var shown = await (await client.GetAsync(receipt)).Content.ReadAsStringAsync();
            if (HostileValues.UnescapedMarkup(shown) is { } receiptMarker)
            {
                failures.Add($"{label}: the receipt renders {receiptMarker} unescaped");
            }
        }
        if (committed && mustRefuse)
        {
            failures.Add($"{label}: the commit imported it");
        }
        if (!committed)
        {
            if (commit.StatusCode == HttpStatusCode.BadRequest && !commitBody.Contains("class=\"ds-error-summary\"", StringComparison.Ordinal))
            {
                failures.Add($"{label}: the commit refuses without a message");
            }
            if (await matrix.SnapshotAsync(tenant, []) != before)
            {
                failures.Add($"{label}: the refused commit saved something");
            }
        }
        return failures;
    }

    private static async Task<HttpResponseMessage> UploadAsync(TestClient client, byte[] file, string fileName)
    {
        var token = TestClient.AntiforgeryToken(await client.GetPageAsync("/hours/import"));
        using var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(content, "file", fileName);
        return await client.Http.PostAsync("/hours/import", form);
    }

    private static async Task<HttpResponseMessage> CommitAsync(TestClient client, byte[] file, string fileName, string antiforgery)
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent(antiforgery), "__RequestVerificationToken" },
            { new StringContent(Convert.ToBase64String(file)), "content" },
            { new StringContent(fileName), "fileName" },
        };
        return await client.Http.PostAsync("/hours/import/commit", form);
    }

    private static string AntiforgeryOf(string html, string action) => new FormPage(TestClient.Decode(html), html, null).AntiforgeryTokenOfForm(action);

    [GeneratedRegex("name=\"content\"[^>]*value=\"([^\"]*)\"")]
    private static partial Regex HiddenContent();
}
