using System.Net;
using IntroProgram.Domain.Programme;
using IntroProgram.Web.Tests.Support;
using static IntroProgram.Web.Tests.Hours.HoursTestSupport;

namespace IntroProgram.Web.Tests.Hours;

[Collection(AppSuite.Name)]
public sealed class AbsenceAndVoidTests(AppFactory app)
{
    private static Dictionary<string, string> AbsenceFields(DateOnly date, string hours, string? excused, string? reason = null)
    {
        var fields = new Dictionary<string, string> { ["Date"] = Iso(date), ["Hours"] = hours };
        if (excused is not null)
        {
            fields["Excused"] = excused;
        }
        if (reason is not null)
        {
            fields["Reason"] = reason;
        }
        return fields;
    }

    private static string VoidEntryUrl(TestParticipant p, Guid entryId) => $"/participants/{p.Id}/hours/{entryId}/void";

    private static string VoidAbsenceUrl(TestParticipant p, Guid absenceId) => $"/participants/{p.Id}/absence/{absenceId}/void";

    [Fact]
    public async Task Recording_unexcused_absence_writes_it_updates_the_totals_and_returns_to_the_participant()
    {
        var p = await app.NewParticipantAsync();
        using var client = await app.SignedInAsync();

        var response = await client.SubmitAsync(AbsenceUrl(p), AbsenceFields(Today.AddDays(-1), "2,5", "false", "Møtte ikke"));

        response.AssertRedirectTo(ParticipantUrl(p));
        var absence = Assert.Single(await app.AbsencesAsync(p));
        Assert.Equal((Today.AddDays(-1), 2.5m, false, "Møtte ikke"), (absence.Date, absence.Hours, absence.Excused, absence.Reason));
        var totals = await app.TotalsAsync(p);
        Assert.Equal((2.5m, 0m), (totals.UnexcusedAbsenceHours, totals.ExcusedAbsenceHours));
        await app.AssertTotalsMatchLedgerAsync(p.TenantId);
    }

    [Fact]
    public async Task Recording_excused_absence_counts_it_as_excused()
    {
        var p = await app.NewParticipantAsync();
        using var client = await app.SignedInAsync();

        var response = await client.SubmitAsync(AbsenceUrl(p), AbsenceFields(Today, "4", "true"));

        response.AssertRedirectTo(ParticipantUrl(p));
        Assert.True(Assert.Single(await app.AbsencesAsync(p)).Excused);
        Assert.Equal(4m, (await app.TotalsAsync(p)).ExcusedAbsenceHours);
        await app.AssertTotalsMatchLedgerAsync(p.TenantId);
    }

    [Theory]
    [InlineData("0", "true", "Antall timer må være mer enn 0.")]
    [InlineData("0,3", "true", "Timer føres i kvarter: 0,25, 0,5, 0,75 osv.")]
    [InlineData("mye", "true", "Skriv antall timer som et tall, for eksempel 1,5.")]
    [InlineData("2", null, "Velg om fraværet er gyldig eller ugyldig.")]
    public async Task Absence_that_breaks_a_rule_is_refused(string hours, string? excused, string message)
    {
        var p = await app.NewParticipantAsync();
        using var client = await app.SignedInAsync();

        var response = await client.SubmitAsync(AbsenceUrl(p), AbsenceFields(Today, hours, excused));

        await response.AssertRefusedWithAsync(message);
        Assert.Empty(await app.AbsencesAsync(p));
        await app.AssertTotalsMatchLedgerAsync(p.TenantId);
    }

    [Fact]
    public async Task Absence_in_the_future_is_refused()
    {
        var p = await app.NewParticipantAsync();
        using var client = await app.SignedInAsync();

        var response = await client.SubmitAsync(AbsenceUrl(p), AbsenceFields(Today.AddDays(2), "2", "false"));

        await response.AssertRefusedWithAsync("Datoen er fram i tid. Timer føres når de er gjennomført.");
        Assert.Empty(await app.AbsencesAsync(p));
    }

