using IntroProgram.Domain.Programme;
using static IntroProgram.Domain.Tests.Programme.TestDates;

namespace IntroProgram.Domain.Tests.Programme;

public class EligibilityTests
{
    private static readonly RuleSet Rules = StandardRuleSets.IntroductionAct2003;

    /// <summary>Permit 1 March 2025, settled 1 April 2025, started 1 May 2025 unless a test says otherwise.</summary>
    private static EligibilityResult Evaluate(
        string birthDate,
        string permitDate = "2025-03-01",
        string settlementDate = "2025-04-01",
        string? programmeStart = "2025-05-01",
        RuleSet? ruleSet = null) =>
        Eligibility.Evaluate(
            D(birthDate),
            D(permitDate),
            D(settlementDate),
            programmeStart is null ? null : D(programmeStart),
            ruleSet ?? Rules);

    [Fact]
    public void Registration_is_accepted_for_an_adult_within_the_age_range()
    {
        var result = Evaluate("1990-06-15");

        Assert.True(result.IsEligible);
        Assert.Empty(result.Errors);
    }

    [Fact]
    public void Age_at_the_permit_date_is_reported()
    {
        Assert.Equal(34, Evaluate("1990-06-15").AgeAtPermitDate);
    }

    [Fact]
    public void Registration_is_accepted_when_participant_turns_18_on_the_permit_date()
    {
        Assert.True(Evaluate("2007-03-01").IsEligible);
    }

    [Fact]
    public void Registration_is_refused_when_the_permit_is_granted_the_day_before_the_18th_birthday()
    {
        Assert.Equal([ErrorCodes.ParticipantTooYoung], Evaluate("2007-03-02").Errors);
    }

    [Fact]
    public void Turning_18_after_the_permit_date_does_not_make_a_participant_eligible()
    {
        // Age is measured at the permit date, not at settlement or programme start.
        Assert.Contains(ErrorCodes.ParticipantTooYoung, Evaluate("2007-03-15", programmeStart: "2025-05-01").Errors);
    }

    [Fact]
    public void Registration_is_accepted_when_participant_turns_55_on_the_permit_date()
    {
        Assert.True(Evaluate("1970-03-01").IsEligible);
    }

    [Fact]
    public void Registration_is_accepted_on_the_last_day_at_age_55()
    {
        Assert.True(Evaluate("1969-03-02").IsEligible);
    }

    [Fact]
    public void Registration_is_refused_when_participant_is_older_than_55_at_permit_date()
    {
        Assert.Equal([ErrorCodes.ParticipantTooOld], Evaluate("1969-03-01").Errors);
    }

    [Fact]
    public void A_participant_born_29_february_is_18_on_28_february_of_a_common_year()
    {
        Assert.True(Evaluate("2004-02-29", permitDate: "2022-02-28", settlementDate: "2022-03-01", programmeStart: null).IsEligible);
    }

    [Fact]
    public void A_participant_born_29_february_is_still_17_on_27_february_of_a_common_year()
    {
        var result = Evaluate("2004-02-29", permitDate: "2022-02-27", settlementDate: "2022-03-01", programmeStart: null);

        Assert.Equal([ErrorCodes.ParticipantTooYoung], result.Errors);
    }

    [Fact]
    public void A_participant_born_29_february_turns_56_on_29_february_of_a_leap_year()
    {
        var dayBefore = Evaluate("1968-02-29", permitDate: "2024-02-28", settlementDate: "2024-03-01", programmeStart: null);
        var birthday = Evaluate("1968-02-29", permitDate: "2024-02-29", settlementDate: "2024-03-01", programmeStart: null);

        Assert.True(dayBefore.IsEligible);
        Assert.Equal([ErrorCodes.ParticipantTooOld], birthday.Errors);
    }

    [Fact]
    public void The_upper_age_comes_from_the_rule_set()
    {
        var result = Evaluate("1967-01-01", ruleSet: StandardRuleSets.UpperAge60Proposal);

        Assert.Equal(58, result.AgeAtPermitDate);
        Assert.True(result.IsEligible);
    }

