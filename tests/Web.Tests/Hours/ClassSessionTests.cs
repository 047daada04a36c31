using System.Text.RegularExpressions;
using IntroProgram.Domain.Programme;
using IntroProgram.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static IntroProgram.Web.Tests.Hours.HoursTestSupport;

namespace IntroProgram.Web.Tests.Hours;

[Collection(AppSuite.Name)]
public sealed class ClassSessionTests(AppFactory app)
{
    private const string SessionUrl = "/hours/session";
    private const string AllUrl = "/hours/session?all=true";

    private static Dictionary<string, string> SessionFields(DateOnly date, string hours, params (TestParticipant P, string Choice)[] rows)
    {
        var fields = new Dictionary<string, string>
        {
            ["Date"] = Iso(date), ["Category"] = nameof(HourCategory.Norwegian), ["Hours"] = hours, ["Title"] = "Norsk spor 2, gruppe B", ["All"] = "true",
        };
        foreach (var (p, choice) in rows)
        {
            fields[$"Attendance[{p.Id}]"] = choice;
        }
        return fields;
    }

    private Task<int> SessionsWithAsync(TestParticipant p) =>
        app.InTenantAsync(p.TenantId, db => db.HourEntries.Where(e => e.ParticipantId == p.Id && e.ClassSessionId != null)
            .Select(e => e.ClassSessionId).Distinct().CountAsync());

    [Fact]
    public async Task The_list_shows_the_coordinators_own_active_participants_unless_all_are_asked_for()
    {
        var me = await app.UserIdAsync(await app.MunicipalityIdAsync(Bergen), Demo.BergenCoordinator);
        var mine = await app.NewParticipantAsync(change: d => d with { CoordinatorId = me });
        var unassigned = await app.NewParticipantAsync();
        var notStarted = await app.NewParticipantAsync(change: d => d with { CoordinatorId = me, ProgrammeStart = Today.AddDays(20) });
        using var client = await app.SignedInAsync();

        var own = (await client.OpenFormAsync(SessionUrl)).Html;
        var all = (await client.OpenFormAsync(AllUrl)).Html;

        Assert.Contains(mine.Details.FamilyName!, own, StringComparison.Ordinal);
        Assert.DoesNotContain(unassigned.Details.FamilyName!, own, StringComparison.Ordinal);
        Assert.Contains(unassigned.Details.FamilyName!, all, StringComparison.Ordinal);
        Assert.Contains(mine.Details.FamilyName!, all, StringComparison.Ordinal);
        Assert.DoesNotContain(notStarted.Details.FamilyName!, all, StringComparison.Ordinal); // registered, not active
    }

    [Fact]
    public async Task A_session_gives_attendees_hours_and_the_absent_absence_in_one_go()
    {
        var attended1 = await app.NewParticipantAsync();
        var attended2 = await app.NewParticipantAsync();
        var unexcused = await app.NewParticipantAsync();
        var excused = await app.NewParticipantAsync();
        var notInGroup = await app.NewParticipantAsync();
        var day = Today.AddDays(-2);
        using var client = await app.SignedInAsync();

        var response = await client.SubmitAsync(AllUrl, SessionFields(day, "3",
            (attended1, "Attended"), (attended2, "Attended"), (unexcused, "AbsentUnexcused"), (excused, "AbsentExcused"), (notInGroup, "none")));

        var sessionId = response.RedirectId("/hours/session/");
        foreach (var p in new[] { attended1, attended2 })
        {
            var entry = Assert.Single(await app.EntriesAsync(p));
            Assert.Equal((sessionId, day, 3m, HourCategory.Norwegian), (entry.ClassSessionId, entry.Date, entry.Hours, entry.Category));
            Assert.Equal(3m, (await app.TotalsAsync(p)).NorwegianHours);
        }
        var absentUnexcused = Assert.Single(await app.AbsencesAsync(unexcused));
        Assert.Equal((sessionId, 3m, false), (absentUnexcused.ClassSessionId, absentUnexcused.Hours, absentUnexcused.Excused));
        Assert.Equal(3m, (await app.TotalsAsync(unexcused)).UnexcusedAbsenceHours);
        Assert.True(Assert.Single(await app.AbsencesAsync(excused)).Excused);
        Assert.Equal(3m, (await app.TotalsAsync(excused)).ExcusedAbsenceHours);
        Assert.Empty(await app.EntriesAsync(notInGroup));
        Assert.Empty(await app.AbsencesAsync(notInGroup));
        Assert.Empty(await app.EntriesAsync(unexcused));
        await app.AssertTotalsMatchLedgerAsync(attended1.TenantId);
    }

    [Fact]
    public async Task The_receipt_shows_the_session_with_counts_and_names()
    {
        var attended = await app.NewParticipantAsync();
        var absent = await app.NewParticipantAsync();
        using var client = await app.SignedInAsync();
        var sessionId = (await client.SubmitAsync(AllUrl, SessionFields(Today, "2,5", (attended, "Attended"), (absent, "AbsentUnexcused"))))
            .RedirectId("/hours/session/");

        var receipt = TestClient.Decode(await client.GetPageAsync($"/hours/session/{sessionId}"));

        Assert.Contains("Norsk spor 2, gruppe B", receipt, StringComparison.Ordinal);
        Assert.Contains(Today.ToString("dd.MM.yyyy", System.Globalization.CultureInfo.InvariantCulture), receipt, StringComparison.Ordinal);
        Assert.Contains("Norskopplæring", receipt, StringComparison.Ordinal);
        Assert.Contains("2,5", receipt, StringComparison.Ordinal);
        Assert.Contains(NameOf(attended), receipt, StringComparison.Ordinal);
        Assert.Contains(NameOf(absent), receipt, StringComparison.Ordinal);
        Assert.Matches(@"<dt>Til stede</dt><dd>1</dd>\s*<dt>Fraværende</dt><dd>1</dd>", receipt);
        await app.AssertTotalsMatchLedgerAsync(attended.TenantId);
    }

