using IntroProgram.Domain.Auditing;
using IntroProgram.Domain.Decisions;
using IntroProgram.Domain.Participants;
using IntroProgram.Domain.Programme;
using IntroProgram.Infrastructure.Decisions;
using IntroProgram.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static IntroProgram.Web.Tests.Decisions.DecisionTestSupport;

namespace IntroProgram.Web.Tests.Decisions;

/// <summary>What each decision does to the participant, submitted through the caseworker's forms.</summary>
[Collection(AppSuite.Name)]
public sealed class DecisionEffectTests(AppFactory app)
{
    private static DateOnly Today => ParticipantTestData.Today;

    private async Task<TestClient> CaseworkerAsync()
    {
        var client = app.CreateTestClient();
        await client.LoginOkAsync(Demo.BergenCaseworker);
        return client;
    }

    [Fact]
    public async Task Leave_moves_the_evidence_deadline_and_the_planned_end_by_its_length()
    {
        var participant = await app.NewParticipantAsync("4601");
        var before = await app.ParticipantAsync(participant);
        using var client = await CaseworkerAsync();

        var response = await client.DecideAsync(participant.Id, "leave", Fields(
            ("PeriodStart", Iso(Today.AddDays(-20))), ("PeriodEnd", Iso(Today.AddDays(-11))), ("LeaveType", "Illness")));

        AssertRedirectedToParticipant(response, participant.Id);
        var after = await app.ParticipantAsync(participant);
        Assert.Equal(before.EvidenceDeadline!.Value.AddDays(10), after.EvidenceDeadline);
        Assert.Equal(before.PlannedEnd!.Value.AddDays(10), after.PlannedEnd);
        Assert.Equal(ParticipantStatus.Active, after.Status);
    }

    [Fact]
    public async Task Leave_that_covers_today_puts_the_participant_on_leave()
    {
        var participant = await app.NewParticipantAsync("4601");
        using var client = await CaseworkerAsync();

        var response = await client.DecideAsync(participant.Id, "leave", Fields(
            ("PeriodStart", Iso(Today.AddDays(-2))), ("PeriodEnd", Iso(Today.AddDays(30))), ("LeaveType", "Parental")));

        AssertRedirectedToParticipant(response, participant.Id);
        Assert.Equal(ParticipantStatus.OnLeave, (await app.ParticipantAsync(participant)).Status);
    }

    [Fact]
    public async Task Leave_without_its_period_and_type_is_refused_with_a_message_at_each_field()
    {
        var participant = await app.NewParticipantAsync("4601");
        using var client = await CaseworkerAsync();

        var response = await client.DecideAsync(participant.Id, "leave", Fields());

        await AssertRefusedWithAsync(response, "Feltet må fylles ut.");
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("href=\"#PeriodStart\"", html);
        Assert.Contains("href=\"#PeriodEnd\"", html);
        Assert.Contains("href=\"#LeaveType\"", html);
        Assert.Empty(await app.DecisionsAsync(participant));
    }

    [Fact]
    public async Task An_extension_sets_the_planned_end()
    {
        var participant = await app.NewParticipantAsync("4601");
        var start = participant.Details.ProgrammeStart!.Value;
        var extendedTo = start.AddMonths(30);
        using var client = await CaseworkerAsync();

        var response = await client.DecideAsync(participant.Id, "extension", Fields(("ExtendedTo", Iso(extendedTo))));

        AssertRedirectedToParticipant(response, participant.Id);
        var after = await app.ParticipantAsync(participant);
        Assert.Equal(extendedTo, after.PlannedEnd);
        Assert.Equal(extendedTo, after.ExtendedTo);
    }

    [Fact]
    public async Task The_extension_form_shows_the_normal_and_the_latest_possible_end()
    {
        var participant = await app.NewParticipantAsync("4601");
        var start = participant.Details.ProgrammeStart!.Value;
        using var client = await CaseworkerAsync();

        var html = TestClient.Decode(await client.GetPageAsync(DecisionForm(participant.Id, "extension")));

        Assert.Contains("Seneste mulige slutt (3 år)", html);
        Assert.Contains(start.AddMonths(36).AddDays(-1).ToString("dd.MM.yyyy", System.Globalization.CultureInfo.InvariantCulture), html);
        Assert.Contains(start.AddMonths(24).AddDays(-1).ToString("dd.MM.yyyy", System.Globalization.CultureInfo.InvariantCulture), html);
    }

