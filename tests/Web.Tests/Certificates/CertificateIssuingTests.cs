using System.Net;
using System.Security.Cryptography;
using IntroProgram.Domain.Auditing;
using IntroProgram.Domain.Certificates;
using IntroProgram.Domain.Ledger;
using IntroProgram.Domain.Participants;
using IntroProgram.Domain.Programme;
using IntroProgram.Web.Tests.Participants;
using IntroProgram.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace IntroProgram.Web.Tests.Certificates;

/// <summary>Eligibility at the boundaries, issuing through the caseworker's page, the PDF's content and its immutability.</summary>
[Collection(AppSuite.Name)]
public sealed class CertificateIssuingTests(AppFactory app)
{
    private static DateOnly Today => CertificateTestSupport.Today;

    [Fact]
    public async Task Evidence_is_refused_at_549_75_hours_of_Norwegian_with_the_missing_quarter_hour_shown()
    {
        var world = await app.CaseworkerWorldAsync();
        using var _ = world.Client;
        var p = await app.ParticipantWithHoursAsync(world.Number, 549.75m, 75m);

        var response = await world.Client.IssueAsync(p.Id, "evidence");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = TestClient.Decode(await response.Content.ReadAsStringAsync());
        Assert.Contains("Mangler 0,25 timer norskopplæring innen fristen.", html);
        Assert.Contains("For få timer norskopplæring innen fristen.", html);
        Assert.Equal(0, await app.InTenantAsync(world.TenantId, db => db.Certificates.CountAsync()));
    }

    [Fact]
    public async Task Evidence_is_issued_at_exactly_550_hours_and_the_rule_sets_75_hours_of_social_studies()
    {
        var world = await app.CaseworkerWorldAsync();
        using var _ = world.Client;
        var p = await app.ParticipantWithHoursAsync(world.Number, 550m, 75m);

        var id = CertificateTestSupport.CertificateIdFrom(await world.Client.IssueAsync(p.Id, "evidence"));

        var certificate = await app.CertificateAsync(world.TenantId, id);
        Assert.Equal(CertificateKind.PermanentResidenceEvidence, certificate.Kind);
        Assert.Equal(550m, certificate.NorwegianHours);
        Assert.Equal(75m, certificate.SocialStudiesHours);
        Assert.Equal($"{world.Number}-{Today.Year}-00001", certificate.Number);
    }

    [Fact]
    public async Task Hours_dated_one_day_after_the_evidence_deadline_do_not_count()
    {
        var world = await app.CaseworkerWorldAsync();
        using var _ = world.Client;
        // Started three years and ten days ago: the evidence deadline was eleven days ago.
        var start = Today.AddYears(-3).AddDays(-10);
        var p = await app.CreateParticipantAsync(world.Number, d => d with
        {
            PermitDate = start.AddDays(-60), SettlementDate = start.AddDays(-30), ProgrammeStart = start,
        });
        var deadline = await app.InTenantAsync(world.TenantId, db => db.Participants.Where(x => x.Id == p.Id).Select(x => x.EvidenceDeadline).SingleAsync());
        Assert.Equal(start.AddYears(3).AddDays(-1), deadline);
        await app.GiveHoursAsync(p, HourCategory.Norwegian, 549.75m, deadline!.Value.AddDays(-1));
        await app.GiveHoursAsync(p, HourCategory.SocialStudies, 75m, deadline.Value.AddDays(-60));
        // The last quarter hour is dated the day after the deadline (recorded late, as a correction would be).
        await app.InTenantAsync(world.TenantId, async db =>
        {
            db.HourEntries.Add(new HourLedgerEntry
            {
                Id = Guid.NewGuid(), ParticipantId = p.Id, Date = deadline.Value.AddDays(1), Category = HourCategory.Norwegian,
                Hours = 0.25m, Source = EntrySource.Manual, RecordedAt = TestClock.Now,
            });
            return await db.SaveChangesAsync();
        });

        var refused = await world.Client.IssueAsync(p.Id, "evidence");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("Mangler 0,25 timer norskopplæring innen fristen.", TestClient.Decode(await refused.Content.ReadAsStringAsync()));

        // The same quarter hour on the deadline itself counts.
        await app.LogHoursAsync(p, deadline.Value, HourCategory.Norwegian, 0.25m);
        CertificateTestSupport.CertificateIdFrom(await world.Client.IssueAsync(p.Id, "evidence"));
    }

