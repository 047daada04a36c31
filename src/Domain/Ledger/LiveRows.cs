namespace IntroProgram.Domain.Ledger;

/// <summary>A participant's live (not voided) hour entries and absence dated in some span of days, counted and summed.</summary>
public readonly record struct LiveRows(int HourEntries, decimal Hours, int AbsenceEntries, decimal AbsenceHours);
