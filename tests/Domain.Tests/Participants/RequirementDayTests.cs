using IntroProgram.Domain.Participants;
using IntroProgram.Domain.Programme;
using static IntroProgram.Domain.Tests.Programme.TestDates;

namespace IntroProgram.Domain.Tests.Participants;

/// <summary>When an entry (already counted in the totals) can move the day a requirement was reached.</summary>
public class RequirementDayTests
{
    private static readonly RuleSet Rules = StandardRuleSets.IntroductionAct2003; // 550 h Norwegian, 50 h social studies
    private static readonly DateOnly Day = D("2026-03-10");

    private static ParticipantTotals Reached(decimal norwegian = 560m, DateOnly? on = null) => new()
    {
        NorwegianHours = norwegian,
        NorwegianReachedOn = on ?? Day,
        ReachedRuleSetId = Rules.Id,
    };

    private static ParticipantTotals NotReached(decimal norwegian) => new() { NorwegianHours = norwegian, ReachedRuleSetId = Rules.Id };

    [Theory]
    [InlineData("2026-03-09", false, true)]  // earlier hours: the line may be crossed sooner
    [InlineData("2026-03-10", false, false)] // the same day: the day stays
    [InlineData("2026-03-11", false, false)] // later hours change nothing before the day
    [InlineData("2026-03-09", true, true)]   // voiding earlier hours: the day may come later, or never
    [InlineData("2026-03-10", true, true)]   // voiding on the day: it may have been the entry that crossed
    [InlineData("2026-03-11", true, false)]  // voiding later hours changes nothing before the day
    public void A_reached_day_moves_only_for_entries_on_or_before_it(string date, bool voided, bool mayMove) =>
        Assert.Equal(mayMove, Reached().RequirementDayMayMove(Rules, HourCategory.Norwegian, D(date), voided));

    [Theory]
    [InlineData(549.75, false, false)] // still below the line
    [InlineData(550, false, true)]     // on the line: reached
    [InlineData(551, false, true)]
    [InlineData(300, true, false)]     // a void cannot make it reached
    public void An_unreached_requirement_is_worked_out_only_when_the_total_reaches_the_line(double total, bool voided, bool mayMove) =>
        Assert.Equal(mayMove, NotReached((decimal)total).RequirementDayMayMove(Rules, HourCategory.Norwegian, Day, voided));

    [Fact]
    public void Social_studies_have_their_own_day_and_line()
    {
        var totals = new ParticipantTotals { SocialStudiesHours = 49.5m, ReachedRuleSetId = Rules.Id, NorwegianReachedOn = Day };
        Assert.False(totals.RequirementDayMayMove(Rules, HourCategory.SocialStudies, D("2026-01-01"), voided: false));
        totals.SocialStudiesHours = 50m;
        Assert.True(totals.RequirementDayMayMove(Rules, HourCategory.SocialStudies, D("2026-01-01"), voided: false));
    }

    [Theory]
    [InlineData(HourCategory.CareerGuidance)]
    [InlineData(HourCategory.WorkOriented)]
    [InlineData(HourCategory.EducationOriented)]
    [InlineData(HourCategory.ExtraNorwegian)] // extra hours are beyond the requirement, never towards it
    public void Other_categories_never_move_a_day(HourCategory category)
    {
        Assert.False(Reached().RequirementDayMayMove(Rules, category, D("2025-01-01"), voided: false));
        Assert.False(Reached().RequirementDayMayMove(Rules, category, D("2025-01-01"), voided: true));
    }

    [Fact]
    public void Days_worked_out_for_another_rule_set_or_never_are_always_worked_out_again()
    {
        var other = Reached();
        other.ReachedRuleSetId = StandardRuleSets.IntegrationAct2021.Id;
        Assert.True(other.RequirementDayMayMove(Rules, HourCategory.Norwegian, D("2027-01-01"), voided: false));
        var never = new ParticipantTotals { NorwegianHours = 10m };
        Assert.True(never.RequirementDayMayMove(Rules, HourCategory.Norwegian, D("2027-01-01"), voided: false));
    }
}
