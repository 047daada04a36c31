using IntroProgram.Domain.Ledger;
using IntroProgram.Domain.Participants;
using IntroProgram.Domain.Programme;

namespace IntroProgram.Domain.Decisions;

/// <summary>
/// How the dates of a decision or a test result must sit in the programme (<see cref="ProgrammePeriod"/>) and beside the
/// ledger. A refusal carries the date or the numbers its message shows.
/// </summary>
public static class DecisionDateRules
{
    /// <summary>
    /// The date of the decision itself. A decision about the programme is dated on or after its start, with two
    /// exceptions: leave may be approved before the programme begins (its period is checked instead, see
    /// <see cref="CheckLeaveStart"/>), and a participant whose programme never began may leave it on any day. A
    /// resumption lifts a stop, so it is dated on or after the stop and no later than the last allowed day.
    /// </summary>
    /// <param name="period">Null when the participant has no programme start (other rules refuse what needs one).</param>
    public static IReadOnlyList<FieldError> CheckDecidedOn(DecisionKind kind, DateOnly decidedOn, ParticipantStatus status, ProgrammePeriod? period)
    {
        if (period is null || kind == DecisionKind.Leave || (kind == DecisionKind.ProgrammeEnd && status == ParticipantStatus.Registered))
        {
            return [];
        }
        if (decidedOn < period.Start)
        {
            return [With(DecisionFields.DecidedOn, DecisionErrors.BeforeProgrammeStart, period.Start)];
        }
        if (kind == DecisionKind.Resumption && period.EndedOn is { } stopped && decidedOn < stopped)
        {
            return [With(DecisionFields.DecidedOn, DecisionErrors.ResumptionBeforeStop, stopped)];
        }
        if (kind == DecisionKind.Resumption && decidedOn > period.LastAllowedDay)
        {
            return [With(DecisionFields.DecidedOn, DecisionErrors.ResumptionAfterLatestEnd, period.LastAllowedDay)];
        }
        return [];
    }

    /// <summary>
    /// Leave begins inside the programme: not before its start and not after the last day it can run. It may last
    /// beyond that day, since the programme's clock stops while it lasts.
    /// </summary>
    public static IReadOnlyList<FieldError> CheckLeaveStart(DateOnly leaveStart, ProgrammePeriod period)
    {
        if (leaveStart < period.Start)
        {
            return [With(DecisionFields.PeriodStart, DecisionErrors.LeaveBeforeStart, period.Start)];
        }
        if (leaveStart > period.LastAllowedDay)
        {
            return [With(DecisionFields.PeriodStart, DecisionErrors.LeaveAfterProgrammeEnd, period.LastAllowedDay)];
        }
        return [];
    }

    /// <summary>
    /// A decision that makes <paramref name="lastDay"/> the programme's last day (an end, or an extension that ends
    /// sooner than logged hours) is refused while live hours or absence are dated after it: they must be voided first,
    /// and the message says how many there are.
    /// </summary>
    /// <param name="field">The field that holds <paramref name="lastDay"/>.</param>
    public static IReadOnlyList<FieldError> CheckLedgerAfter(string field, DateOnly lastDay, LiveRowsAfter after)
    {
        var errors = new List<FieldError>();
        if (after.HourEntries > 0)
        {
            errors.Add(With(field, DecisionErrors.HoursAfterDate, lastDay, after.HourEntries, after.Hours));
        }
        if (after.AbsenceEntries > 0)
        {
            errors.Add(With(field, DecisionErrors.AbsenceAfterDate, lastDay, after.AbsenceEntries, after.AbsenceHours));
        }
        return errors;
    }

    /// <summary>
    /// A test was taken in the programme: not before the programme start (that it is not in the future is
    /// <see cref="DecisionInputRules.ValidateTest"/>). One taken after the
    /// programme ended is accepted: tests are held a few times a year, and the permanent-residence evidence needs the
    /// result whenever it came.
    /// </summary>
    public static IReadOnlyList<FieldError> CheckTestDate(DateOnly takenOn, DateOnly? programmeStart)
    {
        if (programmeStart is not { } start)
        {
            return [new(DecisionFields.TakenOn, DecisionErrors.NoProgrammeStart)];
        }
        if (takenOn < start)
        {
            return [With(DecisionFields.TakenOn, DecisionErrors.TestBeforeProgrammeStart, start)];
        }
        return [];
    }

    private static FieldError With(string field, string code, params object[] arguments) => new(field, code) { Arguments = arguments };
}
