using IntroProgram.Domain.Certificates;
using IntroProgram.Domain.Decisions;
using IntroProgram.Domain.Ledger;
using IntroProgram.Domain.Participants;
using IntroProgram.Domain.Plans;
using IntroProgram.Domain.Programme;
using IntroProgram.Domain.Risk;
using IntroProgram.Infrastructure.Data;
using IntroProgram.Infrastructure.Decisions;
using IntroProgram.Infrastructure.Identity;
using IntroProgram.Infrastructure.Tenancy;
using IntroProgram.Web.Features.Home;
using IntroProgram.Web.Tests.Certificates;
using IntroProgram.Web.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace IntroProgram.Web.Tests.Home;

/// <summary>
/// Each role's start page: the counts and the links to the work, read with the clock fixed at the edges of the day,
/// the 60 days and the month (Oslo time), in a municipality of the test's own.
/// </summary>
[Collection(AppSuite.Name)]
public sealed class StartPageTests(AppFactory app)
{
    private static DateOnly Today => TestClock.Today;

    /// <summary>Half past eleven in the evening, Oslo time, on <paramref name="day"/>.</summary>
    private static DateTimeOffset LateEvening(DateOnly day) => OsloTime.StartOfDay(day.AddDays(1)).AddMinutes(-30);

    /// <summary>Half past midnight, Oslo time, on <paramref name="day"/> (still the day before in UTC).</summary>
    private static DateTimeOffset JustAfterMidnight(DateOnly day) => OsloTime.StartOfDay(day).AddMinutes(30);

    private async Task<T> ReadAsync<T>(Guid tenant, DateTimeOffset at, Func<StartPageReader, Task<T>> read)
    {
        await using var scope = app.Services.GetRequiredService<TenantScopeFactory>().ForTenant(tenant);
        var sp = scope.ServiceProvider;
        return await read(new StartPageReader(sp.GetRequiredService<AppDbContext>(), new FakeTimeProvider(at), sp.GetRequiredService<RuleSetCatalog>()));
    }

    private static QueueSection Section(CaseworkerStart start, QueueKind kind) => start[kind];

    // ---------- caseworker ----------

    [Fact]
    public async Task A_programme_ending_on_day_60_is_in_the_queue_and_one_ending_on_day_61_is_not()
    {
        var world = await app.CaseworkerWorldAsync();
        using var _ = world.Client;
        var day60 = await ParticipantEndingOnAsync(world.Number, Today.AddDays(60));
        var day61 = await ParticipantEndingOnAsync(world.Number, Today.AddDays(61));

        var late = await ReadAsync(world.TenantId, LateEvening(Today), r => r.CaseworkerAsync());
        var ending = Section(late, QueueKind.Ending);
        Assert.Equal(1, ending.Count);
        Assert.Equal(day60.Id, Assert.Single(ending.Lines).ParticipantId);
        Assert.Equal(Today.AddDays(60), ending.Lines[0].Date);

        // Half an hour into the next Oslo day the second is 60 days away too.
        var tomorrow = await ReadAsync(world.TenantId, JustAfterMidnight(Today.AddDays(1)), r => r.CaseworkerAsync());
        Assert.Equal([day60.Id, day61.Id], Section(tomorrow, QueueKind.Ending).Lines.Select(l => l.ParticipantId));

        var html = TestClient.Decode(await world.Client.GetPageAsync("/"));
        Assert.Contains("Programmet slutter innen 60 dager (1)", html);
        Assert.Contains($"href=\"/participants/{day60.Id}/decisions/new/extension\"", html);
        Assert.Contains($"href=\"/participants/{day60.Id}/decisions/new/end\"", html);
        Assert.DoesNotContain($"/participants/{day61.Id}/decisions/new", html);
    }

