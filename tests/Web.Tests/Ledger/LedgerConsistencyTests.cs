using IntroProgram.Domain.Ledger;
using IntroProgram.Domain.Programme;
using IntroProgram.Infrastructure;
using IntroProgram.Infrastructure.Data;
using IntroProgram.Infrastructure.Ledger;
using IntroProgram.Infrastructure.Tenancy;
using IntroProgram.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IntroProgram.Web.Tests.Ledger;

/// <summary>The maintained totals and weekly sums always equal the live ledger, whatever is logged, voided or refused.</summary>
[Collection(AppSuite.Name)]
public sealed class LedgerConsistencyTests(AppFactory app)
{
    [Fact]
    public async Task Totals_equal_the_live_ledger_after_a_random_mix_of_entries_voids_absence_and_sessions()
    {
        var number = await app.CreateMunicipalityAsync();
        var coordinator = await app.CreateUserAsync(number, "coordinator");
        var people = new List<TestParticipant>();
        for (var i = 0; i < 4; i++)
        {
            people.Add(await app.CreateParticipantAsync(number, d => d with { PermitDate = ParticipantTestData.Today.AddDays(-260), SettlementDate = ParticipantTestData.Today.AddDays(-230), ProgrammeStart = ParticipantTestData.Today.AddDays(-200) }));
        }
        var tenant = people[0].TenantId;
        var random = new Random(20261124);
        var categories = Enum.GetValues<HourCategory>().Where(c => c != HourCategory.ExtraNorwegian).ToArray();
        var done = 0;
        var refused = 0;

        for (var step = 0; step < 150; step++)
        {
            await using var scope = app.Services.GetRequiredService<TenantScopeFactory>().ForTenant(tenant);
            var ledger = scope.ServiceProvider.GetRequiredService<HourLedger>();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var who = people[random.Next(people.Count)];
            var date = ParticipantTestData.Today.AddDays(-random.Next(0, 210)); // some dates fall before the start: refused
            var hours = random.Next(-1, 40) * 0.25m; // some zero/negative: refused
            CommandResult result;
            switch (random.Next(6))
            {
                case 0 or 1 or 2:
                    result = await ledger.LogAsync(who.Id, new HourEntryInput(date, categories[random.Next(categories.Length)], hours, null), Guid.NewGuid(), coordinator.Id);
                    break;
                case 3:
                    result = await ledger.RecordAbsenceAsync(who.Id, new AbsenceInput(date, hours, random.Next(2) == 0, null), Guid.NewGuid(), coordinator.Id);
                    break;
                case 4:
                    var live = await db.HourEntries.Where(e => e.ParticipantId == who.Id && e.VoidedAt == null).Select(e => e.Id).ToListAsync();
                    if (live.Count == 0)
                    {
                        continue;
                    }
                    result = await ledger.VoidEntryAsync(who.Id, live[random.Next(live.Count)], "feilregistrert", coordinator.Id);
                    break;
                default:
                    var attendance = people.ToDictionary(p => p.Id, _ => (Attendance)random.Next(3));
                    result = await ledger.LogClassSessionAsync(new ClassSessionInput(date, HourCategory.Norwegian, hours, "Gruppe", attendance), Guid.NewGuid(), coordinator.Id);
                    break;
            }
            if (result.Status == CommandStatus.Done)
            {
                done++;
            }
            else
            {
                Assert.Equal(CommandStatus.Invalid, result.Status);
                refused++;
            }
        }

        // Both kinds of outcome happened, so the check below covers writes and refusals alike.
        Assert.True(done > 30, $"{done} writes");
        Assert.True(refused > 10, $"{refused} refusals");
        await app.AssertTotalsMatchLedgerAsync(tenant);
    }

    [Fact]
    public async Task A_mismatch_between_totals_and_ledger_is_detected()
    {
        var number = await app.CreateMunicipalityAsync();
        var participant = await app.CreateParticipantAsync(number);
        await app.LogHoursAsync(participant, ParticipantTestData.Today.AddDays(-1), HourCategory.Norwegian, 3m);
        await using var scope = app.Services.GetRequiredService<TenantScopeFactory>().ForTenant(participant.TenantId);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var totals = await db.ParticipantTotals.SingleAsync(t => t.ParticipantId == participant.Id);
        totals.NorwegianHours += 1m;
        await db.SaveChangesAsync();

        var mismatches = await scope.ServiceProvider.GetRequiredService<TotalsReconciliation>().FindMismatchesAsync();

        Assert.Contains(mismatches, m => m.ParticipantId == participant.Id && m.What == "hours");
    }

    [Fact]
    public async Task The_database_refuses_to_edit_a_ledger_entry_even_for_the_app()
    {
        var number = await app.CreateMunicipalityAsync();
        var participant = await app.CreateParticipantAsync(number);
        var entryId = await app.LogHoursAsync(participant, ParticipantTestData.Today.AddDays(-1), HourCategory.Norwegian, 3m);
        await using var scope = app.Services.GetRequiredService<TenantScopeFactory>().ForTenant(participant.TenantId);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();

        var error = await Assert.ThrowsAsync<Npgsql.PostgresException>(() =>
            db.Database.ExecuteSqlInterpolatedAsync($"UPDATE hour_entries SET hours = 5 WHERE id = {entryId}"));

        Assert.Equal("23514", error.SqlState); // check_violation from the void-only trigger
        Assert.Equal(3m, await db.HourEntries.Where(e => e.Id == entryId).Select(e => e.Hours).SingleAsync());
    }

    [Fact]
    public async Task Logging_for_a_participant_of_another_municipality_finds_nothing()
    {
        var other = await app.CreateParticipantAsync("5501");
        var bergen = await app.MunicipalityIdAsync("4601");
        await using var scope = app.Services.GetRequiredService<TenantScopeFactory>().ForTenant(bergen);
        var ledger = scope.ServiceProvider.GetRequiredService<HourLedger>();

        var result = await ledger.LogAsync(other.Id, new HourEntryInput(ParticipantTestData.Today, HourCategory.Norwegian, 2m, null), Guid.NewGuid(), null);

        Assert.Equal(CommandStatus.NotFound, result.Status);
        await using var tromso = app.Services.GetRequiredService<TenantScopeFactory>().ForTenant(other.TenantId);
        Assert.Equal(0, await tromso.ServiceProvider.GetRequiredService<AppDbContext>().HourEntries.CountAsync(e => e.ParticipantId == other.Id));
    }
}