    [Fact]
    public async Task The_evidence_PDF_carries_the_name_with_Norwegian_letters_the_hours_and_the_number()
    {
        var world = await app.CaseworkerWorldAsync();
        using var _ = world.Client;
        var p = await app.ParticipantWithHoursAsync(world.Number, 560.5m, 77m, d => d with { GivenName = "Åse Bjørg", FamilyName = "Ærlighetsdal" });

        var id = CertificateTestSupport.CertificateIdFrom(await world.Client.IssueAsync(p.Id, "evidence"));
        var pdf = await world.Client.Http.GetByteArrayAsync($"/certificates/{id}/pdf");
        var text = await CertificateTestSupport.PdfTextAsync(pdf);

        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(pdf, 0, 5));
        Assert.Contains("Åse Bjørg Ærlighetsdal", text);
        Assert.Contains("Bekreftelse på gjennomført opplæring i norsk og samfunnskunnskap", text);
        Assert.Contains($"{world.Number}-{Today.Year}-00001", text);
        Assert.Contains("560,5", text);
        Assert.Contains("77", text);
        Assert.Contains(p.NationalId, text);
        Assert.Contains("Test caseworker", text);
        Assert.Contains("/verify/", text);
    }

    [Fact]
    public async Task An_Arabic_script_name_is_written_into_the_PDF_as_text()
    {
        var world = await app.CaseworkerWorldAsync();
        using var _ = world.Client;
        // pdftotext reads the lam + alef maksura ligature back in the wrong order, so the name avoids that pair:
        // the check is about the PDF carrying shaped Arabic text, not about poppler's ligature table.
        var p = await app.ParticipantWithHoursAsync(world.Number, 20m, 5m, d => d with { GivenName = "سمير", FamilyName = "حداد" });
        await app.EndProgrammeAsync(p, world.Caseworker.Id, Today.AddDays(-1), ParticipantStatus.Exited);

        var id = CertificateTestSupport.CertificateIdFrom(await world.Client.IssueAsync(p.Id, "participation"));
        var text = await CertificateTestSupport.PdfTextAsync(await world.Client.Http.GetByteArrayAsync($"/certificates/{id}/pdf"));

        Assert.Contains("سمير", text);
        Assert.Contains("حداد", text);
        Assert.Contains("Deltakerbevis", text);
        Assert.Contains("Avbrutt", text);
    }

    [Fact]
    public async Task Every_download_returns_the_same_stored_bytes_and_their_hash_is_stored()
    {
        var world = await app.CaseworkerWorldAsync();
        using var _ = world.Client;
        var p = await app.ParticipantWithHoursAsync(world.Number, 550m, 75m);
        var id = CertificateTestSupport.CertificateIdFrom(await world.Client.IssueAsync(p.Id, "evidence"));

        var first = await world.Client.Http.GetByteArrayAsync($"/certificates/{id}/pdf");
        await Task.Delay(1100); // a regenerated PDF would carry a different creation time
        var second = await world.Client.Http.GetByteArrayAsync($"/certificates/{id}/pdf");
        var stored = await app.CertificateAsync(world.TenantId, id);

        Assert.Equal(first, second);
        Assert.Equal(stored.Pdf, first);
        Assert.Equal(SHA256.HashData(first), stored.Sha256);
        var downloads = await app.InTenantAsync(world.TenantId, db => db.AuditEvents
            .CountAsync(e => e.Action == AuditAction.Download && e.RecordType == "Certificate" && e.RecordId == id.ToString()));
        Assert.Equal(2, downloads);
    }

    [Fact]
    public async Task An_issued_certificate_cannot_be_rewritten_in_the_database_only_revoked()
    {
        var world = await app.CaseworkerWorldAsync();
        using var _ = world.Client;
        var p = await app.ParticipantWithHoursAsync(world.Number, 550m, 75m);
        var id = CertificateTestSupport.CertificateIdFrom(await world.Client.IssueAsync(p.Id, "evidence"));

        var error = await Assert.ThrowsAnyAsync<Exception>(() => app.InTenantAsync(world.TenantId, db =>
            db.Certificates.Where(c => c.Id == id).ExecuteUpdateAsync(s => s.SetProperty(c => c.NorwegianHours, 600m))));
        var delete = await Assert.ThrowsAnyAsync<Exception>(() => app.InTenantAsync(world.TenantId, db =>
            db.Certificates.Where(c => c.Id == id).ExecuteDeleteAsync()));

        Assert.Contains("23514", error.ToString()); // the trigger: only the revocation columns may change
        Assert.Contains("42501", delete.ToString()); // the app role may not delete certificates
        Assert.Equal(550m, (await app.CertificateAsync(world.TenantId, id)).NorwegianHours);
    }

    [Fact]
    public async Task A_participant_under_the_2003_act_needs_50_hours_of_social_studies()
    {
        var world = await app.CaseworkerWorldAsync();
        using var _ = world.Client;
        var start = new DateOnly(2020, 11, 2);
        var p = await app.CreateParticipantAsync(world.Number, d => d with
        {
            PermitDate = new DateOnly(2020, 9, 1), SettlementDate = new DateOnly(2020, 10, 1), ProgrammeStart = start,
        });
        await app.GiveHoursAsync(p, HourCategory.Norwegian, 550m, new DateOnly(2022, 6, 30));
        await app.GiveHoursAsync(p, HourCategory.SocialStudies, 50m, new DateOnly(2021, 3, 31));

        var id = CertificateTestSupport.CertificateIdFrom(await world.Client.IssueAsync(p.Id, "evidence"));
        var text = await CertificateTestSupport.PdfTextAsync(await world.Client.Http.GetByteArrayAsync($"/certificates/{id}/pdf"));

        Assert.Contains("minst 550 timer opplæring i norsk og 50 timer samfunnskunnskap innen fristen 01.11.2023", text);
    }

    [Fact]
    public async Task A_participation_certificate_is_refused_while_the_programme_is_running()
    {
        var world = await app.CaseworkerWorldAsync();
        using var _ = world.Client;
        var p = await app.ParticipantWithHoursAsync(world.Number, 100m, 10m);

        var response = await world.Client.IssueAsync(p.Id, "participation");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Programmet er ikke avsluttet.", TestClient.Decode(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task A_participation_certificate_lists_the_actual_hours_period_tests_and_ending()
    {
        var world = await app.CaseworkerWorldAsync();
        using var _ = world.Client;
        var p = await app.ParticipantWithHoursAsync(world.Number, 312.5m, 41m);
        await app.LogHoursAsync(p, Today.AddDays(-1), HourCategory.CareerGuidance, 6m);
        await app.LogHoursAsync(p, Today.AddDays(-70), HourCategory.WorkOriented, 7.5m);
        await app.EndProgrammeAsync(p, world.Caseworker.Id, Today.AddDays(-1));

        var id = CertificateTestSupport.CertificateIdFrom(await world.Client.IssueAsync(p.Id, "participation"));
        var text = await CertificateTestSupport.PdfTextAsync(await world.Client.Http.GetByteArrayAsync($"/certificates/{id}/pdf"));

        Assert.Contains("Deltakerbevis – introduksjonsprogrammet", text);
        Assert.Contains("312,5", text);
        Assert.Contains("41", text);
        Assert.Contains("7,5", text);
        Assert.Contains("Fullført", text);
        Assert.Contains(Today.AddDays(-1).ToString("dd.MM.yyyy", System.Globalization.CultureInfo.InvariantCulture), text);
        Assert.Contains("Ingen prøveresultater er registrert.", text);
    }

    [Fact]
    public async Task A_preview_is_marked_as_not_valid_and_takes_no_number()
    {
        var world = await app.CaseworkerWorldAsync();
        using var _ = world.Client;
        var p = await app.ParticipantWithHoursAsync(world.Number, 550m, 75m);

        var preview = await world.Client.Http.GetAsync($"/participants/{p.Id}/certificates/preview/evidence");
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.Equal("application/pdf", preview.Content.Headers.ContentType?.MediaType);
        var text = await CertificateTestSupport.PdfTextAsync(await preview.Content.ReadAsByteArrayAsync());
        Assert.Contains("FORHÅNDSVISNING", text);

        var id = CertificateTestSupport.CertificateIdFrom(await world.Client.IssueAsync(p.Id, "evidence"));
        Assert.Equal(1, (await app.CertificateAsync(world.TenantId, id)).Sequence);
    }

    [Fact]
    public async Task Revoking_needs_a_reason_and_a_new_certificate_gets_the_next_number_and_names_the_one_it_replaces()
    {
        var world = await app.CaseworkerWorldAsync();
        using var _ = world.Client;
        var p = await app.ParticipantWithHoursAsync(world.Number, 550m, 75m);
        var first = CertificateTestSupport.CertificateIdFrom(await world.Client.IssueAsync(p.Id, "evidence"));
        var again = await world.Client.IssueAsync(p.Id, "evidence");
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("allerede et gyldig bevis", TestClient.Decode(await again.Content.ReadAsStringAsync()));

        var page = await world.Client.GetPageAsync($"/certificates/{first}");
        var token = TestClient.AntiforgeryToken(page);
        var empty = await world.Client.Http.PostAsync($"/certificates/{first}/revoke",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["reason"] = "   " }));
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("Skriv hvorfor beviset trekkes tilbake.", TestClient.Decode(await empty.Content.ReadAsStringAsync()));

        var revoked = await world.Client.Http.PostAsync($"/certificates/{first}/revoke",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["reason"] = "Feil i timetallet." }));
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        var second = CertificateTestSupport.CertificateIdFrom(await world.Client.IssueAsync(p.Id, "evidence"));

        var old = await app.CertificateAsync(world.TenantId, first);
        var replacement = await app.CertificateAsync(world.TenantId, second);
        Assert.NotNull(old.RevokedAt);
        Assert.Equal("Feil i timetallet.", old.RevocationReason);
        Assert.Equal(2, replacement.Sequence);
        Assert.Equal(first, replacement.ReplacesId);
        var audit = await app.InTenantAsync(world.TenantId, db => db.AuditEvents.Where(e => e.RecordType == "Certificate")
            .Select(e => e.Action).ToListAsync());
        Assert.Equal(2, audit.Count(a => a == AuditAction.Create));
        Assert.Equal(1, audit.Count(a => a == AuditAction.Change));
    }

    [Fact]
    public async Task The_participant_page_shows_what_is_missing_for_the_evidence()
    {
        var world = await app.CaseworkerWorldAsync();
        using var _ = world.Client;
        var p = await app.ParticipantWithHoursAsync(world.Number, 500m, 75m);

        var page = TestClient.Decode(await world.Client.GetPageAsync($"/participants/{p.Id}"));

        Assert.Contains("Mangler 50 timer norskopplæring innen fristen.", page);
        Assert.Contains("Programmet er ikke avsluttet.", page);
    }
}
