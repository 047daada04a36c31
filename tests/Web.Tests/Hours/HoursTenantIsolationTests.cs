using System.Net;
using System.Text;
using IntroProgram.Domain.Ledger;
using IntroProgram.Domain.Programme;
using IntroProgram.Infrastructure.Ledger;
using IntroProgram.Web.Tests.Support;
using static IntroProgram.Web.Tests.Hours.HoursTestSupport;

namespace IntroProgram.Web.Tests.Hours;

/// <summary>A Bergen coordinator reaching for Tromsø's participants, entries, sessions and imports by id gets 404 and changes nothing.</summary>
[Collection(AppSuite.Name)]
public sealed class HoursTenantIsolationTests(AppFactory app)
{
    [Theory]
    [InlineData("hours/new")]
    [InlineData("absence/new")]
    public async Task The_forms_of_a_participant_of_another_municipality_are_not_found(string form)
    {
        var tromso = await app.NewParticipantAsync(Tromso);
        using var client = await app.SignedInAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/participants/{tromso.Id}/{form}")).StatusCode);
    }

    [Fact]
    public async Task Logging_hours_for_a_participant_of_another_municipality_is_not_found_and_writes_nothing()
    {
        var tromso = await app.NewParticipantAsync(Tromso);
        using var client = await app.SignedInAsync();
        var page = await client.OpenFormAsync("/hours/session");

        var response = await client.PostAsync(page, LogUrl(tromso), HourFields(Today, "2"), handMade: true);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(await app.EntriesAsync(tromso));
        await app.AssertTotalsMatchLedgerAsync(tromso.TenantId);
    }

    [Fact]
    public async Task Recording_absence_for_a_participant_of_another_municipality_is_not_found_and_writes_nothing()
    {
        var tromso = await app.NewParticipantAsync(Tromso);
        using var client = await app.SignedInAsync();
        var page = await client.OpenFormAsync("/hours/session");

        var response = await client.PostAsync(page, AbsenceUrl(tromso), new Dictionary<string, string>
        {
            ["Date"] = Iso(Today), ["Hours"] = "2", ["Excused"] = "false",
        }, handMade: true);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(await app.AbsencesAsync(tromso));
    }

    [Fact]
    public async Task Voiding_an_entry_of_another_municipality_is_not_found_and_leaves_it_live()
    {
        var tromso = await app.NewParticipantAsync(Tromso);
        var entryId = await app.LogHoursAsync(tromso, Today, HourCategory.Norwegian, 2m);
        var url = $"/participants/{tromso.Id}/hours/{entryId}/void";
        using var client = await app.SignedInAsync();
        var page = await client.OpenFormAsync("/hours/session");

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(url)).StatusCode);
        var post = await client.PostAsync(page, url, new Dictionary<string, string> { ["Reason"] = "Feil" }, handMade: true);

        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.Null(Assert.Single(await app.EntriesAsync(tromso)).VoidedAt);
        Assert.Equal(2m, (await app.TotalsAsync(tromso)).NorwegianHours);
    }

    [Fact]
    public async Task Voiding_an_absence_of_another_municipality_is_not_found_and_leaves_it_live()
    {
        var tromso = await app.NewParticipantAsync(Tromso);
        var absenceId = (await app.RecordAbsenceAsync(tromso, Today, 2m, excused: false)).Id!.Value;
        var url = $"/participants/{tromso.Id}/absence/{absenceId}/void";
        using var client = await app.SignedInAsync();
        var page = await client.OpenFormAsync("/hours/session");

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(url)).StatusCode);
        var post = await client.PostAsync(page, url, new Dictionary<string, string> { ["Reason"] = "Feil" }, handMade: true);

        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.Null(Assert.Single(await app.AbsencesAsync(tromso)).VoidedAt);
    }

    [Fact]
    public async Task An_entry_of_another_municipality_cannot_be_voided_through_an_own_participants_address()
    {
        var bergen = await app.NewParticipantAsync();
        var tromso = await app.NewParticipantAsync(Tromso);
        var entryId = await app.LogHoursAsync(tromso, Today, HourCategory.Norwegian, 2m);
        using var client = await app.SignedInAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/participants/{bergen.Id}/hours/{entryId}/void")).StatusCode);
    }

    [Fact]
    public async Task A_class_session_receipt_of_another_municipality_is_not_found()
    {
        var tromso = await app.NewParticipantAsync(Tromso);
        var session = await app.WithServiceAsync<HourLedger>(tromso.TenantId, l => l.LogClassSessionAsync(
            new ClassSessionInput(Today, HourCategory.Norwegian, 2m, null, new Dictionary<Guid, Attendance> { [tromso.Id] = Attendance.Attended }),
            Guid.NewGuid(), null));
        using var client = await app.SignedInAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/hours/session/{session.Id}")).StatusCode);
    }

    [Fact]
    public async Task An_import_receipt_of_another_municipality_is_not_found()
    {
        var tromso = await app.NewParticipantAsync(Tromso);
        var file = Encoding.UTF8.GetBytes($"fødselsnummer;dato;kategori;timer\n{tromso.NationalId};{Norwegian(Today)};norsk;2\n");
        var batch = await app.WithServiceAsync<HourImport>(tromso.TenantId, async i => (await i.CommitAsync(file, "tromso.csv", null)).Result);
        using var client = await app.SignedInAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/hours/import/{batch.Id}")).StatusCode);
    }

    [Fact]
    public async Task A_class_session_cannot_include_a_participant_of_another_municipality()
    {
        var bergen = await app.NewParticipantAsync();
        var tromso = await app.NewParticipantAsync(Tromso);
        using var client = await app.SignedInAsync();

        var response = await client.SubmitAsync("/hours/session?all=true", new Dictionary<string, string>
        {
            ["Date"] = Iso(Today), ["Category"] = nameof(HourCategory.Norwegian), ["Hours"] = "2", ["All"] = "true",
            [$"Attendance[{bergen.Id}]"] = "Attended", [$"Attendance[{tromso.Id}]"] = "Attended",
        });

        await response.AssertRefusedWithAsync("Deltakeren finnes ikke i kommunen.");
        Assert.DoesNotContain(HoursTestSupport.NameOf(tromso), await response.BodyAsync(), StringComparison.Ordinal);
        Assert.Empty(await app.EntriesAsync(bergen));
        Assert.Empty(await app.EntriesAsync(tromso));
    }

    [Theory]
    [InlineData("/hours/session")]
    [InlineData("/hours/import")]
    public async Task Caseworkers_cannot_open_the_coordinators_hour_pages(string url)
    {
        using var client = await app.SignedInAsync(Demo.BergenCaseworker);

        var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/access-denied", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }
}
