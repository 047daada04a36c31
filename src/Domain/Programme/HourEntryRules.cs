namespace IntroProgram.Domain.Programme;

/// <summary>What a single hour-ledger entry must satisfy before it is written.</summary>
public static class HourEntryRules
{
    /// <summary>Hours are logged in quarter-hour steps, the smallest unit the schools report.</summary>
    public const decimal Step = 0.25m;

    public const decimal MaximumHoursPerDay = 24m;

    /// <summary>
    /// Checks one entry and returns every rule it breaks. When the hours themselves are not positive, the day-total
    /// and grant checks are skipped: they would only repeat the same problem.
    /// </summary>
    /// <param name="hoursAlreadyLoggedOnDate">Sum of the participant's live (not voided) entries on <paramref name="entryDate"/>, all categories.</param>
    /// <param name="extraNorwegianHoursUsed">Live extra-Norwegian hours already logged, all dates.</param>
    /// <param name="extraNorwegianHoursGranted">Total extra-Norwegian hours granted by caseworker decisions.</param>
    public static ValidationOutcome Validate(
        DateOnly entryDate,
        decimal hours,
        HourCategory category,
        DateOnly? programmeStart,
        DateOnly today,
        decimal hoursAlreadyLoggedOnDate,
        decimal extraNorwegianHoursUsed,
        decimal extraNorwegianHoursGranted)
    {
        var errors = new List<string>();

        if (!IsKnownCategory(category))
        {
            errors.Add(ErrorCodes.HoursUnknownCategory);
        }

        if (programmeStart is null)
        {
            errors.Add(ErrorCodes.HoursNoProgrammeStart);
        }
        else if (entryDate < programmeStart.Value)
        {
            errors.Add(ErrorCodes.HoursBeforeProgrammeStart);
        }

        if (IsInFuture(entryDate, today))
        {
            errors.Add(ErrorCodes.HoursInFuture);
        }

        if (!IsPositive(hours))
        {
            errors.Add(ErrorCodes.HoursNotPositive);
            return ValidationOutcome.From(errors);
        }

        if (!IsQuarterHourStep(hours))
        {
            errors.Add(ErrorCodes.HoursNotQuarterHour);
        }

        if (hoursAlreadyLoggedOnDate + hours > MaximumHoursPerDay)
        {
            errors.Add(ErrorCodes.HoursDayTotalAbove24);
        }

        if (category == HourCategory.ExtraNorwegian && extraNorwegianHoursUsed + hours > extraNorwegianHoursGranted)
        {
            errors.Add(ErrorCodes.HoursExtraNorwegianBeyondGrant);
        }

        return ValidationOutcome.From(errors);
    }

    public static bool IsQuarterHourStep(decimal hours) => hours % Step == 0m;

    public static bool IsPositive(decimal hours) => hours > 0m;

    /// <summary>Hours are logged when they have been done, never ahead (today is the Oslo calendar day).</summary>
    public static bool IsInFuture(DateOnly entryDate, DateOnly today) => entryDate > today;

    public static bool IsKnownCategory(HourCategory category) => Enum.IsDefined(category);
}
