namespace IntroProgram.Domain.Ledger;

/// <summary>How an entry came into the ledger. Stored values; never renumber.</summary>
public enum EntrySource
{
    Manual = 0,
    ClassSession = 1,
    Import = 2,
}
