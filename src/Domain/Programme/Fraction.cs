namespace IntroProgram.Domain.Programme;

/// <summary>
/// An exact ratio such as 2/3. Kept as two integers so that "two thirds of the yearly amount" is computed as
/// (amount × 2) / 3 instead of amount × 0.6666…, which would drift by an øre on some amounts.
/// </summary>
public readonly record struct Fraction(int Numerator, int Denominator)
{
    public decimal ApplyTo(decimal value) => value * Numerator / Denominator;

    public override string ToString() => $"{Numerator}/{Denominator}";
}
