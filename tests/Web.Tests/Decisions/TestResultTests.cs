using IntroProgram.Domain.Auditing;
using IntroProgram.Domain.Decisions;
using IntroProgram.Infrastructure.Decisions;
using IntroProgram.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static IntroProgram.Web.Tests.Decisions.DecisionTestSupport;

namespace IntroProgram.Web.Tests.Decisions;

/// <summary>The caseworker's forms for the Norwegian test and the social-studies test.</summary>
[Collection(AppSuite.Name)]
public sealed class TestResultTests(AppFactory app)
{
    private static DateOnly Today => TestClock.Today;

    private async Task<TestClient> CaseworkerAsync()
    {
        var client = app.CreateTestClient();
        await client.LoginOkAsync(Demo.BergenCaseworker);
        return client;
    }

    [Fact]
    public async Task A_norwegian_test_is_recorded_with_the_skills_that_were_taken()
    {
        var participant = await app.NewParticipantAsync("4601");
        var caseworker = await app.UserIdAsync(participant.TenantId, Demo.BergenCaseworker);
        using var client = await CaseworkerAsync();

        var response = await client.SubmitAsync(TestForm(participant.Id, "norwegian"), new Dictionary<string, string>
        {
            ["TakenOn"] = Iso(Today.AddDays(-7)), ["Reading"] = "B1", ["Oral"] = "A2", ["Listening"] = "", ["Writing"] = "",
        });

        AssertRedirectedToParticipant(response, participant.Id);
        var result = Assert.Single(await app.TestResultsAsync(participant));
        Assert.Equal(TestKind.Norwegian, result.Kind);
        Assert.Equal(Today.AddDays(-7), result.TakenOn);
        Assert.Equal(CefrLevel.B1, result.Reading);
        Assert.Equal(CefrLevel.A2, result.Oral);
        Assert.Null(result.Listening);
        Assert.Null(result.Writing);
        Assert.Equal(caseworker, result.RecordedBy);
    }

    [Fact]
    public async Task A_passed_social_studies_test_is_recorded_with_its_language()
    {
        var participant = await app.NewParticipantAsync("4601");
        using var client = await CaseworkerAsync();

        var response = await client.SubmitAsync(TestForm(participant.Id, "social-studies"), new Dictionary<string, string>
        {
            ["TakenOn"] = Iso(Today.AddDays(-3)), ["Passed"] = "true", ["Language"] = "ar", ["Note"] = "Tatt muntlig.",
        });

        AssertRedirectedToParticipant(response, participant.Id);
        var result = Assert.Single(await app.TestResultsAsync(participant));
        Assert.Equal(TestKind.SocialStudies, result.Kind);
        Assert.True(result.Passed);
        Assert.Equal("ar", result.Language);
        Assert.Equal("Tatt muntlig.", result.Note);
    }

    [Fact]
    public async Task Recording_a_test_result_writes_a_decide_audit_event()
    {
        var participant = await app.NewParticipantAsync("4601");
        using var client = await CaseworkerAsync();

        AssertRedirectedToParticipant(await client.SubmitAsync(TestForm(participant.Id, "social-studies"), new Dictionary<string, string>
        {
            ["TakenOn"] = Iso(Today), ["Passed"] = "false",
        }), participant.Id);

        var result = Assert.Single(await app.TestResultsAsync(participant));
        var audited = await app.InTenantAsync(participant.TenantId, db => db.AuditEvents.AsNoTracking()
            .Where(e => e.RecordId == result.Id.ToString()).ToListAsync());
        var e = Assert.Single(audited);
        Assert.Equal(AuditAction.Decide, e.Action);
        Assert.Equal(DecisionRecorder.TestRecordType, e.RecordType);
    }

    [Fact]
    public async Task A_norwegian_test_with_no_level_is_refused()
    {
        var participant = await app.NewParticipantAsync("4601");
        using var client = await CaseworkerAsync();

        var response = await client.SubmitAsync(TestForm(participant.Id, "norwegian"), new Dictionary<string, string>
        {
            ["TakenOn"] = Iso(Today), ["Reading"] = "", ["Listening"] = "", ["Writing"] = "", ["Oral"] = "",
        });

        await AssertRefusedWithAsync(response, "Fyll inn minst ett resultat.");
        Assert.Empty(await app.TestResultsAsync(participant));
    }

