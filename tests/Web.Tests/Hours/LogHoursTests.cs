using System.Net;
using IntroProgram.Domain.Decisions;
using IntroProgram.Domain.Programme;
using IntroProgram.Web.Tests.Support;
using static IntroProgram.Web.Tests.Hours.HoursTestSupport;

namespace IntroProgram.Web.Tests.Hours;

[Collection(AppSuite.Name)]
public sealed class LogHoursTests(AppFactory app)
{
    [Fact]
    public async Task The_form_names_the_participants_approved_leave_merged_and_in_date_order()
    {
        var p = await app.NewParticipantAsync();
        var caseworker = await app.UserIdAsync(p.TenantId, Demo.BergenCaseworker);
        foreach (var (first, last) in new[] { (Today.AddDays(-20), Today.AddDays(-15)), (Today.AddDays(-40), Today.AddDays(-35)), (Today.AddDays(-14), Today.AddDays(-12)) })
        {
            await Decisions.DecisionTestSupport.RecordDecisionAsync(app, p, new DecisionInput
            {
                Kind = DecisionKind.Leave, DecidedOn = first, PeriodStart = first, PeriodEnd = last, LeaveType = LeaveType.Illness, Reason = "Sykdom.",
            }, caseworker);
        }
        var plain = await app.NewParticipantAsync();
        using var client = await app.SignedInAsync();

        var page = (await client.OpenFormAsync(LogUrl(p))).Html;
        var withoutLeave = (await client.OpenFormAsync(LogUrl(plain))).Html;

        // The second and third periods touch, so they are one stretch of days.
        Assert.Contains($"<dt>Godkjent permisjon</dt>", page, StringComparison.Ordinal);
        Assert.Contains($"{Norwegian(Today.AddDays(-40))}–{Norwegian(Today.AddDays(-35))}, {Norwegian(Today.AddDays(-20))}–{Norwegian(Today.AddDays(-12))}",
            page, StringComparison.Ordinal);
        Assert.DoesNotContain("Godkjent permisjon", withoutLeave, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_form_shows_the_participants_name_masked_national_id_and_current_totals()
    {
        var p = await app.NewParticipantAsync();
        await app.LogHoursAsync(p, Today.AddDays(-2), HourCategory.SocialStudies, 3.75m);
        using var client = await app.SignedInAsync();

        var page = await client.OpenFormAsync(LogUrl(p));

        Assert.Contains(NameOf(p), page.Html, StringComparison.Ordinal);
        Assert.Contains(p.NationalId[..6] + "*****", page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain(p.NationalId, page.Html, StringComparison.Ordinal);
        Assert.Contains("3,75", page.Html, StringComparison.Ordinal);
        Assert.Contains($"value=\"{Iso(Today)}\"", page.Html, StringComparison.Ordinal); // the date defaults to today
    }

    [Fact]
    public async Task Logging_hours_writes_one_entry_updates_the_totals_and_returns_to_the_participant()
    {
        var p = await app.NewParticipantAsync();
        using var client = await app.SignedInAsync();

        var response = await client.SubmitAsync(LogUrl(p), HourFields(Today.AddDays(-1), "3", note: "Gruppe A"));

        response.AssertRedirectTo(ParticipantUrl(p));
        var entry = Assert.Single(await app.EntriesAsync(p));
        Assert.Equal((Today.AddDays(-1), HourCategory.Norwegian, 3m, "Gruppe A"), (entry.Date, entry.Category, entry.Hours, entry.Note));
        Assert.NotNull(entry.RecordedBy);
        Assert.Equal(3m, (await app.TotalsAsync(p)).NorwegianHours);
        await app.AssertTotalsMatchLedgerAsync(p.TenantId);
    }

    [Theory]
    [InlineData("1,5")]
    [InlineData("1.5")]
    [InlineData(" 1,50 ")]
    public async Task Hours_with_a_decimal_comma_or_point_are_accepted(string typed)
    {
        var p = await app.NewParticipantAsync();
        using var client = await app.SignedInAsync();

        var response = await client.SubmitAsync(LogUrl(p), HourFields(Today, typed, HourCategory.CareerGuidance));

        response.AssertRedirectTo(ParticipantUrl(p));
        Assert.Equal(1.5m, Assert.Single(await app.EntriesAsync(p)).Hours);
        Assert.Equal(1.5m, (await app.TotalsAsync(p)).CareerGuidanceHours);
        await app.AssertTotalsMatchLedgerAsync(p.TenantId);
    }

    [Theory]
    [InlineData("0", "Antall timer må være mer enn 0.")]
    [InlineData("-2", "Antall timer må være mer enn 0.")]
    [InlineData("-1,5", "Antall timer må være mer enn 0.")]
    [InlineData("0,3", "Timer føres i kvarter: 0,25, 0,5, 0,75 osv.")]
    [InlineData("to", "Skriv antall timer som et tall, for eksempel 1,5.")]
    [InlineData("1,5.2", "Skriv antall timer som et tall, for eksempel 1,5.")]
    [InlineData("", "Feltet må fylles ut.")]
    public async Task Hours_that_break_a_rule_are_refused_with_the_reason_next_to_the_field(string typed, string message)
    {
        var p = await app.NewParticipantAsync();
        using var client = await app.SignedInAsync();

        var response = await client.SubmitAsync(LogUrl(p), HourFields(Today, typed));

        await response.AssertRefusedWithAsync(message);
        Assert.Contains($"value=\"{typed}\"", await response.BodyAsync(), StringComparison.Ordinal); // what was typed is kept
        Assert.Empty(await app.EntriesAsync(p));
        await app.AssertTotalsMatchLedgerAsync(p.TenantId);
    }

    [Fact]
    public async Task A_day_total_above_24_hours_is_refused()
    {
        var p = await app.NewParticipantAsync();
        var day = Today.AddDays(-4);
        using var client = await app.SignedInAsync();
        (await client.SubmitAsync(LogUrl(p), HourFields(day, "20"))).AssertRedirectTo(ParticipantUrl(p));

        var response = await client.SubmitAsync(LogUrl(p), HourFields(day, "5", HourCategory.WorkOriented));

        await response.AssertRefusedWithAsync("Deltakeren ville fått mer enn 24 timer denne dagen.");
        Assert.Equal(20m, Assert.Single(await app.EntriesAsync(p)).Hours);
        await app.AssertTotalsMatchLedgerAsync(p.TenantId);
    }

    [Fact]
    public async Task Hours_before_the_programme_start_are_refused()
    {
        var p = await app.NewParticipantAsync();
        using var client = await app.SignedInAsync();

        var response = await client.SubmitAsync(LogUrl(p), HourFields(p.Details.ProgrammeStart!.Value.AddDays(-1), "2"));

        await response.AssertRefusedWithAsync("Datoen er før programstart.");
        Assert.Empty(await app.EntriesAsync(p));
        await app.AssertTotalsMatchLedgerAsync(p.TenantId);
    }

    [Fact]
    public async Task Hours_in_the_future_are_refused()
    {
        var p = await app.NewParticipantAsync();
        using var client = await app.SignedInAsync();

        var response = await client.SubmitAsync(LogUrl(p), HourFields(Today.AddDays(1), "2"));

        await response.AssertRefusedWithAsync("Datoen er fram i tid. Timer føres når de er gjennomført.");
        Assert.Empty(await app.EntriesAsync(p));
        await app.AssertTotalsMatchLedgerAsync(p.TenantId);
    }

    [Fact]
    public async Task Extra_Norwegian_hours_beyond_the_grant_are_refused()
    {
        var p = await app.NewParticipantAsync(); // nothing granted
        using var client = await app.SignedInAsync();

        var response = await client.SubmitAsync(LogUrl(p), HourFields(Today, "1", HourCategory.ExtraNorwegian));

        await response.AssertRefusedWithAsync("Timene går ut over de innvilgede ekstra norsktimene. Saksbehandler må innvilge flere timer først.");
        Assert.Empty(await app.EntriesAsync(p));
        await app.AssertTotalsMatchLedgerAsync(p.TenantId);
    }

    [Fact]
    public async Task A_missing_category_is_refused()
    {
        var p = await app.NewParticipantAsync();
        using var client = await app.SignedInAsync();
        var fields = HourFields(Today, "2");
        fields["Category"] = "";

        var response = await client.SubmitAsync(LogUrl(p), fields);

        await response.AssertRefusedWithAsync("Feltet må fylles ut.");
        Assert.Empty(await app.EntriesAsync(p));
    }

    [Fact]
    public async Task A_refused_form_keeps_its_form_token_so_the_corrected_submit_is_saved()
    {
        var p = await app.NewParticipantAsync();
        using var client = await app.SignedInAsync();
        var page = await client.OpenFormAsync(LogUrl(p));

        var refused = await client.PostAsync(page, LogUrl(p), HourFields(Today, "0,3"));
        Assert.Contains(page.FormToken.ToString()!, await refused.BodyAsync(), StringComparison.Ordinal);
        var corrected = await client.PostAsync(page, LogUrl(p), HourFields(Today, "0,25"));

        corrected.AssertRedirectTo(ParticipantUrl(p));
        Assert.Equal(0.25m, Assert.Single(await app.EntriesAsync(p)).Hours);
        await app.AssertTotalsMatchLedgerAsync(p.TenantId);
    }

    [Fact]
    public async Task Submitting_the_same_form_twice_writes_one_entry_and_both_submits_redirect()
    {
        var p = await app.NewParticipantAsync();
        using var client = await app.SignedInAsync();
        var page = await client.OpenFormAsync(LogUrl(p));

        var first = await client.PostAsync(page, LogUrl(p), HourFields(Today, "2"));
        var second = await client.PostAsync(page, LogUrl(p), HourFields(Today, "2"));

        first.AssertRedirectTo(ParticipantUrl(p));
        second.AssertRedirectTo(ParticipantUrl(p));
        Assert.Single(await app.EntriesAsync(p));
        Assert.Equal(2m, (await app.TotalsAsync(p)).NorwegianHours);
        await app.AssertTotalsMatchLedgerAsync(p.TenantId);
    }

    [Fact]
    public async Task Ten_parallel_submits_from_two_coordinators_are_all_kept_and_the_totals_equal_their_sum()
    {
        var p = await app.NewParticipantAsync();
        var colleague = await app.CreateUserAsync(Bergen, "coordinator");
        using var one = await app.SignedInAsync();
        using var two = await app.SignedInAsync(colleague.Email);
        var pages = new[] { await one.OpenFormAsync(LogUrl(p)), await two.OpenFormAsync(LogUrl(p)) };
        var clients = new[] { one, two };
        var day = Today.AddDays(-6);

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
        {
            var fields = HourFields(day, "2", i % 2 == 0 ? HourCategory.Norwegian : HourCategory.SocialStudies);
            fields["FormToken"] = Guid.NewGuid().ToString();
            return clients[i % 2].PostAsync(pages[i % 2], LogUrl(p), fields);
        }));

        Assert.All(responses, r => r.AssertRedirectTo(ParticipantUrl(p)));
        var entries = await app.EntriesAsync(p);
        Assert.Equal(10, entries.Count);
        var totals = await app.TotalsAsync(p);
        Assert.Equal((10m, 10m, 10), (totals.NorwegianHours, totals.SocialStudiesHours, totals.LiveEntryCount));
        Assert.Equal(20m, entries.Sum(e => e.Hours));
        await app.AssertTotalsMatchLedgerAsync(p.TenantId);
    }

    [Fact]
    public async Task Parallel_submits_for_one_day_never_take_the_day_above_24_hours()
    {
        var p = await app.NewParticipantAsync();
        var colleague = await app.CreateUserAsync(Bergen, "coordinator");
        using var one = await app.SignedInAsync();
        using var two = await app.SignedInAsync(colleague.Email);
        var pages = new[] { await one.OpenFormAsync(LogUrl(p)), await two.OpenFormAsync(LogUrl(p)) };
        var clients = new[] { one, two };
        var day = Today.AddDays(-7);

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
        {
            var fields = HourFields(day, "4");
            fields["FormToken"] = Guid.NewGuid().ToString();
            return clients[i % 2].PostAsync(pages[i % 2], LogUrl(p), fields);
        }));

        Assert.Equal(6, responses.Count(r => r.StatusCode == HttpStatusCode.Redirect));
        Assert.Equal(2, responses.Count(r => r.StatusCode == HttpStatusCode.BadRequest));
        foreach (var refused in responses.Where(r => r.StatusCode == HttpStatusCode.BadRequest))
        {
            Assert.Contains("Deltakeren ville fått mer enn 24 timer denne dagen.", await refused.BodyAsync(), StringComparison.Ordinal);
        }
        var entries = await app.EntriesAsync(p);
        Assert.Equal(24m, entries.Where(e => e.Date == day && e.VoidedAt == null).Sum(e => e.Hours));
        Assert.Equal(24m, (await app.TotalsAsync(p)).NorwegianHours);
        await app.AssertTotalsMatchLedgerAsync(p.TenantId);
    }
}
