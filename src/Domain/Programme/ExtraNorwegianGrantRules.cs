namespace IntroProgram.Domain.Programme;

/// <summary>Rules for a caseworker's decision on extra Norwegian tuition.</summary>
public static class ExtraNorwegianGrantRules
{
    /// <summary>Checks a new total grant (not an increment) against the rule set's ceiling and the hours already used.</summary>
    public static ValidationOutcome Validate(decimal totalHoursGranted, decimal hoursAlreadyUsed, RuleSet ruleSet)
    {
        var errors = new List<string>();
        if (totalHoursGranted < 0m)
        {
            errors.Add(ErrorCodes.ExtraHoursGrantNegative);
            return ValidationOutcome.From(errors);
        }

        if (!HourEntryRules.IsQuarterHourStep(totalHoursGranted))
        {
            errors.Add(ErrorCodes.ExtraHoursGrantNotQuarterHour);
        }

        if (totalHoursGranted > ruleSet.MaximumExtraNorwegianHours)
        {
            errors.Add(ErrorCodes.ExtraHoursGrantAboveMaximum);
        }

        // Reducing a grant below what was already taught would make past entries unlawful after the fact.
        if (totalHoursGranted < hoursAlreadyUsed)
        {
            errors.Add(ErrorCodes.ExtraHoursGrantBelowUsed);
        }

        return ValidationOutcome.From(errors);
    }
}