    [Fact]
    public async Task A_social_studies_test_without_pass_or_fail_is_refused()
    {
        var participant = await app.NewParticipantAsync("4601");
        using var client = await CaseworkerAsync();

        var response = await client.SubmitAsync(TestForm(participant.Id, "social-studies"), new Dictionary<string, string>
        {
            ["TakenOn"] = Iso(Today),
        });

        await AssertRefusedWithAsync(response, "Fyll inn minst ett resultat.");
        Assert.Empty(await app.TestResultsAsync(participant));
    }

    [Fact]
    public async Task A_test_dated_in_the_future_is_refused()
    {
        var participant = await app.NewParticipantAsync("4601");
        using var client = await CaseworkerAsync();

        var response = await client.SubmitAsync(TestForm(participant.Id, "norwegian"), new Dictionary<string, string>
        {
            ["TakenOn"] = Iso(Today.AddDays(2)), ["Reading"] = "A2",
        });

        await AssertRefusedWithAsync(response, "Datoen kan ikke være fram i tid.");
        Assert.Empty(await app.TestResultsAsync(participant));
    }

    [Fact]
    public async Task A_test_dated_the_day_before_the_programme_start_is_refused()
    {
        var participant = await app.NewParticipantAsync("4601");
        var start = participant.Details.ProgrammeStart!.Value;
        using var client = await CaseworkerAsync();

        var response = await client.SubmitAsync(TestForm(participant.Id, "norwegian"), new Dictionary<string, string>
        {
            ["TakenOn"] = Iso(start.AddDays(-1)), ["Reading"] = "A2",
        });

        await AssertRefusedWithAsync(response, $"Testdatoen er før programstart ({start.ToString("dd.MM.yyyy", System.Globalization.CultureInfo.InvariantCulture)}).");
        Assert.Empty(await app.TestResultsAsync(participant));
    }

    [Fact]
    public async Task A_test_for_a_participant_without_a_programme_start_is_refused()
    {
        var participant = await app.NewParticipantAsync("4601", d => d with { ProgrammeStart = null });
        using var client = await CaseworkerAsync();

        var response = await client.SubmitAsync(TestForm(participant.Id, "social-studies"), new Dictionary<string, string>
        {
            ["TakenOn"] = Iso(Today.AddDays(-1)), ["Passed"] = "true",
        });

        await AssertRefusedWithAsync(response, "Deltakeren har ingen programstart ennå.");
        Assert.Empty(await app.TestResultsAsync(participant));
    }

    [Fact]
    public async Task A_test_taken_after_the_programme_ended_is_recorded()
    {
        var participant = await app.NewParticipantAsync("4601");
        var caseworker = await app.UserIdAsync(participant.TenantId, Demo.BergenCaseworker);
        await app.RecordDecisionAsync(participant, new DecisionInput
        {
            Kind = DecisionKind.ProgrammeEnd, DecidedOn = Today.AddDays(-10), Outcome = Domain.Participants.ParticipantStatus.Completed, Reason = "Fullført.",
        }, caseworker);
        using var client = await CaseworkerAsync();

        var response = await client.SubmitAsync(TestForm(participant.Id, "norwegian"), new Dictionary<string, string>
        {
            ["TakenOn"] = Iso(Today.AddDays(-2)), ["Oral"] = "B1",
        });

        AssertRedirectedToParticipant(response, participant.Id);
        Assert.Equal(Today.AddDays(-2), Assert.Single(await app.TestResultsAsync(participant)).TakenOn);
    }

    [Fact]
    public async Task Submitting_the_same_test_form_twice_records_one_result()
    {
        var participant = await app.NewParticipantAsync("4601");
        using var client = await CaseworkerAsync();
        var url = TestForm(participant.Id, "norwegian");
        var form = await client.OpenFormAsync(url);
        var fields = new Dictionary<string, string> { ["TakenOn"] = Iso(Today), ["Writing"] = "B2" };

        AssertRedirectedToParticipant(await client.PostAsync(form, url, fields), participant.Id);
        AssertRedirectedToParticipant(await client.PostAsync(form, url, fields), participant.Id);

        Assert.Single(await app.TestResultsAsync(participant));
    }

    [Fact]
    public async Task The_norwegian_test_form_offers_a_level_for_each_skill()
    {
        var participant = await app.NewParticipantAsync("4601");
        using var client = await CaseworkerAsync();

        var html = TestClient.Decode(await client.GetPageAsync(TestForm(participant.Id, "norwegian")));

        foreach (var skill in new[] { "Leseforståelse", "Lytteforståelse", "Skriftlig framstilling", "Muntlig" })
        {
            Assert.Contains(skill, html);
        }
        Assert.Contains("<option value=\"BelowA1\">Under A1</option>", html);
    }
}