    [Fact]
    public async Task An_extension_beyond_three_years_is_refused()
    {
        var participant = await app.NewParticipantAsync("4601");
        var start = participant.Details.ProgrammeStart!.Value;
        using var client = await CaseworkerAsync();

        var response = await client.DecideAsync(participant.Id, "extension", Fields(("ExtendedTo", Iso(start.AddMonths(36)))));

        await AssertRefusedWithAsync(response, "Programmet kan ikke forlenges ut over tre år (pluss permisjon).");
        Assert.Null((await app.ParticipantAsync(participant)).ExtendedTo);
    }

    [Fact]
    public async Task An_extension_that_does_not_end_after_the_normal_end_is_refused()
    {
        var participant = await app.NewParticipantAsync("4601");
        var normalEnd = participant.Details.ProgrammeStart!.Value.AddMonths(24).AddDays(-1);
        using var client = await CaseworkerAsync();

        var response = await client.DecideAsync(participant.Id, "extension", Fields(("ExtendedTo", Iso(normalEnd))));

        await AssertRefusedWithAsync(response, "Ny sluttdato må være etter ordinær sluttdato.");
        Assert.Empty(await app.DecisionsAsync(participant));
    }

    [Theory]
    [InlineData("10,5")]
    [InlineData("10.5")]
    public async Task A_grant_of_extra_hours_is_read_with_a_decimal_comma_or_point(string typed)
    {
        var participant = await app.NewParticipantAsync("4601");
        using var client = await CaseworkerAsync();

        var response = await client.DecideAsync(participant.Id, "extra-hours", Fields(("ExtraHoursTotal", typed)));

        AssertRedirectedToParticipant(response, participant.Id);
        Assert.Equal(10.5m, (await app.ParticipantAsync(participant)).ExtraNorwegianHoursGranted);
        Assert.Equal(10.5m, Assert.Single(await app.DecisionsAsync(participant)).ExtraHoursTotal);
    }

    [Fact]
    public async Task Extra_norwegian_hours_can_be_logged_up_to_the_grant()
    {
        var participant = await app.NewParticipantAsync("4601");
        using var client = await CaseworkerAsync();

        AssertRedirectedToParticipant(await client.DecideAsync(participant.Id, "extra-hours", Fields(("ExtraHoursTotal", "12"))), participant.Id);
        await app.LogHoursAsync(participant, Today.AddDays(-3), HourCategory.ExtraNorwegian, 7.5m);
        await app.LogHoursAsync(participant, Today.AddDays(-2), HourCategory.ExtraNorwegian, 4.5m);

        await app.AssertTotalsMatchLedgerAsync(participant.TenantId);
        var totals = await app.InTenantAsync(participant.TenantId,
            db => db.ParticipantTotals.AsNoTracking().SingleAsync(t => t.ParticipantId == participant.Id));
        Assert.Equal(12m, totals.ExtraNorwegianHours);
    }

    [Fact]
    public async Task A_grant_above_2400_hours_is_refused()
    {
        var participant = await app.NewParticipantAsync("4601");
        using var client = await CaseworkerAsync();

        var response = await client.DecideAsync(participant.Id, "extra-hours", Fields(("ExtraHoursTotal", "2400,25")));

        await AssertRefusedWithAsync(response, "Det kan innvilges høyst 2 400 ekstra norsktimer totalt.");
        Assert.Equal(0m, (await app.ParticipantAsync(participant)).ExtraNorwegianHoursGranted);
    }

    [Fact]
    public async Task A_grant_below_the_extra_hours_already_used_is_refused()
    {
        var participant = await app.NewParticipantAsync("4601");
        using var client = await CaseworkerAsync();
        AssertRedirectedToParticipant(await client.DecideAsync(participant.Id, "extra-hours", Fields(("ExtraHoursTotal", "10"))), participant.Id);
        await app.LogHoursAsync(participant, Today.AddDays(-1), HourCategory.ExtraNorwegian, 8m);

        var response = await client.DecideAsync(participant.Id, "extra-hours", Fields(("ExtraHoursTotal", "5")));

        await AssertRefusedWithAsync(response, "Innvilget antall kan ikke være lavere enn timene som allerede er brukt.");
        Assert.Equal(10m, (await app.ParticipantAsync(participant)).ExtraNorwegianHoursGranted);
    }

    [Fact]
    public async Task A_grant_that_is_not_a_number_is_refused_at_the_field()
    {
        var participant = await app.NewParticipantAsync("4601");
        using var client = await CaseworkerAsync();

        var response = await client.DecideAsync(participant.Id, "extra-hours", Fields(("ExtraHoursTotal", "ti timer")));

        await AssertRefusedWithAsync(response, "Skriv et tall.");
        Assert.Empty(await app.DecisionsAsync(participant));
    }

