using IntroProgram.Domain.Decisions;
using IntroProgram.Domain.Participants;
using static IntroProgram.Domain.Tests.Programme.TestDates;

namespace IntroProgram.Domain.Tests.Decisions;

public class DecisionInputRulesTests
{
    private static readonly DateOnly Today = D("2026-03-10");

    private static DecisionInput Leave(DateOnly? start, DateOnly? end, LeaveType? type = LeaveType.Parental) => new()
    {
        Kind = DecisionKind.Leave, DecidedOn = Today, Reason = "Fødselspermisjon", PeriodStart = start, PeriodEnd = end, LeaveType = type,
    };

    private static string[] Codes(IEnumerable<FieldError> errors) => errors.Select(e => e.Field + ":" + e.Code).ToArray();

    [Fact]
    public void A_decision_dated_today_with_a_reason_is_accepted()
    {
        Assert.Empty(DecisionInputRules.Validate(new DecisionInput { Kind = DecisionKind.Resumption, DecidedOn = Today, Reason = "Tilbake" }, Today));
    }

    [Fact]
    public void A_decision_dated_tomorrow_is_refused()
    {
        Assert.Equal(["DecidedOn:" + DecisionErrors.DateInFuture],
            Codes(DecisionInputRules.Validate(new DecisionInput { Kind = DecisionKind.Resumption, DecidedOn = Today.AddDays(1), Reason = "x" }, Today)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    public void A_decision_without_a_reason_is_refused(string? reason)
    {
        Assert.Equal(["Reason:" + DecisionErrors.ReasonRequired],
            Codes(DecisionInputRules.Validate(new DecisionInput { Kind = DecisionKind.Resumption, DecidedOn = Today, Reason = reason }, Today)));
    }

    [Fact]
    public void A_reason_is_at_most_2000_characters_after_trimming()
    {
        var input = new DecisionInput { Kind = DecisionKind.Resumption, DecidedOn = Today, Reason = " " + new string('a', 2000) + " " };
        Assert.Empty(DecisionInputRules.Validate(input, Today));
        Assert.Equal(["Reason:" + DecisionErrors.TooLong],
            Codes(DecisionInputRules.Validate(input with { Reason = new string('a', 2001) }, Today)));
    }

    [Fact]
    public void Leave_needs_its_period_and_its_type()
    {
        Assert.Equal(["PeriodStart:" + DecisionErrors.Required, "PeriodEnd:" + DecisionErrors.Required, "LeaveType:" + DecisionErrors.Required],
            Codes(DecisionInputRules.Validate(Leave(null, null, null), Today)));
        Assert.Equal(["LeaveType:" + DecisionErrors.Required],
            Codes(DecisionInputRules.Validate(Leave(Today, Today, (LeaveType)99), Today)));
    }

    [Fact]
    public void Leave_of_one_day_is_accepted_and_leave_that_ends_before_it_starts_is_refused_at_its_end()
    {
        Assert.Empty(DecisionInputRules.Validate(Leave(Today, Today), Today));
        var refused = DecisionInputRules.Validate(Leave(Today, Today.AddDays(-1)), Today);
        Assert.NotEmpty(refused);
        Assert.All(refused, e => Assert.Equal(DecisionFields.PeriodEnd, e.Field));
    }

    [Fact]
    public void An_extension_needs_its_new_end_and_a_grant_its_hours()
    {
        Assert.Equal(["ExtendedTo:" + DecisionErrors.Required],
            Codes(DecisionInputRules.Validate(new DecisionInput { Kind = DecisionKind.Extension, DecidedOn = Today, Reason = "x" }, Today)));
        Assert.Equal(["ExtraHoursTotal:" + DecisionErrors.Required],
            Codes(DecisionInputRules.Validate(new DecisionInput { Kind = DecisionKind.ExtraHoursGrant, DecidedOn = Today, Reason = "x" }, Today)));
    }

    [Theory]
    [InlineData(ParticipantStatus.Completed, true)]
    [InlineData(ParticipantStatus.Stopped, true)]
    [InlineData(ParticipantStatus.Exited, true)]
    [InlineData(ParticipantStatus.Active, false)]
    [InlineData(ParticipantStatus.OnLeave, false)]
    [InlineData(null, false)]
    public void An_end_has_one_of_the_three_outcomes(ParticipantStatus? outcome, bool accepted)
    {
        var errors = DecisionInputRules.Validate(new DecisionInput { Kind = DecisionKind.ProgrammeEnd, DecidedOn = Today, Reason = "x", Outcome = outcome }, Today);
        Assert.Equal(accepted ? [] : ["Outcome:" + DecisionErrors.InvalidOutcome], Codes(errors));
    }

    [Fact]
    public void An_unknown_kind_is_refused()
    {
        Assert.NotEmpty(DecisionInputRules.Validate(new DecisionInput { Kind = (DecisionKind)99, DecidedOn = Today, Reason = "x" }, Today));
    }

    [Fact]
    public void A_test_result_taken_today_with_one_level_is_accepted_and_one_dated_tomorrow_is_refused()
    {
        var input = new TestResultInput { Kind = TestKind.Norwegian, TakenOn = Today, Oral = CefrLevel.B1 };
        Assert.Empty(DecisionInputRules.ValidateTest(input, Today));
        Assert.Equal(["TakenOn:" + DecisionErrors.DateInFuture], Codes(DecisionInputRules.ValidateTest(input with { TakenOn = Today.AddDays(1) }, Today)));
        Assert.Equal(["TakenOn:" + DecisionErrors.Required], Codes(DecisionInputRules.ValidateTest(input with { TakenOn = null }, Today)));
    }

    [Fact]
    public void A_test_result_needs_a_result_of_its_kind()
    {
        Assert.Equal(["Reading:" + DecisionErrors.TestNeedsAResult],
            Codes(DecisionInputRules.ValidateTest(new TestResultInput { Kind = TestKind.Norwegian, TakenOn = Today, Passed = true }, Today)));
        Assert.Equal(["Passed:" + DecisionErrors.TestNeedsAResult],
            Codes(DecisionInputRules.ValidateTest(new TestResultInput { Kind = TestKind.SocialStudies, TakenOn = Today, Oral = CefrLevel.A2 }, Today)));
        Assert.Empty(DecisionInputRules.ValidateTest(new TestResultInput { Kind = TestKind.SocialStudies, TakenOn = Today, Passed = false }, Today));
    }

    [Fact]
    public void A_test_note_is_at_most_500_characters_and_its_language_a_known_one()
    {
        var input = new TestResultInput { Kind = TestKind.SocialStudies, TakenOn = Today, Passed = true, Note = new string('n', 500), Language = "ti" };
        Assert.Empty(DecisionInputRules.ValidateTest(input, Today));
        Assert.Equal(["Note:" + DecisionErrors.TooLong], Codes(DecisionInputRules.ValidateTest(input with { Note = new string('n', 501) }, Today)));
        Assert.Equal(["Language:" + ParticipantErrors.InvalidLanguage], Codes(DecisionInputRules.ValidateTest(input with { Language = "xx" }, Today)));
    }
}
