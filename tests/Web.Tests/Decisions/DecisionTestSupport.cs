using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using IntroProgram.Domain.Decisions;
using IntroProgram.Domain.Participants;
using IntroProgram.Infrastructure;
using IntroProgram.Infrastructure.Data;
using IntroProgram.Infrastructure.Decisions;
using IntroProgram.Infrastructure.Tenancy;
using IntroProgram.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IntroProgram.Web.Tests.Decisions;

/// <summary>Submitting the decision and test forms as a browser would, and reading what they wrote.</summary>
public static partial class DecisionTestSupport
{
    public const string TromsoCaseworker = "saksbehandler@tromso.demo.introprogram.no";

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string DecisionForm(Guid participantId, string kind) => $"/participants/{participantId}/decisions/new/{kind}";

    public static string TestForm(Guid participantId, string kind) => $"/participants/{participantId}/tests/new/{kind}";

    public static Task<HttpResponseMessage> DecideAsync(this TestClient client, Guid participantId, string kind, IDictionary<string, string> fields) =>
        client.SubmitAsync(DecisionForm(participantId, kind), fields);

    /// <summary>The common fields of a valid decision, dated today.</summary>
    public static Dictionary<string, string> Fields(params (string Key, string Value)[] fields)
    {
        var all = new Dictionary<string, string>
        {
            ["DecidedOn"] = Iso(ParticipantTestData.Today),
            ["Reason"] = "Vurdert etter samtale med deltakeren.",
        };
        foreach (var (key, value) in fields)
        {
            all[key] = value;
        }
        return all;
    }

    public static void AssertRedirectedToParticipant(HttpResponseMessage response, Guid participantId)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/participants/{participantId}", response.Headers.Location?.OriginalString);
    }

    public static async Task AssertRefusedWithAsync(HttpResponseMessage response, string message)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = TestClient.Decode(await response.Content.ReadAsStringAsync());
        Assert.Contains(message, html);
    }

    public static Task<Participant> ParticipantAsync(this AppFactory app, TestParticipant participant) =>
        app.InTenantAsync(participant.TenantId, db => db.Participants.AsNoTracking().SingleAsync(p => p.Id == participant.Id));

    public static Task<List<Decision>> DecisionsAsync(this AppFactory app, TestParticipant participant) =>
        app.InTenantAsync(participant.TenantId, db => db.Decisions.AsNoTracking().Where(d => d.ParticipantId == participant.Id).ToListAsync());

    public static Task<List<TestResult>> TestResultsAsync(this AppFactory app, TestParticipant participant) =>
        app.InTenantAsync(participant.TenantId, db => db.TestResults.AsNoTracking().Where(t => t.ParticipantId == participant.Id).ToListAsync());

    /// <summary>Records a decision directly through the service, as <paramref name="actorId"/>; fails the test when refused.</summary>
    public static async Task<Guid> RecordDecisionAsync(this AppFactory app, TestParticipant participant, DecisionInput input, Guid actorId)
    {
        await using var scope = app.Services.GetRequiredService<TenantScopeFactory>().ForTenant(participant.TenantId);
        var result = await scope.ServiceProvider.GetRequiredService<DecisionRecorder>().DecideAsync(participant.Id, input, Guid.NewGuid(), actorId);
        Assert.True(result.Status == CommandStatus.Done, string.Join(", ", result.Errors.Select(e => e.Field + ":" + e.Code)));
        return result.Id!.Value;
    }
}
