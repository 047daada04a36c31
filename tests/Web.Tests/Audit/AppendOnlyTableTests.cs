using IntroProgram.Domain.Decisions;
using IntroProgram.Domain.Programme;
using IntroProgram.Infrastructure.Decisions;
using IntroProgram.Infrastructure.Tenancy;
using IntroProgram.Web.Tests.Decisions;
using IntroProgram.Web.Tests.Support;
using Npgsql;

namespace IntroProgram.Web.Tests.Audit;

/// <summary>
/// The records of what happened cannot be rewritten by the app's own database role, whatever a bug in the app
/// might try: the audit log and decisions are insert-only, ledger rows can only be voided.
/// </summary>
[Collection(AppSuite.Name)]
public sealed class AppendOnlyTableTests(AppFactory app)
{
    private const string InsufficientPrivilege = "42501";

    /// <summary>A participant with an hour entry, a decision and their audit events, so every statement has rows to touch.</summary>
    private async Task<TestParticipant> ParticipantWithHistoryAsync()
    {
        var participant = await app.NewParticipantAsync("4601");
        await app.LogHoursAsync(participant, ParticipantTestData.Today.AddDays(-1), HourCategory.Norwegian, 3m);
        var caseworker = await app.UserIdAsync(participant.TenantId, Demo.BergenCaseworker);
        await app.RecordDecisionAsync(participant, new DecisionInput
        {
            Kind = DecisionKind.ExtraHoursGrant, DecidedOn = ParticipantTestData.Today, Reason = "Behov.", ExtraHoursTotal = 10m,
        }, caseworker);
        return participant;
    }

    private async Task<PostgresException> ExecuteAsAppAsync(TestParticipant participant, string sql)
    {
        await using var connection = new NpgsqlConnection(app.AppConnectionString);
        await connection.OpenAsync();
        await TenantSession.UseTenantAsync(connection, participant.TenantId);
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = participant.Id });
        return await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
    }

    [Theory]
    [InlineData("UPDATE audit_events SET details = 'x' WHERE participant_id = $1")]
    [InlineData("DELETE FROM audit_events WHERE participant_id = $1")]
    public async Task The_app_role_cannot_change_or_delete_audit_events(string sql)
    {
        var participant = await ParticipantWithHistoryAsync();

        var error = await ExecuteAsAppAsync(participant, sql);

        Assert.Equal(InsufficientPrivilege, error.SqlState);
    }

    [Theory]
    [InlineData("UPDATE decisions SET reason = 'x' WHERE participant_id = $1")]
    [InlineData("DELETE FROM decisions WHERE participant_id = $1")]
    public async Task The_app_role_cannot_change_or_delete_decisions(string sql)
    {
        var participant = await ParticipantWithHistoryAsync();

        var error = await ExecuteAsAppAsync(participant, sql);

        Assert.Equal(InsufficientPrivilege, error.SqlState);
    }

    [Fact]
    public async Task The_app_role_cannot_delete_hour_entries()
    {
        var participant = await ParticipantWithHistoryAsync();

        var error = await ExecuteAsAppAsync(participant, "DELETE FROM hour_entries WHERE participant_id = $1");

        Assert.Equal(InsufficientPrivilege, error.SqlState);
    }

    [Fact]
    public async Task The_app_role_cannot_edit_the_hours_of_a_ledger_entry()
    {
        var participant = await ParticipantWithHistoryAsync();

        // Voiding is the one update the trigger allows; changing the hours is refused.
        var error = await ExecuteAsAppAsync(participant, "UPDATE hour_entries SET hours = 1 WHERE participant_id = $1");

        Assert.Equal(PostgresErrorCodes.CheckViolation, error.SqlState);
    }
}