    [Fact]
    public async Task Stopping_the_programme_sets_the_status_and_the_end_date()
    {
        var participant = await app.NewParticipantAsync("4601");
        using var client = await CaseworkerAsync();

        var response = await client.DecideAsync(participant.Id, "end",
            Fields(("Outcome", "Stopped"), ("DecidedOn", Iso(Today.AddDays(-1)))));

        AssertRedirectedToParticipant(response, participant.Id);
        var after = await app.ParticipantAsync(participant);
        Assert.Equal(ParticipantStatus.Stopped, after.Status);
        Assert.Equal(Today.AddDays(-1), after.EndedOn);
    }

    [Fact]
    public async Task Ending_without_an_outcome_is_refused()
    {
        var participant = await app.NewParticipantAsync("4601");
        using var client = await CaseworkerAsync();

        var response = await client.DecideAsync(participant.Id, "end", Fields());

        await AssertRefusedWithAsync(response, "Velg utfall: fullført, stanset eller avbrutt.");
        Assert.Equal(ParticipantStatus.Active, (await app.ParticipantAsync(participant)).Status);
    }

    [Fact]
    public async Task A_stopped_programme_can_be_resumed()
    {
        var participant = await app.NewParticipantAsync("4601");
        using var client = await CaseworkerAsync();
        AssertRedirectedToParticipant(await client.DecideAsync(participant.Id, "end", Fields(("Outcome", "Stopped"))), participant.Id);

        var response = await client.DecideAsync(participant.Id, "resumption", Fields());

        AssertRedirectedToParticipant(response, participant.Id);
        var after = await app.ParticipantAsync(participant);
        Assert.Equal(ParticipantStatus.Active, after.Status);
        Assert.Null(after.EndedOn);
    }

    [Fact]
    public async Task A_programme_that_is_not_stopped_cannot_be_resumed()
    {
        var participant = await app.NewParticipantAsync("4601");
        using var client = await CaseworkerAsync();

        var response = await client.DecideAsync(participant.Id, "resumption", Fields());

        await AssertRefusedWithAsync(response, "Bare et stanset program kan gjenopptas.");
        Assert.Empty(await app.DecisionsAsync(participant));
    }

    [Fact]
    public async Task A_decision_dated_in_the_future_is_refused()
    {
        var participant = await app.NewParticipantAsync("4601");
        using var client = await CaseworkerAsync();

        var response = await client.DecideAsync(participant.Id, "extra-hours",
            Fields(("ExtraHoursTotal", "10"), ("DecidedOn", Iso(Today.AddDays(1)))));

        await AssertRefusedWithAsync(response, "Datoen kan ikke være fram i tid.");
        Assert.Empty(await app.DecisionsAsync(participant));
    }

    [Fact]
    public async Task A_decision_without_a_reason_is_refused()
    {
        var participant = await app.NewParticipantAsync("4601");
        using var client = await CaseworkerAsync();

        var response = await client.DecideAsync(participant.Id, "extra-hours", Fields(("ExtraHoursTotal", "10"), ("Reason", "  ")));

        await AssertRefusedWithAsync(response, "Skriv begrunnelsen for vedtaket.");
        Assert.Empty(await app.DecisionsAsync(participant));
    }

    [Fact]
    public async Task A_refused_form_keeps_its_form_token_and_what_was_typed()
    {
        var participant = await app.NewParticipantAsync("4601");
        using var client = await CaseworkerAsync();
        var form = await client.OpenFormAsync(DecisionForm(participant.Id, "extra-hours"));

        var response = await client.PostAsync(form, DecisionForm(participant.Id, "extra-hours"),
            Fields(("ExtraHoursTotal", "2500"), ("Reason", "Behov for mer norsk.")));

        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains($"value=\"{form.FormToken}\"", html);
        Assert.Contains("Behov for mer norsk.", TestClient.Decode(html));
        Assert.Contains("value=\"2500\"", html);
    }