    [Fact]
    public async Task Leave_ending_on_the_last_day_of_the_month_is_in_the_queue_until_midnight_in_Oslo()
    {
        var world = await app.CaseworkerWorldAsync();
        using var _ = world.Client;
        var monthEnd = new DateOnly(Today.Year, Today.Month, 1).AddMonths(1).AddDays(-1);
        var lastDay = await ParticipantOnLeaveUntilAsync(world, monthEnd);
        var nextMonth = await ParticipantOnLeaveUntilAsync(world, monthEnd.AddDays(1));

        var lastEvening = await ReadAsync(world.TenantId, LateEvening(monthEnd), r => r.CaseworkerAsync());
        Assert.Equal(monthEnd, lastEvening.MonthEnd);
        Assert.Equal(lastDay.Id, Assert.Single(Section(lastEvening, QueueKind.Leave).Lines).ParticipantId);

        // Just after midnight the month has turned: the first leave has ended, the second ends this (new) month.
        var newMonth = await ReadAsync(world.TenantId, JustAfterMidnight(monthEnd.AddDays(1)), r => r.CaseworkerAsync());
        Assert.Equal(nextMonth.Id, Assert.Single(Section(newMonth, QueueKind.Leave).Lines).ParticipantId);

        var html = TestClient.Decode(await world.Client.GetPageAsync("/"));
        Assert.Contains("Permisjonen slutter denne måneden (1)", html);
        Assert.Contains($"href=\"/participants/{lastDay.Id}\"", html);
    }

    [Fact]
    public async Task Certificates_that_can_be_issued_now_are_counted_until_they_are_issued()
    {
        var world = await app.CaseworkerWorldAsync();
        using var _ = world.Client;
        var reached = await app.ParticipantWithHoursAsync(world.Number, 550m, 75m);
        var short_ = await app.ParticipantWithHoursAsync(world.Number, 549.75m, 75m);
        var ended = await app.ParticipantWithHoursAsync(world.Number, 0m, 0m);
        await app.EndProgrammeAsync(ended, world.Caseworker.Id, Today);

        var before = await ReadAsync(world.TenantId, LateEvening(Today), r => r.CaseworkerAsync());
        Assert.Equal(reached.Id, Assert.Single(Section(before, QueueKind.Evidence).Lines).ParticipantId);
        Assert.Equal(ended.Id, Assert.Single(Section(before, QueueKind.Participation).Lines).ParticipantId);
        Assert.DoesNotContain(before.Sections.SelectMany(s => s.Lines), l => l.ParticipantId == short_.Id);

        var html = TestClient.Decode(await world.Client.GetPageAsync("/"));
        Assert.Contains("Bekreftelse på gjennomført opplæring kan utstedes (1)", html);
        Assert.Contains($"href=\"/participants/{reached.Id}/certificates\"", html);
        Assert.Contains($"href=\"/participants/{ended.Id}/certificates\"", html);

        Assert.True((await app.IssueDirectAsync(world.TenantId, reached.Id, CertificateKind.PermanentResidenceEvidence, world.Caseworker.Id)).Succeeded);
        var after = await ReadAsync(world.TenantId, LateEvening(Today), r => r.CaseworkerAsync());
        Assert.Equal(0, Section(after, QueueKind.Evidence).Count);
        Assert.Equal(1, Section(after, QueueKind.Participation).Count);
    }

    [Fact]
    public async Task Hours_dated_after_a_passed_evidence_deadline_do_not_put_a_participant_in_the_queue()
    {
        var world = await app.CaseworkerWorldAsync();
        using var _ = world.Client;
        var start = Today.AddYears(-3).AddDays(-10);
        var p = await app.CreateParticipantAsync(world.Number, d => d with
        {
            PermitDate = start.AddDays(-60), SettlementDate = start.AddDays(-30), ProgrammeStart = start,
        });
        var deadline = (await app.InTenantAsync(world.TenantId, db => db.Participants.Where(x => x.Id == p.Id).Select(x => x.EvidenceDeadline).SingleAsync()))!.Value;
        await app.GiveHoursAsync(p, HourCategory.Norwegian, 549.75m, deadline.AddDays(-1));
        await app.GiveHoursAsync(p, HourCategory.SocialStudies, 75m, deadline.AddDays(-60));
        // The last quarter hour is dated the day after the deadline (recorded late, as a correction would be): the
        // maintained total says 550, the hours within the deadline do not.
        await app.InTenantAsync(world.TenantId, async db =>
        {
            db.HourEntries.Add(new HourLedgerEntry
            {
                Id = Guid.NewGuid(), ParticipantId = p.Id, Date = deadline.AddDays(1), Category = HourCategory.Norwegian,
                Hours = 0.25m, Source = EntrySource.Manual, RecordedAt = TestClock.Now,
            });
            var totals = await db.ParticipantTotals.SingleAsync(t => t.ParticipantId == p.Id);
            totals.AddHours(HourCategory.Norwegian, 0.25m);
            totals.LiveEntryCount++;
            return await db.SaveChangesAsync();
        });

        var late = await ReadAsync(world.TenantId, LateEvening(Today), r => r.CaseworkerAsync());
        Assert.Equal(0, Section(late, QueueKind.Evidence).Count);

        // The same quarter hour on the deadline itself counts.
        await app.LogHoursAsync(p, deadline, HourCategory.Norwegian, 0.25m);
        var counted = await ReadAsync(world.TenantId, LateEvening(Today), r => r.CaseworkerAsync());
        Assert.Equal(p.Id, Assert.Single(Section(counted, QueueKind.Evidence).Lines).ParticipantId);
    }

