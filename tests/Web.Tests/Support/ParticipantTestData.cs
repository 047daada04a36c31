using System.Globalization;
using IntroProgram.Domain.Participants;
using IntroProgram.Domain.Programme;
using IntroProgram.Infrastructure;
using IntroProgram.Infrastructure.Data;
using IntroProgram.Infrastructure.Ledger;
using IntroProgram.Infrastructure.Participants;
using IntroProgram.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IntroProgram.Web.Tests.Support;

/// <summary>Creates participants and ledger rows through the app's own services, in one municipality's scope.</summary>
public static class ParticipantTestData
{
    public static DateOnly Today => TestClock.Today;

    /// <summary>A valid, active participant (programme started 60 days ago).</summary>
    public static ParticipantDetails ValidDetails(string? nationalId = null, DateOnly? birthDate = null) =>
        TestParticipants.ValidDetails(nationalId, birthDate);

    /// <summary>The details with a programme that starts on <paramref name="start"/>, settled a month and granted a permit two months before.</summary>
    public static ParticipantDetails StartingOn(this ParticipantDetails details, DateOnly start) =>
        details with { PermitDate = start.AddDays(-60), SettlementDate = start.AddDays(-30), ProgrammeStart = start };

    /// <summary>The last day the participant's programme can run, without leave: the extension's end or the maximum duration.</summary>
    public static async Task<DateOnly> LastAllowedDayAsync(this AppFactory app, TestParticipant participant)
    {
        await using var scope = app.Services.GetRequiredService<TenantScopeFactory>().ForTenant(participant.TenantId);
        var p = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Participants.AsNoTracking().SingleAsync(x => x.Id == participant.Id);
        return ParticipantSchedule.Deadlines(p, scope.ServiceProvider.GetRequiredService<RuleSetCatalog>().Get(p.RuleSetId), [])!.LastAllowedDay;
    }

    public static Task<TestParticipant> CreateParticipantAsync(this AppFactory app, string municipalityNumber,
        Func<ParticipantDetails, ParticipantDetails>? change = null) =>
        app.Services.CreateParticipantAsync(municipalityNumber, change);

    /// <summary>Logs hours through the ledger service; fails the test when the ledger refuses.</summary>
    public static Task<Guid> LogHoursAsync(this AppFactory app, TestParticipant participant, DateOnly date, HourCategory category, decimal hours) =>
        app.Services.LogHoursAsync(participant, date, category, hours);

    /// <summary>Every maintained total and weekly sum of the municipality equals its live ledger.</summary>
    public static async Task AssertTotalsMatchLedgerAsync(this AppFactory app, Guid tenantId)
    {
        await using var scope = app.Services.GetRequiredService<TenantScopeFactory>().ForTenant(tenantId);
        var mismatches = await scope.ServiceProvider.GetRequiredService<TotalsReconciliation>().FindMismatchesAsync();
        Assert.Empty(mismatches);
    }
}