    [Fact]
    public async Task A_refused_decision_corrected_in_the_same_form_is_recorded()
    {
        var participant = await app.NewParticipantAsync("4601");
        using var client = await CaseworkerAsync();
        var url = DecisionForm(participant.Id, "extra-hours");
        var form = await client.OpenFormAsync(url);

        var refused = await client.PostAsync(form, url, Fields(("ExtraHoursTotal", "2500")));
        var corrected = await client.PostAsync(form, url, Fields(("ExtraHoursTotal", "250")));

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, refused.StatusCode);
        AssertRedirectedToParticipant(corrected, participant.Id);
        Assert.Equal(250m, (await app.ParticipantAsync(participant)).ExtraNorwegianHoursGranted);
    }

    [Fact]
    public async Task Every_decision_records_the_deciding_caseworker_and_an_audit_event()
    {
        var participant = await app.NewParticipantAsync("4601");
        var caseworker = await app.UserIdAsync(participant.TenantId, Demo.BergenCaseworker);
        using var client = await CaseworkerAsync();

        AssertRedirectedToParticipant(await client.DecideAsync(participant.Id, "extra-hours", Fields(("ExtraHoursTotal", "10"))), participant.Id);
        AssertRedirectedToParticipant(await client.DecideAsync(participant.Id, "end", Fields(("Outcome", "Stopped"))), participant.Id);

        var decisions = await app.DecisionsAsync(participant);
        Assert.Equal(2, decisions.Count);
        Assert.All(decisions, d => Assert.Equal(caseworker, d.DecidedBy));
        var audited = await app.InTenantAsync(participant.TenantId, db => db.AuditEvents.AsNoTracking()
            .Where(e => e.ParticipantId == participant.Id && e.Action == AuditAction.Decide && e.RecordType == DecisionRecorder.RecordType)
            .ToListAsync());
        Assert.Equal(decisions.Select(d => d.Id.ToString()).Order(), audited.Select(e => e.RecordId).Order());
        Assert.All(audited, e => Assert.Equal(caseworker, e.ActorId));
    }

    [Fact]
    public async Task Submitting_the_same_decision_form_twice_records_one_decision()
    {
        var participant = await app.NewParticipantAsync("4601");
        using var client = await CaseworkerAsync();
        var url = DecisionForm(participant.Id, "end");
        var form = await client.OpenFormAsync(url);

        var first = await client.PostAsync(form, url, Fields(("Outcome", "Stopped")));
        var second = await client.PostAsync(form, url, Fields(("Outcome", "Stopped")));

        AssertRedirectedToParticipant(first, participant.Id);
        AssertRedirectedToParticipant(second, participant.Id);
        Assert.Single(await app.DecisionsAsync(participant));
    }

    [Fact]
    public async Task The_decision_page_shows_the_decision_and_who_made_it()
    {
        var participant = await app.NewParticipantAsync("4601");
        using var client = await CaseworkerAsync();
        AssertRedirectedToParticipant(await client.DecideAsync(participant.Id, "leave", Fields(
            ("PeriodStart", Iso(Today.AddDays(-20))), ("PeriodEnd", Iso(Today.AddDays(-11))), ("LeaveType", "Welfare"),
            ("Reason", "Begravelse i familien."))), participant.Id);
        var decision = Assert.Single(await app.DecisionsAsync(participant));

        var html = TestClient.Decode(await client.GetPageAsync($"/participants/{participant.Id}/decisions/{decision.Id}"));

        Assert.Contains("Vedtak: Permisjon", html);
        Assert.Contains("Velferdspermisjon", html);
        Assert.Contains("Begravelse i familien.", html);
        Assert.Contains("Per Hansen", html);
        Assert.Contains(participant.Details.FamilyName!, html);
        Assert.DoesNotContain(participant.NationalId, html);
    }

    [Fact]
    public async Task Opening_a_decision_is_recorded_in_the_audit_log()
    {
        var participant = await app.NewParticipantAsync("4601");
        var caseworker = await app.UserIdAsync(participant.TenantId, Demo.BergenCaseworker);
        var decisionId = await app.RecordDecisionAsync(participant,
            new DecisionInput { Kind = DecisionKind.ExtraHoursGrant, DecidedOn = Today, Reason = "Behov.", ExtraHoursTotal = 20m }, caseworker);
        using var client = await CaseworkerAsync();

        await client.GetPageAsync($"/participants/{participant.Id}/decisions/{decisionId}");

        var reads = await app.InTenantAsync(participant.TenantId, db => db.AuditEvents.AsNoTracking()
            .Where(e => e.Action == AuditAction.Read && e.RecordType == DecisionRecorder.RecordType && e.RecordId == decisionId.ToString())
            .ToListAsync());
        var read = Assert.Single(reads);
        Assert.Equal(participant.Id, read.ParticipantId);
        Assert.Equal(caseworker, read.ActorId);
    }
}