    [Fact]
    public async Task A_plan_review_is_overdue_from_the_day_after_its_date()
    {
        var world = await app.CaseworkerWorldAsync();
        using var _ = world.Client;
        var p = await app.CreateParticipantAsync(world.Number);
        await AddPlanAsync(world.TenantId, p.Id, decidedOn: Today.AddDays(-40), review: Today);

        var onTheDay = await ReadAsync(world.TenantId, LateEvening(Today), r => r.CaseworkerAsync());
        Assert.Equal(0, Section(onTheDay, QueueKind.Review).Count);

        var dayAfter = await ReadAsync(world.TenantId, JustAfterMidnight(Today.AddDays(1)), r => r.CaseworkerAsync());
        var line = Assert.Single(Section(dayAfter, QueueKind.Review).Lines);
        Assert.Equal((p.Id, Today), (line.ParticipantId, line.Date!.Value));
    }

    // ---------- coordinator ----------

    [Fact]
    public async Task The_coordinator_sees_open_flags_grouped_by_rule_with_counts_and_links_to_the_filtered_list()
    {
        var number = await app.CreateMunicipalityAsync();
        var coordinator = await app.CreateUserAsync(number, Roles.Coordinator);
        var tenant = coordinator.TenantId!.Value;
        var mine = new List<TestParticipant>();
        for (var i = 0; i < 3; i++)
        {
            mine.Add(await app.CreateParticipantAsync(number, d => d with { CoordinatorId = coordinator.Id }));
        }
        var someoneElses = await app.CreateParticipantAsync(number);
        await AddFlagAsync(tenant, mine[0].Id, RiskRuleKeys.NorwegianPace, RiskSeverity.Warning);
        await AddFlagAsync(tenant, mine[1].Id, RiskRuleKeys.NorwegianPace, RiskSeverity.Critical);
        await AddFlagAsync(tenant, mine[2].Id, RiskRuleKeys.UnexcusedAbsence, RiskSeverity.Warning);
        await AddFlagAsync(tenant, mine[2].Id, RiskRuleKeys.NoRecentHours, RiskSeverity.Warning, resolved: true);
        await AddFlagAsync(tenant, someoneElses.Id, RiskRuleKeys.NorwegianPace, RiskSeverity.Warning);

        var own = await ReadAsync(tenant, LateEvening(Today), r => r.CoordinatorAsync(coordinator.Id));
        var pace = Assert.Single(own.Flags, f => f.Rule == RiskRuleKeys.NorwegianPace);
        Assert.Equal((2, RiskSeverity.Critical, "/participants?coordinator=mine&flag=pace.norwegian"), (pace.Count, pace.Severity, pace.ListUrl));
        Assert.Equal(1, Assert.Single(own.Flags, f => f.Rule == RiskRuleKeys.UnexcusedAbsence).Count);
        Assert.DoesNotContain(own.Flags, f => f.Rule == RiskRuleKeys.NoRecentHours);
        var everyone = await ReadAsync(tenant, LateEvening(Today), r => r.CoordinatorAsync(null));
        Assert.Equal((3, "/participants?flag=pace.norwegian"), everyone.Flags.Where(f => f.Rule == RiskRuleKeys.NorwegianPace).Select(f => (f.Count, f.ListUrl)).Single());

        using var client = app.CreateTestClient();
        await client.LoginOkAsync(coordinator.Email);
        var home = TestClient.Decode(await client.GetPageAsync("/"));
        Assert.Contains("href=\"/participants?coordinator=mine&flag=pace.norwegian\">Norsk: for lavt tempo: 2 deltakere</a>", home);
        var list = TestClient.Decode(await client.GetPageAsync("/participants?coordinator=mine&flag=pace.norwegian"));
        Assert.Contains($"/participants/{mine[0].Id}\"", list);
        Assert.Contains($"/participants/{mine[1].Id}\"", list);
        Assert.DoesNotContain($"/participants/{mine[2].Id}\"", list);
        Assert.DoesNotContain($"/participants/{someoneElses.Id}\"", list);
        // A rule the app does not know filters nothing.
        Assert.Contains($"/participants/{mine[2].Id}\"", TestClient.Decode(await client.GetPageAsync("/participants?coordinator=mine&flag=no.such-rule")));
    }