    [Fact]
    public async Task One_participant_breaking_a_rule_stops_the_whole_session_and_keeps_every_tick()
    {
        var fine = await app.NewParticipantAsync();
        var absent = await app.NewParticipantAsync();
        var startsLater = await app.NewParticipantAsync(change: d => d with { ProgrammeStart = Today.AddDays(-10) });
        using var client = await app.SignedInAsync();

        var response = await client.SubmitAsync(AllUrl, SessionFields(Today.AddDays(-20), "2",
            (fine, "Attended"), (absent, "AbsentExcused"), (startsLater, "Attended")));

        await response.AssertRefusedWithAsync($"{NameOf(startsLater)}: Datoen er før programstart.");
        var html = await response.BodyAsync();
        Assert.Matches(new Regex($"name=\"Attendance\\[{fine.Id}\\]\" id=\"[^\"]+\" value=\"Attended\" checked=\"checked\""), html);
        Assert.Matches(new Regex($"name=\"Attendance\\[{absent.Id}\\]\" id=\"[^\"]+\" value=\"AbsentExcused\" checked=\"checked\""), html);
        Assert.Contains($"href=\"#Attendance_{startsLater.Id}_\"", html, StringComparison.Ordinal);
        foreach (var p in new[] { fine, absent, startsLater })
        {
            Assert.Empty(await app.EntriesAsync(p));
            Assert.Empty(await app.AbsencesAsync(p));
        }
        await app.AssertTotalsMatchLedgerAsync(fine.TenantId);
    }

    [Fact]
    public async Task A_participant_past_the_last_day_the_programme_can_run_stops_the_whole_session()
    {
        var fine = await app.NewParticipantAsync();
        var overdue = await app.NewParticipantAsync(change: d => d.StartingOn(Today.AddYears(-3).AddDays(-10))); // its maximum duration ran out about ten days ago
        using var client = await app.SignedInAsync();

        var response = await client.SubmitAsync(AllUrl, SessionFields(Today.AddDays(-1), "2", (fine, "Attended"), (overdue, "Attended")));

        await response.AssertRefusedWithAsync($"{NameOf(overdue)}: Datoen er etter den siste dagen programmet kan vare");
        Assert.Empty(await app.EntriesAsync(fine));
        Assert.Empty(await app.EntriesAsync(overdue));
        await app.AssertTotalsMatchLedgerAsync(fine.TenantId);
    }

    [Fact]
    public async Task A_session_without_anyone_present_is_refused()
    {
        var absent = await app.NewParticipantAsync();
        using var client = await app.SignedInAsync();

        var response = await client.SubmitAsync(AllUrl, SessionFields(Today, "2", (absent, "AbsentUnexcused")));

        await response.AssertRefusedWithAsync("Kryss av for minst én deltaker som var til stede.");
        Assert.Empty(await app.AbsencesAsync(absent));
    }

    [Fact]
    public async Task Hours_that_are_not_quarter_hours_are_refused_for_the_session()
    {
        var p = await app.NewParticipantAsync();
        using var client = await app.SignedInAsync();

        var response = await client.SubmitAsync(AllUrl, SessionFields(Today, "1,1", (p, "Attended")));

        await response.AssertRefusedWithAsync("Timer føres i kvarter: 0,25, 0,5, 0,75 osv.");
        Assert.Empty(await app.EntriesAsync(p));
    }

    [Fact]
    public async Task A_form_with_thousands_of_rows_left_out_of_the_group_is_read_in_full()
    {
        var attended = await app.NewParticipantAsync();
        using var client = await app.SignedInAsync();
        var fields = SessionFields(Today, "1", (attended, "Attended"));
        for (var i = 0; i < 3000; i++)
        {
            fields[$"Attendance[{Guid.NewGuid()}]"] = "none"; // every listed row posts its radio, "not in this group" too
        }

        var response = await client.SubmitAsync(AllUrl, fields);

        var sessionId = response.RedirectId("/hours/session/");
        Assert.Equal(sessionId, Assert.Single(await app.EntriesAsync(attended)).ClassSessionId);
        await app.AssertTotalsMatchLedgerAsync(attended.TenantId);
    }

    [Fact]
    public async Task Submitting_the_same_session_form_twice_records_one_session()
    {
        var a = await app.NewParticipantAsync();
        var b = await app.NewParticipantAsync();
        using var client = await app.SignedInAsync();
        var page = await client.OpenFormAsync(AllUrl);
        var fields = SessionFields(Today.AddDays(-1), "2", (a, "Attended"), (b, "AbsentUnexcused"));

        var first = await client.PostAsync(page, SessionUrl, fields);
        var second = await client.PostAsync(page, SessionUrl, fields);

        var id = first.RedirectId("/hours/session/");
        Assert.Equal(id, second.RedirectId("/hours/session/"));
        Assert.Equal(1, await SessionsWithAsync(a));
        Assert.Single(await app.EntriesAsync(a));
        Assert.Single(await app.AbsencesAsync(b));
        await app.AssertTotalsMatchLedgerAsync(a.TenantId);
    }
}
