using System.Text;
using IntroProgram.Domain.Ledger;
using IntroProgram.Domain.Programme;
using IntroProgram.Infrastructure;
using IntroProgram.Infrastructure.Data;
using IntroProgram.Infrastructure.Ledger;
using IntroProgram.Infrastructure.Participants;
using IntroProgram.Infrastructure.Tenancy;
using IntroProgram.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static IntroProgram.Web.Tests.Hours.HoursTestSupport;

namespace IntroProgram.Web.Tests.Ledger;

/// <summary>
/// The day each requirement was reached, kept in the totals for the dashboard, always equals the day worked out from
/// the live ledger: whatever is logged (in any date order), voided, logged for a class or imported, and when an edit
/// gives the participant another rule set. The expected day is worked out here in C#, not by the product's SQL.
/// </summary>
[Collection(AppSuite.Name)]
public sealed class RequirementDaysTests(AppFactory app)
{
    private static DateOnly Today => ParticipantTestData.Today;

    [Fact]
    public async Task The_kept_days_follow_every_entry_void_and_class_session_in_any_date_order()
    {
        var number = await app.CreateMunicipalityAsync();
        var coordinator = await app.CreateUserAsync(number, "coordinator");
        var people = new List<TestParticipant>();
        for (var i = 0; i < 3; i++)
        {
            people.Add(await app.CreateParticipantAsync(number, d => d.StartingOn(Today.AddDays(-120))));
        }
        var tenant = people[0].TenantId;
        // Close to both lines before the mix begins (50 h below the Norwegian requirement, 4 h below social studies),
        // so the mix crosses them, moves the days and takes them away again.
        foreach (var person in people)
        {
            var rules = RuleSetCatalog.Standard.ForPermitDate(person.Details.PermitDate!.Value);
            var norwegian = rules.NorwegianHoursRequired - 50m;
            for (var day = 0; norwegian > 0; day++, norwegian -= 20m)
            {
                await app.LogHoursAsync(person, Today.AddDays(-115 + 3 * day), HourCategory.Norwegian, Math.Min(20m, norwegian));
            }
            var social = rules.SocialStudiesHoursRequired - 4m;
            for (var day = 0; social > 0; day++, social -= 5m)
            {
                await app.LogHoursAsync(person, Today.AddDays(-114 + 3 * day), HourCategory.SocialStudies, Math.Min(5m, social));
            }
        }
        var random = new Random(20261205);
        var moves = 0;
        var before = new DateOnly?[people.Count * 2];
        var everReached = new bool[people.Count * 2];

        for (var step = 0; step < 160; step++)
        {
            await using var scope = app.Services.GetRequiredService<TenantScopeFactory>().ForTenant(tenant);
            var ledger = scope.ServiceProvider.GetRequiredService<HourLedger>();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var who = people[random.Next(people.Count)];
            var date = Today.AddDays(-random.Next(0, 120));
            var category = random.Next(3) == 0 ? HourCategory.SocialStudies : HourCategory.Norwegian;
            var hours = category == HourCategory.Norwegian ? random.Next(2, 13) : random.Next(1, 5);
            CommandResult result;
            switch (random.Next(8))
            {
                case 0 or 1 or 2 or 3 or 4:
                    result = await ledger.LogAsync(who.Id, new HourEntryInput(date, category, hours, null), Guid.NewGuid(), coordinator.Id);
                    break;
                case 5:
                    // Voids the earliest entries most often: those are the ones that move a day.
                    var live = await db.HourEntries.Where(e => e.ParticipantId == who.Id && e.VoidedAt == null)
                        .OrderBy(e => e.Date).Select(e => e.Id).Take(6).ToListAsync();
                    if (live.Count == 0)
                    {
                        continue;
                    }
                    result = await ledger.VoidEntryAsync(who.Id, live[random.Next(live.Count)], "feilregistrert", coordinator.Id);
                    break;
                default:
                    var attendance = people.ToDictionary(p => p.Id, _ => random.Next(4) == 0 ? Attendance.AbsentExcused : Attendance.Attended);
                    result = await ledger.LogClassSessionAsync(new ClassSessionInput(date, category, Math.Min(hours, 8), "Gruppe", attendance), Guid.NewGuid(), coordinator.Id);
                    break;
            }
            Assert.True(result.Status is CommandStatus.Done or CommandStatus.Invalid, result.Status.ToString());

            for (var i = 0; i < people.Count; i++)
            {
                var (kept, expected) = await DaysAsync(people[i]);
                Assert.Equal(expected, kept);
                moves += (kept.Norwegian != before[2 * i] ? 1 : 0) + (kept.SocialStudies != before[2 * i + 1] ? 1 : 0);
                (before[2 * i], before[2 * i + 1]) = (kept.Norwegian, kept.SocialStudies);
                everReached[2 * i] |= kept.Norwegian is not null;
                everReached[2 * i + 1] |= kept.SocialStudies is not null;
            }
        }

        // Every participant reached both requirements at some point, and the days moved several times (earlier,
        // later, back to none), so the check after each step covered every way a day can move.
        Assert.All(everReached, Assert.True);
        Assert.True(moves >= 12, $"{moves} moves of a kept day");
        await app.AssertTotalsMatchLedgerAsync(tenant);
    }

