using IntroProgram.Domain.Programme;
using static IntroProgram.Domain.Tests.Programme.TestDates;

namespace IntroProgram.Domain.Tests.Programme;

public class ProgressTests
{
    private static readonly RuleSet Rules = StandardRuleSets.IntroductionAct2003;
    private static readonly ProgrammeDeadlines Deadlines = ProgrammeDeadlines.Calculate(D("2025-01-01"), Rules);

    private static Progress Calculate(
        HourTotals? hours = null,
        AbsenceTotals? absence = null,
        decimal extraGranted = 0m,
        RuleSet? ruleSet = null,
        string today = "2026-01-01") =>
        Progress.Calculate(hours ?? HourTotals.Zero, absence ?? AbsenceTotals.None, extraGranted, ruleSet ?? Rules, Deadlines, D(today));

    private static HourTotals Hours(decimal norwegian = 0m, decimal socialStudies = 0m, decimal extra = 0m) =>
        HourTotals.Zero with { Norwegian = norwegian, SocialStudies = socialStudies, ExtraNorwegian = extra };

    [Fact]
    public void Norwegian_hours_are_shown_against_550()
    {
        var progress = Calculate(Hours(norwegian: 312.5m));

        Assert.Equal(312.5m, progress.NorwegianHours);
        Assert.Equal(550m, progress.NorwegianHoursRequired);
        Assert.Equal(237.5m, progress.NorwegianHoursMissing);
    }

    [Fact]
    public void Social_studies_hours_are_shown_against_50()
    {
        var progress = Calculate(Hours(socialStudies: 20m));

        Assert.Equal(20m, progress.SocialStudiesHours);
        Assert.Equal(50m, progress.SocialStudiesHoursRequired);
    }

    [Fact]
    public void The_required_hours_come_from_the_rule_set()
    {
        Assert.Equal(75m, Calculate(ruleSet: StandardRuleSets.IntegrationAct2021).SocialStudiesHoursRequired);
    }

    [Fact]
    public void Requirements_are_met_at_exactly_550_and_50_hours()
    {
        Assert.True(Calculate(Hours(550m, 50m)).RequirementsMet);
    }

    [Fact]
    public void Requirements_are_not_met_with_a_quarter_hour_of_norwegian_missing()
    {
        var progress = Calculate(Hours(549.75m, 50m));

        Assert.False(progress.RequirementsMet);
        Assert.False(progress.NorwegianRequirementMet);
        Assert.True(progress.SocialStudiesRequirementMet);
    }

    [Fact]
    public void Requirements_are_not_met_with_social_studies_missing()
    {
        Assert.False(Calculate(Hours(600m, 49.75m)).RequirementsMet);
    }

    [Fact]
    public void Extra_norwegian_does_not_count_towards_the_550()
    {
        Assert.False(Calculate(Hours(norwegian: 500m, socialStudies: 50m, extra: 100m)).NorwegianRequirementMet);
    }

    [Fact]
    public void Missing_hours_are_never_negative()
    {
        Assert.Equal(0m, Calculate(Hours(norwegian: 700m)).NorwegianHoursMissing);
    }

    [Fact]
    public void Extra_hours_show_used_granted_and_left()
    {
        var progress = Calculate(Hours(extra: 120m), extraGranted: 200m);

        Assert.Equal(120m, progress.ExtraNorwegianHoursUsed);
        Assert.Equal(200m, progress.ExtraNorwegianHoursGranted);
        Assert.Equal(80m, progress.ExtraNorwegianHoursLeft);
    }

    [Fact]
    public void Extra_hours_left_are_never_negative()
    {
        Assert.Equal(0m, Calculate(Hours(extra: 120m), extraGranted: 100m).ExtraNorwegianHoursLeft);
    }

    [Fact]
    public void Every_category_and_the_total_are_reported()
    {
        var progress = Calculate(new HourTotals(100m, 20m, 5m, 30m, 12m, 8m));

        Assert.Equal(5m, progress.CareerGuidanceHours);
        Assert.Equal(30m, progress.WorkOrientedHours);
        Assert.Equal(12m, progress.EducationOrientedHours);
        Assert.Equal(175m, progress.TotalHours);
    }

    [Fact]
    public void Absence_rate_is_unexcused_hours_over_scheduled_hours()
    {
        var progress = Calculate(absence: new AbsenceTotals(ScheduledHours: 120m, UnexcusedHours: 15m, ExcusedHours: 30m));

        Assert.Equal(0.125m, progress.UnexcusedAbsenceRate);
    }

    [Fact]
    public void Excused_absence_does_not_count_towards_the_absence_rate()
    {
        Assert.Equal(0m, Calculate(absence: new AbsenceTotals(100m, 0m, 40m)).UnexcusedAbsenceRate);
    }

    [Fact]
    public void Absence_rate_is_zero_when_nothing_was_scheduled()
    {
        Assert.Equal(0m, Calculate(absence: new AbsenceTotals(0m, 0m, 0m)).UnexcusedAbsenceRate);
    }

    [Fact]
    public void Absence_of_exactly_10_percent_is_not_above_the_threshold()
    {
        Assert.False(Calculate(absence: new AbsenceTotals(400m, 40m, 0m)).AbsenceAboveThreshold);
    }

    [Fact]
    public void Absence_just_over_10_percent_is_above_the_threshold()
    {
        Assert.True(Calculate(absence: new AbsenceTotals(400m, 40.25m, 0m)).AbsenceAboveThreshold);
    }

    [Theory]
    [InlineData("2027-12-31", 0, false)]
    [InlineData("2027-12-01", 30, false)]
    [InlineData("2028-01-01", -1, true)]
    public void Days_to_the_evidence_deadline_are_counted_from_today(string today, int expectedDays, bool expectedPassed)
    {
        var progress = Calculate(today: today);

        Assert.Equal(expectedDays, progress.DaysToEvidenceDeadline);
        Assert.Equal(expectedPassed, progress.IsEvidenceDeadlinePassed);
    }

    [Fact]
    public void The_evidence_deadline_is_shown()
    {
        Assert.Equal(D("2027-12-31"), Calculate().EvidenceDeadline);
    }
}
