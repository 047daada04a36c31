using IntroProgram.Domain.Programme;

namespace IntroProgram.Domain.Participants;

/// <summary>The checks on a registration or edit that need nothing but the input, today's date and the rules.</summary>
public static class ParticipantRegistration
{
    public const int MaxNameLength = 100;
    public const int MaxEndGoalLength = 500;

    /// <summary>Languages a participant's pages and social studies can be given in (ISO 639 codes).</summary>
    public static readonly IReadOnlySet<string> Languages = new HashSet<string>(StringComparer.Ordinal)
    {
        "nb", "nn", "en", "ar", "uk", "ru", "ti", "so", "prs", "fa", "ps", "ku", "tr", "fr", "es", "sw", "am", "my",
    };

    /// <summary>
    /// Returns every problem, field by field. <paramref name="nationalId"/> is the parsed id when the input was valid,
    /// and the rule set is the one in force for the permit date (null when that date is missing).
    /// </summary>
    public static IReadOnlyList<FieldError> Validate(
        ParticipantDetails input, NationalId? nationalId, string? nationalIdError, RuleSet? ruleSet, DateOnly today)
    {
        var errors = new List<FieldError>();
        RequireText(errors, ParticipantFields.GivenName, input.GivenName, MaxNameLength);
        RequireText(errors, ParticipantFields.FamilyName, input.FamilyName, MaxNameLength);

        if (nationalIdError is not null)
        {
            errors.Add(new(ParticipantFields.NationalId, nationalIdError));
        }

        if (input.BirthDate is not { } birthDate)
        {
            errors.Add(new(ParticipantFields.BirthDate, ParticipantErrors.Required));
        }
        else if (birthDate > today)
        {
            errors.Add(new(ParticipantFields.BirthDate, ParticipantErrors.DateInFuture));
        }
        else if (nationalId?.BirthDate is { } encoded && encoded != birthDate)
        {
            errors.Add(new(ParticipantFields.BirthDate, ParticipantErrors.BirthDateMismatch));
        }

        if (string.IsNullOrWhiteSpace(input.CountryOfOrigin))
        {
            errors.Add(new(ParticipantFields.CountryOfOrigin, ParticipantErrors.Required));
        }
        else if (!Countries.IsKnown(input.CountryOfOrigin))
        {
            errors.Add(new(ParticipantFields.CountryOfOrigin, ParticipantErrors.InvalidCountry));
        }

        if (input.PreferredLanguage is null || !Languages.Contains(input.PreferredLanguage))
        {
            errors.Add(new(ParticipantFields.PreferredLanguage, ParticipantErrors.InvalidLanguage));
        }

        if (!string.IsNullOrEmpty(input.SocialStudiesLanguage) && !Languages.Contains(input.SocialStudiesLanguage))
        {
            errors.Add(new(ParticipantFields.SocialStudiesLanguage, ParticipantErrors.InvalidLanguage));
        }

        if (input.EndGoal is { Length: > MaxEndGoalLength })
        {
            errors.Add(new(ParticipantFields.EndGoal, ParticipantErrors.TooLong));
        }

        if (input.PermitDate is not { } permit)
        {
            errors.Add(new(ParticipantFields.PermitDate, ParticipantErrors.Required));
        }
        else if (permit > today)
        {
            errors.Add(new(ParticipantFields.PermitDate, ParticipantErrors.DateInFuture));
        }

        if (input.SettlementDate is not { } settlement)
        {
            errors.Add(new(ParticipantFields.SettlementDate, ParticipantErrors.Required));
        }
        else if (settlement > today.AddYears(1))
        {
            errors.Add(new(ParticipantFields.SettlementDate, ParticipantErrors.DateInFuture));
        }

        if (input.ProgrammeStart is { } start && start > today.AddYears(1))
        {
            errors.Add(new(ParticipantFields.ProgrammeStart, ParticipantErrors.StartTooFarAhead));
        }

        if (input.BirthDate is { } birth && input.PermitDate is { } permitDate && input.SettlementDate is { } settlementDate && ruleSet is not null)
        {
            var eligibility = Eligibility.Evaluate(birth, permitDate, settlementDate, input.ProgrammeStart, ruleSet);
            foreach (var code in eligibility.Errors)
            {
                errors.Add(new(FieldFor(code), code));
            }
        }

        return errors;
    }

    private static string FieldFor(string eligibilityCode) => eligibilityCode switch
    {
        ErrorCodes.ParticipantTooYoung or ErrorCodes.ParticipantTooOld => ParticipantFields.BirthDate,
        ErrorCodes.ParticipantPermitAfterSettlement => ParticipantFields.SettlementDate,
        ErrorCodes.ParticipantStartBeforeSettlement => ParticipantFields.ProgrammeStart,
        _ => ParticipantFields.BirthDate,
    };

    private static void RequireText(List<FieldError> errors, string field, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(new(field, ParticipantErrors.Required));
        }
        else if (value.Trim().Length > maxLength)
        {
            errors.Add(new(field, ParticipantErrors.TooLong));
        }
    }
}
