using IntroProgram.Domain.Participants;
using IntroProgram.Domain.Programme;
using IntroProgram.Seeds;

namespace IntroProgram.Web.Tests.Seeds;

/// <summary>
/// The demo plan is worked out in memory from a seed and today's date; these tests run it for many different "todays"
/// so the seed that every test run and every developer start depends on cannot break on some day of the year.
/// </summary>
public sealed class DemoPlanTests
{
    private static readonly DateOnly FirstDay = new(2026, 1, 1);

    /// <summary>Every eighth day over two years (each weekday, Easter, summer and Christmas included) for both demo municipalities.</summary>
    public static TheoryData<int, int> Days()
    {
        var data = new TheoryData<int, int>();
        foreach (var seed in new[] { 4601, 5501 })
        {
            for (var day = 0; day < 730; day += 8)
            {
                data.Add(seed, day);
            }
        }
        return data;
    }

    private static DemoProgrammePlan Plan(int seed, DateOnly today) =>
        DemoProgrammePlan.Create(seed, seed == 4601 ? 42 : 38, today, RuleSetCatalog.Standard, Guid.NewGuid(), Guid.NewGuid());

    [Theory]
    [MemberData(nameof(Days))]
    public void The_demo_plan_breaks_no_programme_rule_whatever_the_day(int seed, int day)
    {
        var plan = Plan(seed, FirstDay.AddDays(day));
        Assert.Empty(plan.FindRuleBreaks());
    }

    [Theory]
    [MemberData(nameof(Days))]
    public void The_demo_plan_has_every_case_the_risk_and_certificate_work_needs_whatever_the_day(int seed, int day)
    {
        var today = FirstDay.AddDays(day);
        var plan = Plan(seed, today);
        var statuses = plan.Participants.Select(p => p.ExpectedStatus(today)).ToHashSet();
        Assert.Equal(Enum.GetValues<ParticipantStatus>().ToHashSet(), statuses);
        Assert.True(plan.Participants.Count(p => p.ExpectedStatus(today) == ParticipantStatus.Active
            && !p.Entries.Any(e => e.IsLive && e.Date > today.AddDays(-21))) >= 3, "three active without hours for 21 days");
        Assert.Contains(plan.Participants, p => p.ExpectedStatus(today) == ParticipantStatus.Completed
            && p.LiveHours(HourCategory.Norwegian) >= 550m && p.LiveHours(HourCategory.SocialStudies) >= 50m);
        Assert.True(plan.Participants.Count(p => p.ExpectedStatus(today) == ParticipantStatus.Active && UnexcusedShare(p) > 0.10m) >= 2,
            "two active with unexcused absence above 10 %");
        Assert.Contains(plan.Participants, p => p.ExtraHoursGranted > 0 && p.LiveHours(HourCategory.ExtraNorwegian) > 0);
    }

    [Fact]
    public void The_same_seed_and_day_give_the_same_plan()
    {
        var today = new DateOnly(2026, 11, 24);
        var first = Plan(4601, today);
        var second = Plan(4601, today);
        Assert.Equal(
            first.Participants.Select(p => (p.Details.GivenName, p.Details.FamilyName, p.Details.NationalId, p.Details.ProgrammeStart, p.Entries.Count)),
            second.Participants.Select(p => (p.Details.GivenName, p.Details.FamilyName, p.Details.NationalId, p.Details.ProgrammeStart, p.Entries.Count)));
    }

    [Fact]
    public void Demo_national_ids_are_synthetic_and_match_the_birth_date()
    {
        var plan = Plan(5501, new DateOnly(2026, 11, 24));
        foreach (var p in plan.Participants)
        {
            Assert.False(NationalId.TryParse(p.Details.NationalId, out _, out var refused));
            Assert.Equal(ErrorCodes.NationalIdSyntheticNotAllowed, refused);
            Assert.True(NationalId.TryParse(p.Details.NationalId, allowSyntheticTestNumbers: true, out var id, out _));
            Assert.Equal(p.Details.BirthDate, id.BirthDate);
        }
    }

    [Fact]
    public void Demo_participants_are_18_to_55_at_the_permit_date()
    {
        var plan = Plan(4601, new DateOnly(2026, 11, 24));
        Assert.All(plan.Participants, p =>
            Assert.InRange(ParticipantAge.YearsOn(p.Details.BirthDate!.Value, p.Details.PermitDate!.Value), 18, 55));
    }

    private static decimal UnexcusedShare(PlannedParticipant p)
    {
        var attended = p.Entries.Where(e => e.IsLive).Sum(e => e.Hours);
        var unexcused = p.Absences.Where(a => !a.Excused).Sum(a => a.Hours);
        var excused = p.Absences.Where(a => a.Excused).Sum(a => a.Hours);
        var scheduled = attended + unexcused + excused;
        return scheduled == 0 ? 0 : unexcused / scheduled;
    }
}