    [Fact]
    public async Task An_import_that_crosses_the_line_keeps_the_day()
    {
        var number = await app.CreateMunicipalityAsync();
        var participant = await app.CreateParticipantAsync(number, d => d.StartingOn(Today.AddDays(-60)));
        var rows = new StringBuilder("fødselsnummer;dato;kategori;timer\n");
        for (var day = 40; day >= 1; day--)
        {
            rows.Append($"{participant.NationalId};{Norwegian(Today.AddDays(-day))};samfunnskunnskap;3\n");
        }

        var batch = await app.WithServiceAsync<HourImport>(participant.TenantId,
            async i => (await i.CommitAsync(Encoding.UTF8.GetBytes(rows.ToString()), "import.csv", null)).Result);

        Assert.Equal(CommandStatus.Done, batch.Status);
        var (kept, expected) = await DaysAsync(participant);
        Assert.NotNull(expected.SocialStudies);
        Assert.Equal(expected, kept);
        await app.AssertTotalsMatchLedgerAsync(participant.TenantId);
    }

    [Fact]
    public async Task An_edit_that_gives_another_rule_set_works_the_days_out_against_its_requirements()
    {
        // A permit in 2020 falls under the Introduction Act (50 h social studies), one from 2021 under the Integration
        // Act (75 h): 60 h reach the first and not the second.
        var number = await app.CreateMunicipalityAsync();
        var start = new DateOnly(2021, 2, 1);
        var participant = await app.CreateParticipantAsync(number, d => d with
        {
            PermitDate = new DateOnly(2020, 12, 20), SettlementDate = new DateOnly(2021, 1, 10), ProgrammeStart = start,
        });
        for (var day = 0; day < 6; day++)
        {
            await app.LogHoursAsync(participant, start.AddDays(day), HourCategory.SocialStudies, 10m);
        }
        var (reached, _) = await DaysAsync(participant);
        Assert.Equal(start.AddDays(4), reached.SocialStudies);

        await using (var scope = app.Services.GetRequiredService<TenantScopeFactory>().ForTenant(participant.TenantId))
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var version = await db.Participants.Where(p => p.Id == participant.Id).Select(p => p.Version).SingleAsync();
            var edit = await scope.ServiceProvider.GetRequiredService<ParticipantRegistry>()
                .UpdateAsync(participant.Id, participant.Details with { PermitDate = new DateOnly(2021, 1, 2) }, version, null);
            Assert.Equal(CommandStatus.Done, edit.Status);
            Assert.Equal(StandardRuleSets.IntegrationAct2021.Id, await db.Participants.Where(p => p.Id == participant.Id).Select(p => p.RuleSetId).SingleAsync());
        }

