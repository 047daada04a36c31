using IntroProgram.Domain.Ledger;

namespace IntroProgram.Domain.Programme;

/// <summary>
/// The days a participant's programme covers: from its start to the day it was ended by a decision, or, while it runs,
/// to the last day the rules and decisions allow (<see cref="ProgrammeDeadlines.LastAllowedDay"/>). Hours and absence
/// must be dated inside it whatever the participant's status, so a late entry for a finished programme still fits.
/// </summary>
public sealed record ProgrammePeriod(DateOnly Start, DateOnly LastAllowedDay, DateOnly? EndedOn)
{
    public static ProgrammePeriod Of(ProgrammeDeadlines deadlines, DateOnly? endedOn) =>
        new(deadlines.ProgrammeStart, deadlines.LastAllowedDay, endedOn);

    /// <summary>
    /// Why hours or absence cannot be dated <paramref name="date"/> because it falls after the programme, or null. A date
    /// before the start is the hour rules' own check (<see cref="HourEntryRules"/>).
    /// </summary>
    public string? CheckLoggedDate(DateOnly date) =>
        EndedOn is { } ended && date > ended ? LedgerErrors.AfterProgrammeEnd
        : date > LastAllowedDay ? LedgerErrors.AfterLatestEnd
        : null;
}
