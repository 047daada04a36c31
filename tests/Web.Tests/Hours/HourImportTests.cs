using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using IntroProgram.Domain.Programme;
using IntroProgram.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static IntroProgram.Web.Tests.Hours.HoursTestSupport;

namespace IntroProgram.Web.Tests.Hours;

[Collection(AppSuite.Name)]
public sealed partial class HourImportTests(AppFactory app)
{
    private static byte[] Utf8(string text, bool bom = false) =>
        bom ? [.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(text)] : Encoding.UTF8.GetBytes(text);

    private static string Ref() => "T-" + Guid.NewGuid().ToString("N")[..12];

    private static async Task<HttpResponseMessage> UploadAsync(TestClient client, byte[] file, string fileName = "timer.csv")
    {
        var page = await client.OpenFormAsync("/hours/import");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(page.AntiforgeryTokenOfForm("/hours/import")), "__RequestVerificationToken" },
        };
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(content, "file", fileName);
        return await client.Http.PostAsync("/hours/import", form);
    }

    /// <summary>
    /// Posts the commit form as the preview page's button does, with the file as the page carries it. Without the preview
    /// page's token it is a hand-made request (a file whose preview offered no button, an old preview posted again).
    /// </summary>
    private static async Task<HttpResponseMessage> CommitAsync(TestClient client, byte[] file, string fileName = "timer.csv", string? antiforgery = null)
    {
        antiforgery ??= (await client.OpenFormAsync("/hours/import")).AntiforgeryTokenOfForm("/hours/import");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(antiforgery), "__RequestVerificationToken" },
            { new StringContent(Convert.ToBase64String(file)), "content" },
            { new StringContent(fileName), "fileName" },
        };
        return await client.Http.PostAsync("/hours/import/commit", form);
    }

    /// <summary>Uploads the file, checks the preview offers the import, and presses the button.</summary>
    private static async Task<HttpResponseMessage> PreviewAndCommitAsync(TestClient client, byte[] file)
    {
        var preview = await UploadAsync(client, file);
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var html = await preview.Content.ReadAsStringAsync();
        var content = HiddenContent().Match(html);
        Assert.True(content.Success, "The preview offers no import button.");
        Assert.Equal(Convert.ToBase64String(file), TestClient.Decode(content.Groups[1].Value));
        var page = new FormPage(TestClient.Decode(html), html, null);
        return await CommitAsync(client, file, antiforgery: page.AntiforgeryTokenOfForm("/hours/import/commit"));
    }

    private Task<int> ImportedEntriesAsync(Guid tenant, params TestParticipant[] participants)
    {
        var ids = participants.Select(p => p.Id).ToList();
        return app.InTenantAsync(tenant, db => db.HourEntries.CountAsync(e => ids.Contains(e.ParticipantId) && e.ImportBatchId != null));
    }

    [Fact]
    public async Task The_upload_page_documents_the_file_format()
    {
        using var client = await app.SignedInAsync();

        var page = (await client.OpenFormAsync("/hours/import")).Html;

        Assert.Contains("fødselsnummer;dato;kategori;timer;id", page, StringComparison.Ordinal);
        Assert.Contains("accept=\".csv,text/csv\"", page, StringComparison.Ordinal);
        Assert.Contains("samfunnskunnskap", page, StringComparison.Ordinal);
        Assert.Contains("UTF-8", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_semicolon_file_with_decimal_commas_and_a_bom_is_previewed_and_imported()
    {
        var a = await app.NewParticipantAsync();
        var b = await app.NewParticipantAsync();
        var day = Norwegian(Today.AddDays(-3));
        var file = Utf8($"""
            fødselsnummer;dato;kategori;timer;id
            {a.NationalId};{day};norsk;2,5;{Ref()}
            {a.NationalId};{day};samfunnskunnskap;1,25;{Ref()}
            {b.NationalId};{day};Norskopplæring;3;{Ref()}
            """, bom: true);
        using var client = await app.SignedInAsync();

        var preview = await UploadAsync(client, file);
        var html = await preview.BodyAsync();
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.Matches(@"<dt>Nye rader</dt><dd>3</dd>", html);
        Assert.Matches(@"<dt>Nye timer</dt><dd>6,75</dd>", html);
        Assert.Contains(NameOf(a), html, StringComparison.Ordinal);
        Assert.DoesNotContain(a.NationalId, html, StringComparison.Ordinal); // shown masked, never in full
        Assert.Contains("Importer 3 rader", html, StringComparison.Ordinal);
        Assert.Empty(await app.EntriesAsync(a)); // a preview writes nothing

        var commit = await PreviewAndCommitAsync(client, file);

        var batchId = commit.RedirectId("/hours/import/");
        var entries = await app.EntriesAsync(a);
        Assert.Equal(2, entries.Count);
        Assert.All(entries, e => Assert.Equal(batchId, e.ImportBatchId));
        var totals = await app.TotalsAsync(a);
        Assert.Equal((2.5m, 1.25m), (totals.NorwegianHours, totals.SocialStudiesHours));
        Assert.Equal(3m, (await app.TotalsAsync(b)).NorwegianHours);
        var receipt = TestClient.Decode(await client.GetPageAsync($"/hours/import/{batchId}"));
        Assert.Contains("timer.csv", receipt, StringComparison.Ordinal);
        Assert.Matches(@"<dt>Importerte rader</dt><dd>3</dd>", receipt);
        Assert.Contains("<dt>Importert av</dt><dd>Kari Nordmann</dd>", receipt, StringComparison.Ordinal);
        await app.AssertTotalsMatchLedgerAsync(a.TenantId);
    }

    [Fact]
    public async Task A_comma_separated_file_is_imported()
    {
        var p = await app.NewParticipantAsync();
        var file = Utf8($"""
            fødselsnummer,dato,kategori,timer
            {p.NationalId},{Iso(Today.AddDays(-1))},karriereveiledning,"1,5"
            {p.NationalId},{Iso(Today.AddDays(-2))},arbeidsrettet,2.25
            """);
        using var client = await app.SignedInAsync();

        var commit = await PreviewAndCommitAsync(client, file);

        commit.RedirectId("/hours/import/");
        var totals = await app.TotalsAsync(p);
        Assert.Equal((1.5m, 2.25m), (totals.CareerGuidanceHours, totals.WorkOrientedHours));
        await app.AssertTotalsMatchLedgerAsync(p.TenantId);
    }

    [Fact]
    public async Task The_preview_lists_each_problem_with_its_row_and_column()
    {
        var p = await app.NewParticipantAsync();
        var stranger = TestNationalIds.For(new DateOnly(1985, 3, 14));
        var day = Norwegian(Today.AddDays(-1));
        var file = Utf8($"""
            fødselsnummer;dato;kategori;timer
            {stranger};{day};norsk;2
            {p.NationalId};31.02.2026;norsk;2
            {p.NationalId};{day};norsk;to
            {p.NationalId};{day};norsk;0,3
            {p.NationalId};{day};norsk;1
            """);
        using var client = await app.SignedInAsync();

        var response = await UploadAsync(client, file);

        var html = await response.BodyAsync();
        Assert.Contains("Rad 2, kolonne fødselsnummer: Ingen deltaker i kommunen har dette fødselsnummeret.", html, StringComparison.Ordinal);
        Assert.Contains("Rad 3, kolonne dato: Ikke en gyldig dato (dd.mm.åååå eller åååå-mm-dd).", html, StringComparison.Ordinal);
        Assert.Contains("Rad 4, kolonne timer: Ikke et tall.", html, StringComparison.Ordinal);
        Assert.Contains("Rad 5, kolonne timer: Timer føres i kvarter: 0,25, 0,5, 0,75 osv.", html, StringComparison.Ordinal);
        Assert.Matches(@"<dt>Avvist</dt><dd>4</dd>", html);
        Assert.Matches(@"<dt>Nye rader</dt><dd>1</dd>", html);
        Assert.DoesNotContain(stranger, html, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"content\"", html, StringComparison.Ordinal); // no import button
        Assert.Contains("Filen kan ikke importeres før alle feil er rettet.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_row_dated_after_the_last_day_the_programme_can_run_is_refused()
    {
        var p = await app.NewParticipantAsync(change: d => d.StartingOn(Today.AddYears(-3).AddDays(-10))); // its maximum duration ran out about ten days ago
        var file = Utf8($"""
            fødselsnummer;dato;kategori;timer
            {p.NationalId};{Norwegian(Today.AddDays(-30))};norsk;2
            {p.NationalId};{Norwegian(Today.AddDays(-1))};norsk;2
            """);
        using var client = await app.SignedInAsync();

        var response = await CommitAsync(client, file);

        await response.AssertRefusedWithAsync("Filen har feil. Ingenting ble importert.");
        Assert.Contains("Rad 3, kolonne dato: Datoen er etter den siste dagen programmet kan vare", await response.BodyAsync(), StringComparison.Ordinal);
        Assert.Empty(await app.EntriesAsync(p));
        await app.AssertTotalsMatchLedgerAsync(p.TenantId);
    }

    [Fact]
    public async Task Committing_a_file_with_any_error_writes_nothing()
    {
        var p = await app.NewParticipantAsync();
        var file = Utf8($"""
            fødselsnummer;dato;kategori;timer
            {p.NationalId};{Norwegian(Today.AddDays(-1))};norsk;2
            {p.NationalId};{Norwegian(Today.AddDays(-2))};norsk;3
            {p.NationalId};{Norwegian(Today.AddDays(5))};norsk;1
            """);
        using var client = await app.SignedInAsync();

        var response = await CommitAsync(client, file);

        await response.AssertRefusedWithAsync("Filen har feil. Ingenting ble importert.");
        Assert.Contains("Rad 4, kolonne dato: Datoen er fram i tid.", await response.BodyAsync(), StringComparison.Ordinal);
        Assert.Empty(await app.EntriesAsync(p));
        await app.AssertTotalsMatchLedgerAsync(p.TenantId);
    }

    [Fact]
    public async Task Rows_that_together_exceed_24_hours_a_day_are_refused()
    {
        var p = await app.NewParticipantAsync();
        var day = Norwegian(Today.AddDays(-1));
        var file = Utf8($"""
            fødselsnummer;dato;kategori;timer
            {p.NationalId};{day};norsk;20
            {p.NationalId};{day};samfunnskunnskap;5
            """);
        using var client = await app.SignedInAsync();

        var response = await UploadAsync(client, file);

        Assert.Contains("Rad 3, kolonne timer: Deltakeren ville fått mer enn 24 timer denne dagen.", await response.BodyAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Importing_the_same_file_again_adds_nothing_and_shows_the_first_import()
    {
        var p = await app.NewParticipantAsync();
        var file = Utf8($"""
            fødselsnummer;dato;kategori;timer
            {p.NationalId};{Norwegian(Today.AddDays(-1))};norsk;2
            {p.NationalId};{Norwegian(Today.AddDays(-1))};norsk;2
            """);
        using var client = await app.SignedInAsync();
        var first = (await PreviewAndCommitAsync(client, file)).RedirectId("/hours/import/");

        var preview = await (await UploadAsync(client, file)).BodyAsync();
        var second = await CommitAsync(client, file);

        Assert.Contains("Denne filen ble importert", preview, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"content\"", preview, StringComparison.Ordinal);
        second.AssertRedirectTo($"/hours/import/{first}");
        Assert.Contains("Ingenting nytt ble lagt til.", TestClient.Decode(await client.GetPageAsync($"/hours/import/{first}")), StringComparison.Ordinal);
        Assert.Equal(2, await ImportedEntriesAsync(p.TenantId, p));
        Assert.Equal(4m, (await app.TotalsAsync(p)).NorwegianHours);
        await app.AssertTotalsMatchLedgerAsync(p.TenantId);
    }

    [Fact]
    public async Task A_new_file_with_rows_imported_before_imports_only_the_new_rows()
    {
        var p = await app.NewParticipantAsync();
        var (r1, r2, r3) = (Ref(), Ref(), Ref());
        var day1 = Norwegian(Today.AddDays(-3));
        var day2 = Norwegian(Today.AddDays(-2));
        using var client = await app.SignedInAsync();
        (await PreviewAndCommitAsync(client, Utf8($"""
            fødselsnummer;dato;kategori;timer;id
            {p.NationalId};{day1};norsk;2;{r1}
            {p.NationalId};{day1};norsk;1;{r2}
            """))).RedirectId("/hours/import/");
        var bigger = Utf8($"""
            fødselsnummer;dato;kategori;timer;id
            {p.NationalId};{day1};norsk;2;{r1}
            {p.NationalId};{day1};norsk;1;{r2}
            {p.NationalId};{day2};norsk;4;{r3}
            """);

        var preview = await (await UploadAsync(client, bigger)).BodyAsync();
        var batch = (await PreviewAndCommitAsync(client, bigger)).RedirectId("/hours/import/");

        Assert.Matches(@"<dt>Allerede importert</dt><dd>2</dd>", preview);
        Assert.Contains("Importer 1 rader", preview, StringComparison.Ordinal);
        Assert.Equal(3, await ImportedEntriesAsync(p.TenantId, p));
        Assert.Equal(7m, (await app.TotalsAsync(p)).NorwegianHours);
        var receipt = TestClient.Decode(await client.GetPageAsync($"/hours/import/{batch}"));
        Assert.Matches(@"<dt>Importerte rader</dt><dd>1</dd>", receipt);
        Assert.Matches(@"<dt>Hoppet over \(importert før\)</dt><dd>2</dd>", receipt);
        await app.AssertTotalsMatchLedgerAsync(p.TenantId);
    }

    [Fact]
    public async Task Uploading_without_a_file_is_refused()
    {
        using var client = await app.SignedInAsync();

        var response = await UploadAsync(client, []);

        await response.AssertRefusedWithAsync("Velg en CSV-fil.");
    }

    [Fact]
    public async Task A_large_file_shows_its_counts_and_only_the_first_500_rows_with_problems()
    {
        var p = await app.NewParticipantAsync();
        var text = new StringBuilder("fødselsnummer;dato;kategori;timer\n");
        for (var i = 0; i < 1200; i++)
        {
            // 200 valid rows (0.25 h on different days), then 1,000 rows with a bad date.
            text.Append(p.NationalId).Append(';')
                .Append(i < 200 ? Norwegian(Today.AddDays(-(i % 50))) : "32.01.2026").Append(";norsk;0,25\n");
        }
        using var client = await app.SignedInAsync();

        var html = await (await UploadAsync(client, Utf8(text.ToString()))).BodyAsync();

        Assert.Matches(@"<dt>Avvist</dt><dd>1000</dd>", html);
        Assert.Matches(@"<dt>Nye rader</dt><dd>200</dd>", html);
        Assert.Equal(500, TableRow().Count(html));
        Assert.Contains("Rad 701, kolonne dato", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Rad 702, kolonne dato", html, StringComparison.Ordinal);
    }

    [GeneratedRegex("name=\"content\" value=\"([^\"]+)\"")]
    private static partial Regex HiddenContent();

    [GeneratedRegex("<th scope=\"row\" class=\"num\">")]
    private static partial Regex TableRow();
}
