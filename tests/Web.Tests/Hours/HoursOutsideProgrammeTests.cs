using IntroProgram.Domain.Decisions;
using IntroProgram.Domain.Participants;
using IntroProgram.Infrastructure.Decisions;
using IntroProgram.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static IntroProgram.Web.Tests.Hours.HoursTestSupport;

namespace IntroProgram.Web.Tests.Hours;

/// <summary>
/// The ledger refuses hours and absence dated after the programme: after the day a decision ended it, or after the last
/// day the rules allow (the maximum duration plus leave, or the extension's end), whatever the participant's status.
/// </summary>
[Collection(AppSuite.Name)]
public sealed class HoursOutsideProgrammeTests(AppFactory app)
{
    private const string AfterEnd = "Datoen er etter at programmet ble avsluttet.";
    private const string AfterLastAllowedDay = "Datoen er etter den siste dagen programmet kan vare";

    /// <summary>An active participant whose programme started three years and ten days ago, so its last allowed day has passed.</summary>
    private Task<TestParticipant> ThreeYearsInAsync() =>
        app.NewParticipantAsync(change: d => d.StartingOn(Today.AddYears(-3).AddDays(-10)));

    private async Task DecideAsync(TestParticipant p, DecisionInput input) =>
        await Decisions.DecisionTestSupport.RecordDecisionAsync(app, p, input with { Reason = "Vurdert etter samtale." },
            await app.UserIdAsync(p.TenantId, Demo.BergenCaseworker));

    private Task StopAsync(TestParticipant p, DateOnly on) =>
        DecideAsync(p, new DecisionInput { Kind = DecisionKind.ProgrammeEnd, DecidedOn = on, Outcome = ParticipantStatus.Stopped });

    [Fact]
    public async Task Hours_after_the_day_the_programme_was_stopped_are_refused()
    {
        var p = await app.NewParticipantAsync();
        await StopAsync(p, Today.AddDays(-5));
        using var client = await app.SignedInAsync();

        var response = await client.SubmitAsync(LogUrl(p), HourFields(Today.AddDays(-4), "2"));

        await response.AssertRefusedWithAsync(AfterEnd);
        Assert.Empty(await app.EntriesAsync(p));
        await app.AssertTotalsMatchLedgerAsync(p.TenantId);
    }

    [Fact]
    public async Task Hours_on_the_day_the_programme_was_stopped_can_still_be_logged_afterwards()
    {
        var p = await app.NewParticipantAsync();
        await StopAsync(p, Today.AddDays(-5));
        using var client = await app.SignedInAsync();

        var response = await client.SubmitAsync(LogUrl(p), HourFields(Today.AddDays(-5), "2"));

        response.AssertRedirectTo(ParticipantUrl(p));
        Assert.Equal(Today.AddDays(-5), Assert.Single(await app.EntriesAsync(p)).Date);
    }

    [Fact]
    public async Task Hours_after_the_last_allowed_day_are_refused_though_the_participant_is_still_active()
    {
        var p = await ThreeYearsInAsync();
        var lastAllowed = await app.LastAllowedDayAsync(p);
        using var client = await app.SignedInAsync();

        var response = await client.SubmitAsync(LogUrl(p), HourFields(lastAllowed.AddDays(1), "2"));

        await response.AssertRefusedWithAsync(AfterLastAllowedDay);
        Assert.Empty(await app.EntriesAsync(p));
        Assert.Equal(ParticipantStatus.Active, (await app.InTenantAsync(p.TenantId, db => db.Participants.SingleAsync(x => x.Id == p.Id))).Status);
    }

    [Fact]
    public async Task Hours_on_the_last_allowed_day_are_accepted()
    {
        var p = await ThreeYearsInAsync();
        var lastAllowed = await app.LastAllowedDayAsync(p);
        using var client = await app.SignedInAsync();

        var response = await client.SubmitAsync(LogUrl(p), HourFields(lastAllowed, "2"));

        response.AssertRedirectTo(ParticipantUrl(p));
        Assert.Equal(lastAllowed, Assert.Single(await app.EntriesAsync(p)).Date);
    }

    [Fact]
    public async Task Hours_after_the_extension_end_are_refused()
    {
        var start = Today.AddDays(-800);
        var p = await app.NewParticipantAsync(change: d => d.StartingOn(start));
        var extendedTo = start.AddMonths(24).AddDays(20); // three weeks past the normal end, and before today
        await DecideAsync(p, new DecisionInput { Kind = DecisionKind.Extension, DecidedOn = Today.AddDays(-100), ExtendedTo = extendedTo });
        using var client = await app.SignedInAsync();

        var refused = await client.SubmitAsync(LogUrl(p), HourFields(extendedTo.AddDays(1), "2"));
        var accepted = await client.SubmitAsync(LogUrl(p), HourFields(extendedTo, "2"));

        await refused.AssertRefusedWithAsync(AfterLastAllowedDay);
        accepted.AssertRedirectTo(ParticipantUrl(p));
        Assert.Equal(extendedTo, Assert.Single(await app.EntriesAsync(p)).Date);
    }

    [Fact]
    public async Task Absence_after_the_last_allowed_day_is_refused()
    {
        var p = await ThreeYearsInAsync();
        var lastAllowed = await app.LastAllowedDayAsync(p);
        using var client = await app.SignedInAsync();

        var response = await client.SubmitAsync(AbsenceUrl(p), new Dictionary<string, string>
        {
            ["Date"] = Iso(lastAllowed.AddDays(1)), ["Hours"] = "2", ["Excused"] = "false",
        });

        await response.AssertRefusedWithAsync(AfterLastAllowedDay);
        Assert.Empty(await app.AbsencesAsync(p));
    }

    [Fact]
    public async Task The_refusal_is_shown_in_english_to_a_user_who_chose_english()
    {
        var p = await ThreeYearsInAsync();
        var lastAllowed = await app.LastAllowedDayAsync(p);
        using var client = await app.SignedInAsync();
        client.Http.DefaultRequestHeaders.Add("Cookie", ".AspNetCore.Culture=c%3Den%7Cuic%3Den");

        var response = await client.SubmitAsync(LogUrl(p), HourFields(lastAllowed.AddDays(1), "2"));

        await response.AssertRefusedWithAsync("The date is after the last day the programme can run");
        Assert.DoesNotContain(AfterLastAllowedDay, await response.BodyAsync(), StringComparison.Ordinal);
    }
}