    [Fact]
    public async Task The_coordinator_sees_the_class_sessions_of_this_week_from_Monday()
    {
        var number = await app.CreateMunicipalityAsync();
        var coordinator = await app.CreateUserAsync(number, Roles.Coordinator);
        var tenant = coordinator.TenantId!.Value;
        var monday = ParticipantWeek.StartOf(Today);
        var thisWeek = await AddSessionAsync(tenant, monday, "Norsk spor 2 – mandag");
        var lastWeek = await AddSessionAsync(tenant, monday.AddDays(-1), "Norsk spor 2 – søndag før");

        var start = await ReadAsync(tenant, JustAfterMidnight(monday), r => r.CoordinatorAsync(coordinator.Id));
        Assert.Equal((monday, monday.AddDays(6), 1), (start.WeekStart, start.WeekEnd, start.SessionCount));
        Assert.Equal(thisWeek, Assert.Single(start.Sessions).Id);
        // The Sunday before, late in the evening, that session's week is the current one.
        var sunday = await ReadAsync(tenant, LateEvening(monday.AddDays(-1)), r => r.CoordinatorAsync(coordinator.Id));
        Assert.Equal(lastWeek, Assert.Single(sunday.Sessions).Id);

        using var client = app.CreateTestClient();
        await client.LoginOkAsync(coordinator.Email);
        var home = TestClient.Decode(await client.GetPageAsync("/"));
        Assert.Contains($"href=\"/hours/session/{thisWeek}\"", home);
        Assert.DoesNotContain($"/hours/session/{lastWeek}", home);
    }

    // ---------- tenant admin ----------

    [Fact]
    public async Task The_tenant_admin_sees_pending_invitations_and_staff_without_two_factor()
    {
        var number = await app.CreateMunicipalityAsync();
        var admin = await app.CreateUserAsync(number, Roles.TenantAdmin);
        var tenant = admin.TenantId!.Value;
        var invited = await AddStaffAsync(tenant, Roles.Caseworker, password: false, twoFactor: false);
        var withTwoFactor = await AddStaffAsync(tenant, Roles.Coordinator, password: true, twoFactor: true);
        var withoutTwoFactor = await AddStaffAsync(tenant, Roles.Coordinator, password: true, twoFactor: false);
        var deactivated = await AddStaffAsync(tenant, Roles.Coordinator, password: false, twoFactor: false, active: false);
        var participant = await AddStaffAsync(tenant, Roles.Participant, password: false, twoFactor: false);

        var start = await ReadAsync(tenant, LateEvening(Today), r => r.AdminAsync());

        Assert.Equal(1, start.PendingCount);
        Assert.Equal(invited, Assert.Single(start.Pending).Id);
        Assert.Equal(2, start.WithoutTwoFactorCount); // the admin too
        Assert.Equal(new[] { admin.Id, withoutTwoFactor }.Order(), start.WithoutTwoFactor.Select(u => u.Id).Order());

        using var client = app.CreateTestClient();
        await client.LoginOkAsync(admin.Email);
        var home = TestClient.Decode(await client.GetPageAsync("/"));
        Assert.Contains("Invitasjoner som ikke er tatt i bruk (1)", home);
        Assert.Contains("Ansatte uten tofaktorinnlogging (2)", home);
        Assert.Contains($"href=\"/admin/users/{invited}\"", home);
        Assert.Contains($"href=\"/admin/users/{withoutTwoFactor}\"", home);
        foreach (var absent in new[] { withTwoFactor, deactivated, participant })
        {
            Assert.DoesNotContain($"/admin/users/{absent}", home);
        }
    }

    // ---------- the test's own data ----------

