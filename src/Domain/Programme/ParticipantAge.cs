namespace IntroProgram.Domain.Programme;

/// <summary>
/// Age in completed years. A person is N years old from their N-th birthday. Someone born on 29 February turns a
/// year older on 28 February in common years: we follow the month-end rule Norwegian law uses for periods counted in
/// years (fristloven § 3: when the final month has no matching day, the period ends on its last day), which is also
/// what <see cref="DateOnly.AddYears"/> does.
/// </summary>
public static class ParticipantAge
{
    public static int YearsOn(DateOnly birthDate, DateOnly date)
    {
        var years = date.Year - birthDate.Year;
        if (BirthdayOfAge(birthDate, years) > date)
        {
            years--;
        }

        return years;
    }

    /// <summary>The date on which the person turns <paramref name="years"/> old.</summary>
    public static DateOnly BirthdayOfAge(DateOnly birthDate, int years) => birthDate.AddYears(years);
}
