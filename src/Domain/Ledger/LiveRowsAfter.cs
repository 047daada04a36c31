namespace IntroProgram.Domain.Ledger;

/// <summary>A participant's live (not voided) hour entries and absence dated after some day, counted and summed.</summary>
public readonly record struct LiveRowsAfter(int HourEntries, decimal Hours, int AbsenceEntries, decimal AbsenceHours);
