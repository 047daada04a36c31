using IntroProgram.Domain.Decisions;
using IntroProgram.Domain.Ledger;
using IntroProgram.Domain.Participants;
using IntroProgram.Domain.Programme;
using static IntroProgram.Domain.Tests.Programme.TestDates;

namespace IntroProgram.Domain.Tests.Decisions;

public class DecisionDateRulesTests
{
    private static readonly DateOnly Start = D("2025-01-06");
    private static readonly DateOnly LastAllowed = D("2028-01-05");
    private static readonly ProgrammePeriod Running = new(Start, LastAllowed, EndedOn: null);
    private static readonly ProgrammePeriod Stopped = Running with { EndedOn = D("2026-02-10") };

    private static FieldError Error(string field, string code, params object[] arguments) => new(field, code) { Arguments = arguments };

    [Theory]
    [InlineData(DecisionKind.Extension)]
    [InlineData(DecisionKind.ExtraHoursGrant)]
    [InlineData(DecisionKind.ProgrammeEnd)]
    public void A_decision_dated_the_day_before_the_programme_start_is_refused_with_the_start(DecisionKind kind)
    {
        Assert.Equal([Error(DecisionFields.DecidedOn, DecisionErrors.BeforeProgrammeStart, Start)],
            DecisionDateRules.CheckDecidedOn(kind, Start.AddDays(-1), ParticipantStatus.Active, Running));
    }

    [Theory]
    [InlineData(DecisionKind.Extension)]
    [InlineData(DecisionKind.ExtraHoursGrant)]
    [InlineData(DecisionKind.ProgrammeEnd)]
    public void A_decision_dated_on_the_programme_start_is_accepted(DecisionKind kind)
    {
        Assert.Empty(DecisionDateRules.CheckDecidedOn(kind, Start, ParticipantStatus.Active, Running));
    }

    [Fact]
    public void Leave_may_be_approved_before_the_programme_starts()
    {
        Assert.Empty(DecisionDateRules.CheckDecidedOn(DecisionKind.Leave, Start.AddDays(-10), ParticipantStatus.Registered, Running));
    }

    [Fact]
    public void A_participant_whose_programme_never_began_may_leave_it_before_the_start()
    {
        Assert.Empty(DecisionDateRules.CheckDecidedOn(DecisionKind.ProgrammeEnd, Start.AddDays(-10), ParticipantStatus.Registered, Running));
    }

    [Fact]
    public void Without_a_programme_start_the_decision_date_is_not_checked_against_it()
    {
        Assert.Empty(DecisionDateRules.CheckDecidedOn(DecisionKind.ProgrammeEnd, Start, ParticipantStatus.Registered, period: null));
    }

    [Fact]
    public void A_resumption_dated_the_day_before_the_stop_is_refused_with_the_stop_date()
    {
        Assert.Equal([Error(DecisionFields.DecidedOn, DecisionErrors.ResumptionBeforeStop, D("2026-02-10"))],
            DecisionDateRules.CheckDecidedOn(DecisionKind.Resumption, D("2026-02-09"), ParticipantStatus.Stopped, Stopped));
    }

    [Fact]
    public void A_resumption_on_the_day_of_the_stop_is_accepted()
    {
        Assert.Empty(DecisionDateRules.CheckDecidedOn(DecisionKind.Resumption, D("2026-02-10"), ParticipantStatus.Stopped, Stopped));
    }

    [Fact]
    public void A_resumption_on_the_last_allowed_day_is_accepted()
    {
        Assert.Empty(DecisionDateRules.CheckDecidedOn(DecisionKind.Resumption, LastAllowed, ParticipantStatus.Stopped, Stopped));
    }

    [Fact]
    public void A_resumption_the_day_after_the_last_allowed_day_is_refused_with_that_day()
    {
        Assert.Equal([Error(DecisionFields.DecidedOn, DecisionErrors.ResumptionAfterLatestEnd, LastAllowed)],
            DecisionDateRules.CheckDecidedOn(DecisionKind.Resumption, LastAllowed.AddDays(1), ParticipantStatus.Stopped, Stopped));
    }

    [Fact]
    public void Leave_starting_the_day_before_the_programme_start_is_refused_with_the_start()
    {
        Assert.Equal([Error(DecisionFields.PeriodStart, DecisionErrors.LeaveBeforeStart, Start)],
            DecisionDateRules.CheckLeaveStart(Start.AddDays(-1), Running));
    }

    [Fact]
    public void Leave_starting_on_the_programme_start_is_accepted()
    {
        Assert.Empty(DecisionDateRules.CheckLeaveStart(Start, Running));
    }

    [Fact]
    public void Leave_starting_on_the_last_allowed_day_is_accepted()
    {
        Assert.Empty(DecisionDateRules.CheckLeaveStart(LastAllowed, Running));
    }

    [Fact]
    public void Leave_starting_the_day_after_the_last_allowed_day_is_refused_with_that_day()
    {
        Assert.Equal([Error(DecisionFields.PeriodStart, DecisionErrors.LeaveAfterProgrammeEnd, LastAllowed)],
            DecisionDateRules.CheckLeaveStart(LastAllowed.AddDays(1), Running));
    }

    [Fact]
    public void Nothing_live_after_the_day_lets_the_programme_end_on_it()
    {
        Assert.Empty(DecisionDateRules.CheckLedgerAfter(DecisionFields.DecidedOn, D("2026-02-10"), new LiveRowsAfter(0, 0m, 0, 0m)));
    }

    [Fact]
    public void Live_hours_after_the_day_are_refused_with_their_count_and_sum()
    {
        Assert.Equal([Error(DecisionFields.DecidedOn, DecisionErrors.HoursAfterDate, D("2026-02-10"), 3, 10.5m)],
            DecisionDateRules.CheckLedgerAfter(DecisionFields.DecidedOn, D("2026-02-10"), new LiveRowsAfter(3, 10.5m, 0, 0m)));
    }

    [Fact]
    public void Live_absence_after_the_day_is_refused_with_its_count_and_sum()
    {
        Assert.Equal([Error(DecisionFields.ExtendedTo, DecisionErrors.AbsenceAfterDate, D("2026-02-10"), 1, 4m)],
            DecisionDateRules.CheckLedgerAfter(DecisionFields.ExtendedTo, D("2026-02-10"), new LiveRowsAfter(0, 0m, 1, 4m)));
    }

    [Fact]
    public void Live_hours_and_absence_after_the_day_are_both_named()
    {
        Assert.Equal([DecisionErrors.HoursAfterDate, DecisionErrors.AbsenceAfterDate],
            DecisionDateRules.CheckLedgerAfter(DecisionFields.DecidedOn, D("2026-02-10"), new LiveRowsAfter(2, 6m, 1, 4m)).Select(e => e.Code));
    }

    [Fact]
    public void A_test_taken_on_the_programme_start_is_accepted()
    {
        Assert.Empty(DecisionDateRules.CheckTestDate(Start, Start));
    }

    [Fact]
    public void A_test_taken_the_day_before_the_programme_start_is_refused_with_the_start()
    {
        Assert.Equal([Error(DecisionFields.TakenOn, DecisionErrors.TestBeforeProgrammeStart, Start)],
            DecisionDateRules.CheckTestDate(Start.AddDays(-1), Start));
    }

    [Fact]
    public void A_test_for_a_participant_without_a_programme_start_is_refused()
    {
        Assert.Equal([new FieldError(DecisionFields.TakenOn, DecisionErrors.NoProgrammeStart)],
            DecisionDateRules.CheckTestDate(D("2025-06-01"), programmeStart: null));
    }
}
