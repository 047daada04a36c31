namespace IntroProgram.Domain.Decisions;

/// <summary>Common European Framework levels as the Norwegian test reports them. Stored values; never renumber.</summary>
public enum CefrLevel
{
    BelowA1 = 0,
    A1 = 1,
    A2 = 2,
    B1 = 3,
    B2 = 4,
}
