namespace IntroProgram.Domain.Programme;

/// <summary>Rounding of kroner amounts.</summary>
public static class Money
{
    /// <summary>
    /// Rounds to whole øre (2 decimals), halves away from zero ("0.005 → 0.01"). This is the ordinary commercial
    /// rounding Norwegian payslips and decision letters use; banker's rounding would surprise a caseworker
    /// checking a letter by hand.
    /// </summary>
    public static decimal RoundToOre(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);
}
