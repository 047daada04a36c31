using System.Globalization;
using IntroProgram.Domain.Decisions;
using IntroProgram.Domain.Participants;
using IntroProgram.Domain.Programme;
using IntroProgram.Infrastructure;
using IntroProgram.Infrastructure.Decisions;
using IntroProgram.Infrastructure.Ledger;
using IntroProgram.Infrastructure.Tenancy;
using IntroProgram.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static IntroProgram.Web.Tests.Decisions.DecisionTestSupport;

namespace IntroProgram.Web.Tests.Decisions;

/// <summary>
/// Every decision's dates are checked against the programme period and against the ledger, through the caseworker's
/// forms: nothing is recorded when a date is refused, and the message says which date or how many hours are in the way.
/// </summary>
[Collection(AppSuite.Name)]
public sealed class DecisionDateTests(AppFactory app)
{
    private static DateOnly Today => TestClock.Today;

    private static string Shown(DateOnly date) => date.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture);

    private async Task<TestClient> CaseworkerAsync()
    {
        var client = app.CreateTestClient();
        await client.LoginOkAsync(Demo.BergenCaseworker);
        return client;
    }

    /// <summary>A participant whose programme starts (or started) on <paramref name="start"/>.</summary>
    private Task<TestParticipant> StartingAsync(DateOnly start) => app.NewParticipantAsync("4601", d => d.StartingOn(start));

    private async Task<T> WithServiceAsync<TService, T>(TestParticipant p, Func<TService, Guid, Task<T>> use) where TService : notnull
    {
        var actor = await app.UserIdAsync(p.TenantId, Demo.BergenCoordinator);
        await using var scope = app.Services.GetRequiredService<TenantScopeFactory>().ForTenant(p.TenantId);
        return await use(scope.ServiceProvider.GetRequiredService<TService>(), actor);
    }

    private Task<CommandResult> VoidAsync(TestParticipant p, Guid entryId) =>
        WithServiceAsync<HourLedger, CommandResult>(p, (ledger, actor) => ledger.VoidEntryAsync(p.Id, entryId, "Ført på feil deltaker.", actor));

    private Task<CommandResult> RecordAbsenceAsync(TestParticipant p, DateOnly date, decimal hours) =>
        WithServiceAsync<HourLedger, CommandResult>(p, (ledger, actor) =>
            ledger.RecordAbsenceAsync(p.Id, new AbsenceInput(date, hours, Excused: false, null), Guid.NewGuid(), actor));

    private async Task StopAsync(TestParticipant p, DateOnly on) =>
        await app.RecordDecisionAsync(p, new DecisionInput
        {
            Kind = DecisionKind.ProgrammeEnd, DecidedOn = on, Outcome = ParticipantStatus.Stopped, Reason = "Ugyldig fravær over lang tid.",
        }, await app.UserIdAsync(p.TenantId, Demo.BergenCaseworker));

    [Theory]
    [InlineData("end", "Outcome", "Completed")]
    [InlineData("extension", "ExtendedTo", null)] // to 30 months after the start
    [InlineData("extra-hours", "ExtraHoursTotal", "100")]
    public async Task A_decision_dated_the_day_before_the_programme_start_is_refused(string kind, string field, string? value)
    {
        var participant = await app.NewParticipantAsync("4601");
        var start = participant.Details.ProgrammeStart!.Value;
        using var client = await CaseworkerAsync();

        var response = await client.DecideAsync(participant.Id, kind,
            Fields((field, value ?? Iso(start.AddMonths(30))), ("DecidedOn", Iso(start.AddDays(-1)))));

        await AssertRefusedWithAsync(response, $"Vedtaket kan ikke være datert før programstart ({Shown(start)}).");
        var after = await app.ParticipantAsync(participant);
        Assert.Equal((ParticipantStatus.Active, (DateOnly?)null, (DateOnly?)null, 0m),
            (after.Status, after.EndedOn, after.ExtendedTo, after.ExtraNorwegianHoursGranted));
        Assert.Empty(await app.DecisionsAsync(participant));
    }

    [Fact]
    public async Task An_end_dated_on_the_programme_start_is_recorded()
    {
        var participant = await app.NewParticipantAsync("4601");
        var start = participant.Details.ProgrammeStart!.Value;
        using var client = await CaseworkerAsync();

        var response = await client.DecideAsync(participant.Id, "end", Fields(("Outcome", "Exited"), ("DecidedOn", Iso(start))));

        AssertRedirectedToParticipant(response, participant.Id);
        Assert.Equal(start, (await app.ParticipantAsync(participant)).EndedOn);
    }

    [Fact]
    public async Task A_participant_whose_programme_has_not_begun_can_exit_before_its_start()
    {
        var participant = await StartingAsync(Today.AddDays(14));
        using var client = await CaseworkerAsync();

        var response = await client.DecideAsync(participant.Id, "end", Fields(("Outcome", "Exited")));

        AssertRedirectedToParticipant(response, participant.Id);
        Assert.Equal(ParticipantStatus.Exited, (await app.ParticipantAsync(participant)).Status);
    }

    [Fact]
    public async Task Stopping_on_a_day_with_live_hours_after_it_is_refused_with_their_count()
    {
        var participant = await app.NewParticipantAsync("4601");
        var stopOn = Today.AddDays(-10);
        await app.LogHoursAsync(participant, stopOn, HourCategory.Norwegian, 2m); // on the day itself: stays inside
        await app.LogHoursAsync(participant, Today.AddDays(-5), HourCategory.Norwegian, 3m);
        await app.LogHoursAsync(participant, Today.AddDays(-3), HourCategory.SocialStudies, 4.5m);
        Assert.True((await VoidAsync(participant, await app.LogHoursAsync(participant, Today.AddDays(-2), HourCategory.Norwegian, 1m))).Succeeded);
        using var client = await CaseworkerAsync();

        var response = await client.DecideAsync(participant.Id, "end", Fields(("Outcome", "Stopped"), ("DecidedOn", Iso(stopOn))));

        await AssertRefusedWithAsync(response,
            $"Det er ført timer etter {Shown(stopOn)} som ikke er annullert (antall føringer: 2, timer i alt: 7,5). Annuller dem først, eller velg en senere dato.");
        Assert.Equal(ParticipantStatus.Active, (await app.ParticipantAsync(participant)).Status);
        Assert.Empty(await app.DecisionsAsync(participant));
        await app.AssertTotalsMatchLedgerAsync(participant.TenantId);
    }

    [Fact]
    public async Task Stopping_is_recorded_once_the_hours_after_the_day_are_voided()
    {
        var participant = await app.NewParticipantAsync("4601");
        var entry = await app.LogHoursAsync(participant, Today.AddDays(-3), HourCategory.Norwegian, 2m);
        Assert.True((await VoidAsync(participant, entry)).Succeeded);
        using var client = await CaseworkerAsync();

        var response = await client.DecideAsync(participant.Id, "end", Fields(("Outcome", "Stopped"), ("DecidedOn", Iso(Today.AddDays(-10)))));

        AssertRedirectedToParticipant(response, participant.Id);
        Assert.Equal(Today.AddDays(-10), (await app.ParticipantAsync(participant)).EndedOn);
    }

    [Fact]
    public async Task Stopping_on_a_day_with_live_absence_after_it_is_refused_with_its_count()
    {
        var participant = await app.NewParticipantAsync("4601");
        Assert.True((await RecordAbsenceAsync(participant, Today.AddDays(-4), 3.5m)).Succeeded);
        using var client = await CaseworkerAsync();

        var response = await client.DecideAsync(participant.Id, "end", Fields(("Outcome", "Stopped"), ("DecidedOn", Iso(Today.AddDays(-10)))));

        await AssertRefusedWithAsync(response,
            $"Det er registrert fravær etter {Shown(Today.AddDays(-10))} som ikke er annullert (antall registreringer: 1, timer i alt: 3,5).");
        Assert.Empty(await app.DecisionsAsync(participant));
    }

    [Fact]
    public async Task The_count_of_hours_in_the_way_is_shown_in_english_to_a_caseworker_who_chose_english()
    {
        var participant = await app.NewParticipantAsync("4601");
        await app.LogHoursAsync(participant, Today.AddDays(-3), HourCategory.Norwegian, 2.5m);
        using var client = await CaseworkerAsync();
        client.Http.DefaultRequestHeaders.Add("Cookie", ".AspNetCore.Culture=c%3Den%7Cuic%3Den");
        var stopOn = Today.AddDays(-10);

        var response = await client.DecideAsync(participant.Id, "end", Fields(("Outcome", "Stopped"), ("DecidedOn", Iso(stopOn))));

        await AssertRefusedWithAsync(response,
            $"Hours that are not voided are logged after {stopOn.ToString("d", new CultureInfo("en"))} (entries: 1, hours in all: 2.5).");
    }

    [Fact]
    public async Task An_extension_ending_before_hours_already_logged_is_refused_with_their_count()
    {
        // Past the normal two years, logging towards the maximum of three: an extension to a day before those hours would strand them.
        var start = Today.AddDays(-800);
        var participant = await StartingAsync(start);
        var normalEnd = start.AddMonths(24).AddDays(-1);
        await app.LogHoursAsync(participant, normalEnd.AddDays(20), HourCategory.Norwegian, 3m);
        using var client = await CaseworkerAsync();

        var response = await client.DecideAsync(participant.Id, "extension", Fields(("ExtendedTo", Iso(normalEnd.AddDays(10)))));

        await AssertRefusedWithAsync(response,
            $"Det er ført timer etter {Shown(normalEnd.AddDays(10))} som ikke er annullert (antall føringer: 1, timer i alt: 3).");
        Assert.Null((await app.ParticipantAsync(participant)).ExtendedTo);
    }

    [Fact]
    public async Task Leave_starting_the_day_before_the_programme_start_is_refused()
    {
        var participant = await app.NewParticipantAsync("4601");
        var start = participant.Details.ProgrammeStart!.Value;
        using var client = await CaseworkerAsync();

        var response = await client.DecideAsync(participant.Id, "leave", Fields(
            ("PeriodStart", Iso(start.AddDays(-1))), ("PeriodEnd", Iso(start.AddDays(10))), ("LeaveType", "Illness")));

        await AssertRefusedWithAsync(response, $"Permisjonen kan ikke starte før programstart ({Shown(start)}).");
        Assert.Empty(await app.DecisionsAsync(participant));
    }

    [Fact]
    public async Task Leave_starting_after_the_last_day_the_programme_can_run_is_refused()
    {
        var participant = await app.NewParticipantAsync("4601");
        var lastAllowed = await app.LastAllowedDayAsync(participant);
        var before = await app.ParticipantAsync(participant);
        using var client = await CaseworkerAsync();

        var response = await client.DecideAsync(participant.Id, "leave", Fields(
            ("PeriodStart", Iso(lastAllowed.AddDays(1))), ("PeriodEnd", Iso(lastAllowed.AddDays(30))), ("LeaveType", "Parental")));

        await AssertRefusedWithAsync(response, $"Permisjonen kan ikke starte etter den siste dagen programmet kan vare ({Shown(lastAllowed)}).");
        Assert.Empty(await app.DecisionsAsync(participant));
        Assert.Equal(before.EvidenceDeadline, (await app.ParticipantAsync(participant)).EvidenceDeadline);
    }

    [Fact]
    public async Task A_resumption_dated_before_the_stop_is_refused()
    {
        var participant = await app.NewParticipantAsync("4601");
        var stoppedOn = Today.AddDays(-5);
        await StopAsync(participant, stoppedOn);
        using var client = await CaseworkerAsync();

        var response = await client.DecideAsync(participant.Id, "resumption", Fields(("DecidedOn", Iso(stoppedOn.AddDays(-1)))));

        await AssertRefusedWithAsync(response, $"Gjenopptakelsen kan ikke være datert før programmet ble stanset ({Shown(stoppedOn)}).");
        Assert.Equal(ParticipantStatus.Stopped, (await app.ParticipantAsync(participant)).Status);
    }
}
