using System.Diagnostics.CodeAnalysis;

namespace IntroProgram.Domain.Programme;

public enum NationalIdKind
{
    /// <summary>Fødselsnummer, issued to residents.</summary>
    BirthNumber,

    /// <summary>D-nummer, issued to people not (yet) registered as residents: day of birth + 40.</summary>
    DNumber,
}

/// <summary>
/// A validated Norwegian national id (fødselsnummer or D-nummer). The full number is personal data: it is only
/// available through <see cref="Value"/> and never appears in <see cref="ToString"/>, so it cannot leak into logs
/// or views by accident.
/// </summary>
public sealed class NationalId : IEquatable<NationalId>
{
    private static readonly int[] FirstCheckWeights = [3, 7, 6, 1, 8, 9, 4, 5, 2];
    private static readonly int[] SecondCheckWeights = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];

    private NationalId(string value, NationalIdKind kind, bool isSynthetic, DateOnly? birthDate)
    {
        Value = value;
        Kind = kind;
        IsSynthetic = isSynthetic;
        BirthDate = birthDate;
    }

    /// <summary>The 11 digits, without spaces. Handle as personal data.</summary>
    public string Value { get; }

    public NationalIdKind Kind { get; }

    /// <summary>A synthetic test number (month + 80), only ever accepted when explicitly allowed.</summary>
    public bool IsSynthetic { get; }

    /// <summary>
    /// The birth date encoded in the number, or null when the individual number does not determine the century
    /// (combinations the classic allocation rules never issue, but which the 2032 reform may).
    /// </summary>
    public DateOnly? BirthDate { get; }

    /// <summary>The first six digits (the date part) followed by five asterisks, e.g. "010190*****".</summary>
    public string Masked => string.Concat(Value.AsSpan(0, 6), "*****");

    /// <summary>
    /// Parses a real national id; synthetic test numbers are refused. Spaces (and other white space) anywhere in
    /// the input are ignored, so "010190 12480" is accepted.
    /// </summary>
    public static bool TryParse(
        string? input,
        [NotNullWhen(true)] out NationalId? id,
        [NotNullWhen(false)] out string? errorCode) =>
        TryParse(input, allowSyntheticTestNumbers: false, out id, out errorCode);

    /// <summary>
    /// As <see cref="TryParse(string?, out NationalId?, out string?)"/>, optionally accepting synthetic test numbers.
    /// Synthetic numbers (Skatteetaten's Tenor test data: month + 80) are what test and demo environments are
    /// given instead of real people's numbers; production must refuse them so a made-up person can never be
    /// registered. Month + 40 is not accepted: it is used both by health-sector H-numbers and by other synthetic
    /// schemes, so it does not identify a person in the population register.
    /// </summary>
    public static bool TryParse(
        string? input,
        bool allowSyntheticTestNumbers,
        [NotNullWhen(true)] out NationalId? id,
        [NotNullWhen(false)] out string? errorCode)
    {
        id = null;
        errorCode = Validate(input, allowSyntheticTestNumbers, out var digits, out var kind, out var synthetic, out var birthDate);
        if (errorCode is not null)
        {
            return false;
        }

        id = new NationalId(digits, kind, synthetic, birthDate);
        return true;
    }

    public bool Equals(NationalId? other) => other is not null && string.Equals(Value, other.Value, StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as NationalId);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <summary>The masked form; never the full number.</summary>
    public override string ToString() => Masked;

    private static string? Validate(
        string? input,
        bool allowSynthetic,
        out string digits,
        out NationalIdKind kind,
        out bool synthetic,
        out DateOnly? birthDate)
    {
        digits = "";
        kind = NationalIdKind.BirthNumber;
        synthetic = false;
        birthDate = null;

        if (string.IsNullOrWhiteSpace(input))
        {
            return ErrorCodes.NationalIdRequired;
        }

        digits = string.Concat(input.Where(c => !char.IsWhiteSpace(c)));
        if (!digits.All(char.IsAsciiDigit))
        {
            return ErrorCodes.NationalIdInvalidCharacters;
        }

        if (digits.Length != 11)
        {
            return ErrorCodes.NationalIdInvalidLength;
        }

        if (!HasValidCheckDigits(digits))
        {
            return ErrorCodes.NationalIdInvalidChecksum;
        }

        var day = TwoDigits(digits, 0);
        var month = TwoDigits(digits, 2);
        var yearInCentury = TwoDigits(digits, 4);
        var individualNumber = (TwoDigits(digits, 6) * 10) + Digit(digits, 8);

        if (day > 40)
        {
            kind = NationalIdKind.DNumber;
            day -= 40;
        }

        if (month > 80)
        {
            synthetic = true;
            month -= 80;
            if (!allowSynthetic)
            {
                return ErrorCodes.NationalIdSyntheticNotAllowed;
            }
        }

        if (month is < 1 or > 12 || day < 1)
        {
            return ErrorCodes.NationalIdInvalidDate;
        }

        var century = CenturyOf(individualNumber, yearInCentury);
        // Without a century, a leap year is assumed so that 29 February is not wrongly refused.
        var year = century is null ? 2000 : century.Value + yearInCentury;
        if (day > DateTime.DaysInMonth(year, month))
        {
            return ErrorCodes.NationalIdInvalidDate;
        }

        birthDate = century is null ? null : new DateOnly(year, month, day);
        return null;
    }

    /// <summary>Remainder 0 gives check digit 0; remainder 1 would need "10", so such numbers are never issued.</summary>
    private static bool HasValidCheckDigits(string digits)
    {
        var first = CheckDigit(digits, FirstCheckWeights);
        if (first is null || first.Value != Digit(digits, 9))
        {
            return false;
        }

        var second = CheckDigit(digits, SecondCheckWeights);
        return second is not null && second.Value == Digit(digits, 10);
    }

    private static int? CheckDigit(string digits, int[] weights)
    {
        var sum = 0;
        for (var i = 0; i < weights.Length; i++)
        {
            sum += weights[i] * Digit(digits, i);
        }

        var remainder = sum % 11;
        return remainder switch
        {
            0 => 0,
            1 => null,
            _ => 11 - remainder,
        };
    }

    /// <summary>The century from the individual number (digits 7–9), per the population register's allocation rules.</summary>
    private static int? CenturyOf(int individualNumber, int yearInCentury) => individualNumber switch
    {
        <= 499 => 1900,
        <= 749 when yearInCentury >= 54 => 1800,
        >= 500 when yearInCentury <= 39 => 2000,
        >= 900 when yearInCentury >= 40 => 1900,
        _ => null,
    };

    private static int Digit(string digits, int index) => digits[index] - '0';

    private static int TwoDigits(string digits, int index) => (Digit(digits, index) * 10) + Digit(digits, index + 1);
}
