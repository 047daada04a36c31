using System.Globalization;

namespace IntroProgram.Seeds;

/// <summary>
/// Synthetic national ids in Skatteetaten's Tenor style (month + 80) with both mod-11 check digits: valid in form, but no
/// real person can have one, and the app accepts them only when ParticipantData:AllowSyntheticNationalIds is on.
/// </summary>
public static class SyntheticNationalIds
{
    private static readonly int[] FirstWeights = [3, 7, 6, 1, 8, 9, 4, 5, 2];
    private static readonly int[] SecondWeights = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];

    /// <summary>A new number for <paramref name="birthDate"/> that is not in <paramref name="taken"/> (which it joins).</summary>
    public static string Create(DateOnly birthDate, Random random, ISet<string> taken)
    {
        if (birthDate.Year is < 1900 or > 2039)
        {
            throw new ArgumentOutOfRangeException(nameof(birthDate), "Synthetic ids are made for births 1900–2039.");
        }
        while (true)
        {
            // The individual number tells the century: 000–499 for 1900–1999, 500–999 (with years 00–39) for 2000–2039.
            var individual = birthDate.Year < 2000 ? random.Next(0, 500) : random.Next(500, 1000);
            var nine = string.Create(CultureInfo.InvariantCulture,
                $"{birthDate.Day:00}{birthDate.Month + 80:00}{birthDate.Year % 100:00}{individual:000}");
            if (CheckDigit(nine, FirstWeights) is not { } first)
            {
                continue;
            }
            var ten = nine + first.ToString(CultureInfo.InvariantCulture);
            if (CheckDigit(ten, SecondWeights) is not { } second)
            {
                continue;
            }
            var id = ten + second.ToString(CultureInfo.InvariantCulture);
            if (taken.Add(id))
            {
                return id;
            }
        }
    }

    /// <summary>Remainder 1 would need the check digit "10": such numbers are never issued.</summary>
    private static int? CheckDigit(string digits, int[] weights)
    {
        var sum = 0;
        for (var i = 0; i < weights.Length; i++)
        {
            sum += (digits[i] - '0') * weights[i];
        }
        return (sum % 11) switch
        {
            0 => 0,
            1 => null,
            var r => 11 - r,
        };
    }
}