    [Fact]
    public void Registration_is_refused_when_the_programme_starts_before_settlement()
    {
        Assert.Equal([ErrorCodes.ParticipantStartBeforeSettlement], Evaluate("1990-06-15", programmeStart: "2025-03-31").Errors);
    }

    [Fact]
    public void A_programme_may_start_on_the_settlement_date()
    {
        Assert.True(Evaluate("1990-06-15", programmeStart: "2025-04-01").IsEligible);
    }

    [Fact]
    public void Registration_is_refused_when_the_permit_is_dated_after_settlement()
    {
        var result = Evaluate("1990-06-15", permitDate: "2025-04-02", settlementDate: "2025-04-01");

        Assert.Equal([ErrorCodes.ParticipantPermitAfterSettlement], result.Errors);
    }

    [Fact]
    public void Settlement_on_the_permit_date_is_accepted()
    {
        Assert.True(Evaluate("1990-06-15", permitDate: "2025-04-01", settlementDate: "2025-04-01").IsEligible);
    }

    [Fact]
    public void Every_broken_rule_is_reported()
    {
        var result = Evaluate("2010-01-01", permitDate: "2025-04-02", settlementDate: "2025-04-01", programmeStart: "2025-03-01");

        Assert.Equal(
            [ErrorCodes.ParticipantTooYoung, ErrorCodes.ParticipantPermitAfterSettlement, ErrorCodes.ParticipantStartBeforeSettlement],
            result.Errors);
    }

    [Fact]
    public void A_birth_date_after_the_permit_date_is_refused_as_too_young_instead_of_throwing()
    {
        Assert.Equal([ErrorCodes.ParticipantTooYoung], Evaluate("2026-01-01").Errors);
    }

    [Fact]
    public void The_start_deadline_is_three_months_after_settlement()
    {
        Assert.Equal(D("2025-07-01"), Evaluate("1990-06-15").StartDeadline);
    }

    [Fact]
    public void A_start_exactly_three_months_after_settlement_is_not_late()
    {
        Assert.False(Evaluate("1990-06-15", settlementDate: "2025-04-01", programmeStart: "2025-07-01").IsLateStart);
    }

    [Fact]
    public void A_start_one_day_after_the_three_months_is_late()
    {
        Assert.True(Evaluate("1990-06-15", settlementDate: "2025-04-01", programmeStart: "2025-07-02").IsLateStart);
    }

    [Fact]
    public void A_late_start_is_a_flag_not_a_refusal()
    {
        var result = Evaluate("1990-06-15", settlementDate: "2025-04-01", programmeStart: "2025-09-01");

        Assert.True(result.IsEligible);
        Assert.True(result.IsLateStart);
    }

    [Theory]
    [InlineData("2024-11-30", "2025-02-28")] // February is shorter: its last day
    [InlineData("2023-11-30", "2024-02-29")] // leap year
    [InlineData("2025-01-31", "2025-04-30")]
    public void The_start_deadline_falls_on_the_last_day_of_a_shorter_month(string settlementDate, string expectedDeadline)
    {
        Assert.Equal(D(expectedDeadline), Eligibility.StartDeadline(D(settlementDate), Rules));
    }

    [Fact]
    public void Without_a_programme_start_there_is_no_late_start()
    {
        Assert.False(Evaluate("1990-06-15", programmeStart: null).IsLateStart);
    }

    [Theory]
    [InlineData("2025-07-01", false)]
    [InlineData("2025-07-02", true)]
    public void A_programme_that_has_not_started_is_late_once_the_deadline_has_passed(string today, bool expected)
    {
        Assert.Equal(expected, Eligibility.IsStartLate(D("2025-04-01"), null, D(today), Rules));
    }

    [Fact]
    public void A_started_programme_is_judged_by_its_start_date_not_by_today()
    {
        Assert.False(Eligibility.IsStartLate(D("2025-04-01"), D("2025-06-01"), D("2026-01-01"), Rules));
    }
}