        var (kept, expected) = await DaysAsync(participant);
        Assert.Null(expected.SocialStudies);
        Assert.Equal(expected, kept);
        await app.AssertTotalsMatchLedgerAsync(participant.TenantId);
    }

    [Fact]
    public async Task Rows_from_before_the_days_were_kept_are_worked_out_by_the_migration_and_the_dashboard_reads_the_same_meanwhile()
    {
        var number = await app.CreateMunicipalityAsync();
        var participant = await app.CreateParticipantAsync(number, d => d.StartingOn(Today.AddDays(-30)));
        for (var day = 1; day <= 6; day++)
        {
            await app.LogHoursAsync(participant, Today.AddDays(-day), HourCategory.SocialStudies, 15m);
        }
        var (kept, expected) = await DaysAsync(participant);
        Assert.Equal(expected, kept);
        // As the rows were before the migration that added the days.
        await app.InTenantAsync(participant.TenantId, db => db.ParticipantTotals.Where(t => t.ParticipantId == participant.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.SocialStudiesReachedOn, (DateOnly?)null).SetProperty(t => t.ReachedRuleSetId, (string?)null)));
        await using (var scope = app.Services.GetRequiredService<TenantScopeFactory>().ForTenant(participant.TenantId))
        {
            var mismatches = await scope.ServiceProvider.GetRequiredService<TotalsReconciliation>().FindMismatchesAsync();
            Assert.Contains(mismatches, m => m.ParticipantId == participant.Id && m.What == "requirement days");
        }

        await using (var owner = new NpgsqlConnection(app.OwnerConnectionString))
        {
            await owner.OpenAsync();
            Assert.True(await RequirementDays.RefreshStaleEverywhereAsync(owner, RuleSetCatalog.Standard, default) >= 1);
            Assert.Equal(0, await RequirementDays.RefreshStaleEverywhereAsync(owner, RuleSetCatalog.Standard, default));
        }

        (kept, expected) = await DaysAsync(participant);
        Assert.Equal(expected, kept);
        await app.AssertTotalsMatchLedgerAsync(participant.TenantId);
    }

    private sealed record Days(DateOnly? Norwegian, DateOnly? SocialStudies);

    /// <summary>The kept days, and the days worked out here from the live ledger and the participant's rule set.</summary>
    private async Task<(Days Kept, Days Expected)> DaysAsync(TestParticipant participant)
    {
        await using var scope = app.Services.GetRequiredService<TenantScopeFactory>().ForTenant(participant.TenantId);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var totals = await db.ParticipantTotals.AsNoTracking().SingleAsync(t => t.ParticipantId == participant.Id);
        var ruleSetId = await db.Participants.Where(p => p.Id == participant.Id).Select(p => p.RuleSetId).SingleAsync();
        var rules = RuleSetCatalog.Standard.Get(ruleSetId);
        var live = await db.HourEntries.AsNoTracking().Where(e => e.ParticipantId == participant.Id && e.VoidedAt == null)
            .Select(e => new { e.Date, e.Category, e.Hours }).ToListAsync();
        DateOnly? DayOf(HourCategory category, decimal required)
        {
            var sum = 0m;
            foreach (var day in live.Where(e => e.Category == category).GroupBy(e => e.Date).OrderBy(g => g.Key))
            {
                sum += day.Sum(e => e.Hours);
                if (sum >= required)
                {
                    return day.Key;
                }
            }
            return null;
        }
        Assert.Equal(ruleSetId, totals.ReachedRuleSetId);
        return (new Days(totals.NorwegianReachedOn, totals.SocialStudiesReachedOn),
            new Days(DayOf(HourCategory.Norwegian, rules.NorwegianHoursRequired), DayOf(HourCategory.SocialStudies, rules.SocialStudiesHoursRequired)));
    }
}