    [Fact]
    public async Task Submitting_the_same_absence_form_twice_records_it_once()
    {
        var p = await app.NewParticipantAsync();
        using var client = await app.SignedInAsync();
        var page = await client.OpenFormAsync(AbsenceUrl(p));

        var first = await client.PostAsync(page, AbsenceUrl(p), AbsenceFields(Today, "1", "false"));
        var second = await client.PostAsync(page, AbsenceUrl(p), AbsenceFields(Today, "1", "false"));

        first.AssertRedirectTo(ParticipantUrl(p));
        second.AssertRedirectTo(ParticipantUrl(p));
        Assert.Single(await app.AbsencesAsync(p));
        await app.AssertTotalsMatchLedgerAsync(p.TenantId);
    }

    [Fact]
    public async Task The_void_page_shows_the_entry_and_asks_for_a_reason()
    {
        var p = await app.NewParticipantAsync();
        var entryId = await app.LogHoursAsync(p, Today.AddDays(-3), HourCategory.SocialStudies, 2.25m);
        using var client = await app.SignedInAsync();

        var page = await client.OpenFormAsync(VoidEntryUrl(p, entryId));

        Assert.Contains("Samfunnskunnskap", page.Html, StringComparison.Ordinal);
        Assert.Contains("2,25", page.Html, StringComparison.Ordinal);
        Assert.Contains("Hvorfor annulleres registreringen?", page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Voiding_an_entry_with_a_reason_takes_its_hours_out_of_the_totals()
    {
        var p = await app.NewParticipantAsync();
        var keep = await app.LogHoursAsync(p, Today.AddDays(-3), HourCategory.Norwegian, 2m);
        var wrong = await app.LogHoursAsync(p, Today.AddDays(-2), HourCategory.Norwegian, 3m);
        using var client = await app.SignedInAsync();

        var response = await client.SubmitAsync(VoidEntryUrl(p, wrong), new Dictionary<string, string> { ["Reason"] = "Ført på feil dato" });

        response.AssertRedirectTo(ParticipantUrl(p));
        var entries = await app.EntriesAsync(p);
        var voided = entries.Single(e => e.Id == wrong);
        Assert.Equal("Ført på feil dato", voided.VoidReason);
        Assert.NotNull(voided.VoidedBy);
        Assert.Null(entries.Single(e => e.Id == keep).VoidedAt);
        var totals = await app.TotalsAsync(p);
        Assert.Equal((2m, 1, Today.AddDays(-3)), (totals.NorwegianHours, totals.LiveEntryCount, totals.LastEntryDate));
        await app.AssertTotalsMatchLedgerAsync(p.TenantId);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Voiding_without_a_reason_is_refused(string reason)
    {
        var p = await app.NewParticipantAsync();
        var entryId = await app.LogHoursAsync(p, Today, HourCategory.Norwegian, 2m);
        using var client = await app.SignedInAsync();

        var response = await client.SubmitAsync(VoidEntryUrl(p, entryId), new Dictionary<string, string> { ["Reason"] = reason });

        await response.AssertRefusedWithAsync("Skriv hvorfor registreringen annulleres.");
        Assert.Null(Assert.Single(await app.EntriesAsync(p)).VoidedAt);
        Assert.Equal(2m, (await app.TotalsAsync(p)).NorwegianHours);
    }

    [Fact]
    public async Task Voiding_an_entry_twice_is_refused_and_the_page_says_it_is_already_voided()
    {
        var p = await app.NewParticipantAsync();
        var entryId = await app.LogHoursAsync(p, Today, HourCategory.Norwegian, 2m);
        using var client = await app.SignedInAsync();
        var page = await client.OpenFormAsync(VoidEntryUrl(p, entryId));
        (await client.PostAsync(page, VoidEntryUrl(p, entryId), new Dictionary<string, string> { ["Reason"] = "Feil" })).AssertRedirectTo(ParticipantUrl(p));

        var again = await client.PostAsync(page, VoidEntryUrl(p, entryId), new Dictionary<string, string> { ["Reason"] = "Feil igjen" });

        await again.AssertRefusedWithAsync("Registreringen er allerede annullert.");
        Assert.Equal("Feil", Assert.Single(await app.EntriesAsync(p)).VoidReason);
        Assert.Equal(0m, (await app.TotalsAsync(p)).NorwegianHours);
        Assert.Contains("Begrunnelse: Feil", (await client.OpenFormAsync(VoidEntryUrl(p, entryId))).Html, StringComparison.Ordinal);
        await app.AssertTotalsMatchLedgerAsync(p.TenantId);
    }

    [Fact]
    public async Task Voiding_an_absence_takes_it_out_of_the_totals()
    {
        var p = await app.NewParticipantAsync();
        var absenceId = (await app.RecordAbsenceAsync(p, Today.AddDays(-1), 3m, excused: false)).Id!.Value;
        using var client = await app.SignedInAsync();

        var response = await client.SubmitAsync(VoidAbsenceUrl(p, absenceId), new Dictionary<string, string> { ["Reason"] = "Var til stede" });

        response.AssertRedirectTo(ParticipantUrl(p));
        Assert.Equal("Var til stede", Assert.Single(await app.AbsencesAsync(p)).VoidReason);
        Assert.Equal(0m, (await app.TotalsAsync(p)).UnexcusedAbsenceHours);
        await app.AssertTotalsMatchLedgerAsync(p.TenantId);
    }

    [Fact]
    public async Task Voiding_an_absence_twice_is_refused()
    {
        var p = await app.NewParticipantAsync();
        var absenceId = (await app.RecordAbsenceAsync(p, Today, 1m, excused: true)).Id!.Value;
        using var client = await app.SignedInAsync();
        var page = await client.OpenFormAsync(VoidAbsenceUrl(p, absenceId));
        (await client.PostAsync(page, VoidAbsenceUrl(p, absenceId), new Dictionary<string, string> { ["Reason"] = "Feil" })).AssertRedirectTo(ParticipantUrl(p));

        var again = await client.PostAsync(page, VoidAbsenceUrl(p, absenceId), new Dictionary<string, string> { ["Reason"] = "Feil" });

        await again.AssertRefusedWithAsync("Registreringen er allerede annullert.");
        await app.AssertTotalsMatchLedgerAsync(p.TenantId);
    }

    [Fact]
    public async Task Voiding_without_a_reason_is_refused_for_absence_too()
    {
        var p = await app.NewParticipantAsync();
        var absenceId = (await app.RecordAbsenceAsync(p, Today, 1m, excused: true)).Id!.Value;
        using var client = await app.SignedInAsync();

        var response = await client.SubmitAsync(VoidAbsenceUrl(p, absenceId), new Dictionary<string, string> { ["Reason"] = "" });

        await response.AssertRefusedWithAsync("Skriv hvorfor registreringen annulleres.");
        Assert.Null(Assert.Single(await app.AbsencesAsync(p)).VoidedAt);
    }

    [Fact]
    public async Task An_entry_reached_through_another_participants_address_is_not_found()
    {
        var owner = await app.NewParticipantAsync();
        var other = await app.NewParticipantAsync();
        var entryId = await app.LogHoursAsync(owner, Today, HourCategory.Norwegian, 2m);
        using var client = await app.SignedInAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(VoidEntryUrl(other, entryId))).StatusCode);
        var page = await client.OpenFormAsync("/hours/session");
        var post = await client.PostAsync(page, VoidEntryUrl(other, entryId), new Dictionary<string, string> { ["Reason"] = "Feil" }, handMade: true);

        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.Null(Assert.Single(await app.EntriesAsync(owner)).VoidedAt);
    }
}