    /// <summary>An active participant whose planned end (start plus the rule set's normal length) is <paramref name="plannedEnd"/>.</summary>
    private async Task<TestParticipant> ParticipantEndingOnAsync(string number, DateOnly plannedEnd)
    {
        var ruleSets = app.Services.GetRequiredService<RuleSetCatalog>();
        var start = Enumerable.Range(-5, 11).Select(d => plannedEnd.AddYears(-2).AddDays(d))
            .First(s => ProgrammeDeadlines.Calculate(s, ruleSets.ForPermitDate(s.AddDays(-60))).PlannedEnd == plannedEnd);
        var p = await app.CreateParticipantAsync(number, d => d with
        {
            PermitDate = start.AddDays(-60), SettlementDate = start.AddDays(-30), ProgrammeStart = start,
        });
        var stored = await app.InTenantAsync(p.TenantId, db => db.Participants.Where(x => x.Id == p.Id).Select(x => x.PlannedEnd).SingleAsync());
        Assert.Equal(plannedEnd, stored);
        return p;
    }

    /// <summary>An active participant with approved leave from today until <paramref name="lastDay"/>.</summary>
    private async Task<TestParticipant> ParticipantOnLeaveUntilAsync(CertificateWorld world, DateOnly lastDay)
    {
        var p = await app.CreateParticipantAsync(world.Number, d => d with { CoordinatorId = null });
        await using var scope = app.Services.GetRequiredService<TenantScopeFactory>().ForTenant(world.TenantId);
        var result = await scope.ServiceProvider.GetRequiredService<DecisionRecorder>().DecideAsync(p.Id, new DecisionInput
        {
            Kind = DecisionKind.Leave, DecidedOn = Today, PeriodStart = Today, PeriodEnd = lastDay, LeaveType = LeaveType.Illness,
            Reason = "Sykepermisjon etter legeerklæring.",
        }, Guid.NewGuid(), world.Caseworker.Id);
        Assert.True(result.Succeeded, string.Join(", ", result.Errors.Select(e => e.Code)));
        return p;
    }

    private Task AddPlanAsync(Guid tenant, Guid participantId, DateOnly decidedOn, DateOnly review) =>
        app.InTenantAsync(tenant, db =>
        {
            db.IndividualPlans.Add(new IndividualPlan
            {
                Id = Guid.NewGuid(), ParticipantId = participantId, Version = 1, DecidedOn = decidedOn, DecidedAt = TestClock.Now,
                Goal = PlanGoal.Work, TargetDate = Today.AddYears(1), NorwegianLevel = CefrLevel.B1,
                Measures = [new PlanMeasure { Category = HourCategory.Norwegian, Provider = "Voksenopplæringen", Start = decidedOn, End = Today.AddYears(1), HoursPerWeek = 15m }],
                ReviewDates = [review, Today.AddMonths(6)],
            });
            return db.SaveChangesAsync();
        });

    private Task AddFlagAsync(Guid tenant, Guid participantId, string rule, RiskSeverity severity, bool resolved = false) =>
        app.InTenantAsync(tenant, db =>
        {
            db.RiskFlags.Add(new RiskFlag
            {
                Id = Guid.NewGuid(), ParticipantId = participantId, Rule = rule, Severity = severity, Facts = "{}",
                FirstSeenAt = TestClock.Now, LastEvaluatedAt = TestClock.Now, ResolvedAt = resolved ? TestClock.Now : null,
            });
            return db.SaveChangesAsync();
        });

    private async Task<Guid> AddSessionAsync(Guid tenant, DateOnly date, string title)
    {
        var id = Guid.NewGuid();
        await app.InTenantAsync(tenant, db =>
        {
            db.ClassSessions.Add(new ClassSession
            {
                Id = id, Date = date, Category = HourCategory.Norwegian, Hours = 3m, Title = title, AttendedCount = 5, AbsentCount = 1,
                RecordedAt = TestClock.Now,
            });
            return db.SaveChangesAsync();
        });
        return id;
    }

    private async Task<Guid> AddStaffAsync(Guid tenant, string role, bool password, bool twoFactor, bool active = true)
    {
        await using var scope = app.Services.GetRequiredService<TenantScopeFactory>().ForTenant(tenant);
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var email = $"{role}-{Guid.NewGuid():N}@test.introprogram.no";
        var user = new AppUser
        {
            UserName = email, Email = email, DisplayName = "Test " + role, EmailConfirmed = true, IsActive = active, TwoFactorEnabled = twoFactor,
            CreatedAt = TestClock.Now,
        };
        var created = password ? await users.CreateAsync(user, TestClient.DemoPassword) : await users.CreateAsync(user);
        Assert.True(created.Succeeded, string.Join(", ", created.Errors.Select(e => e.Code)));
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        return user.Id;
    }
}
