using IntroProgram.Domain.Participants;

namespace IntroProgram.Domain.Plans;

/// <summary>A language row as entered: both parts blank means an unused row.</summary>
public sealed record SpokenLanguageInput(string? Language, LanguageLevel? Level)
{
    public bool IsBlank => string.IsNullOrWhiteSpace(Language) && Level is null;
}

/// <summary>A work-experience row as entered: both parts blank means an unused row.</summary>
public sealed record WorkExperienceInput(string? Field, int? Years)
{
    public bool IsBlank => string.IsNullOrWhiteSpace(Field) && Years is null;
}

/// <summary>What a coordinator or caseworker enters for one mapping version, before it is checked.</summary>
public sealed record CompetenceMappingInput
{
    public IReadOnlyList<SpokenLanguageInput> Languages { get; init; } = [];
    public int? SchoolingYears { get; init; }
    public EducationBackground HighestEducation { get; init; }
    public string? SchoolingCountry { get; init; }
    public IReadOnlyList<WorkExperienceInput> WorkExperience { get; init; } = [];
    public string? DocumentedQualifications { get; init; }
    public string? UndocumentedQualifications { get; init; }
    public bool HoldsQualificationsPassport { get; init; }
    public bool ForeignEducationRecognised { get; init; }
    public LatinLiteracy? LatinLiteracy { get; init; }
    public string? OwnWishes { get; init; }
    public DateOnly? CompletedOn { get; init; }
    public string? Reason { get; init; }
}

public static class MappingFields
{
    public const string Languages = nameof(CompetenceMappingInput.Languages);
    public const string SchoolingYears = nameof(CompetenceMappingInput.SchoolingYears);
    public const string HighestEducation = nameof(CompetenceMappingInput.HighestEducation);
    public const string SchoolingCountry = nameof(CompetenceMappingInput.SchoolingCountry);
    public const string WorkExperience = nameof(CompetenceMappingInput.WorkExperience);
    public const string DocumentedQualifications = nameof(CompetenceMappingInput.DocumentedQualifications);
    public const string UndocumentedQualifications = nameof(CompetenceMappingInput.UndocumentedQualifications);
    public const string LatinLiteracy = nameof(CompetenceMappingInput.LatinLiteracy);
    public const string OwnWishes = nameof(CompetenceMappingInput.OwnWishes);
    public const string CompletedOn = nameof(CompetenceMappingInput.CompletedOn);
    public const string Reason = nameof(CompetenceMappingInput.Reason);

    public static string LanguageCode(int row) => $"{Languages}[{row}].{nameof(SpokenLanguageInput.Language)}";
    public static string LanguageLevel(int row) => $"{Languages}[{row}].{nameof(SpokenLanguageInput.Level)}";
    public static string WorkField(int row) => $"{WorkExperience}[{row}].{nameof(WorkExperienceInput.Field)}";
    public static string WorkYears(int row) => $"{WorkExperience}[{row}].{nameof(WorkExperienceInput.Years)}";
}

public static class MappingErrors
{
    public const string Required = "Mapping.Required";
    public const string TooLong = "Mapping.TooLong";
    public const string TooManyRows = "Mapping.TooManyRows";
    public const string InvalidLanguage = "Mapping.InvalidLanguage";
    public const string LanguageRequired = "Mapping.LanguageRequired";
    public const string LevelRequired = "Mapping.LevelRequired";
    public const string DuplicateLanguage = "Mapping.DuplicateLanguage";
    public const string SchoolingYearsOutOfRange = "Mapping.SchoolingYearsOutOfRange";
    public const string InvalidCountry = "Mapping.InvalidCountry";
    public const string InvalidChoice = "Mapping.InvalidChoice";
    public const string WorkFieldRequired = "Mapping.WorkFieldRequired";
    public const string WorkYearsRequired = "Mapping.WorkYearsRequired";
    public const string WorkYearsOutOfRange = "Mapping.WorkYearsOutOfRange";
    public const string CompletedInFuture = "Mapping.CompletedInFuture";
    public const string CompletedNeedsLanguage = "Mapping.CompletedNeedsLanguage";
    public const string CompletedNeedsSchoolingYears = "Mapping.CompletedNeedsSchoolingYears";
    public const string CompletedNeedsLiteracy = "Mapping.CompletedNeedsLiteracy";
    public const string ReasonRequired = "Mapping.ReasonRequired";
    public const string ChangedByOthers = "Mapping.ChangedByOthers";
}

/// <summary>The checks on a competence mapping version that need nothing but the input, its version number and today.</summary>
public static class CompetenceMappingRules
{
    public const int MaxSchoolingYears = 30;
    public const int MaxWorkYears = 60;
    public const int MaxRows = 15;
    public const int MaxFieldLength = 200;
    public const int MaxTextLength = 2000;

    /// <summary>Languages that can be recorded as spoken: the languages the programme knows by name (ISO 639 codes).</summary>
    public static IReadOnlySet<string> Languages => ParticipantRegistration.Languages;

    /// <summary>Every problem with a mapping saved as <paramref name="version"/>: its answers, and the reason a correction needs.</summary>
    public static IReadOnlyList<FieldError> Validate(CompetenceMappingInput input, int version, DateOnly today) =>
        [.. ValidateAnswers(input, today),
         .. VersionReason.Validate(input.Reason, version, MappingFields.Reason, MappingErrors.ReasonRequired, MappingErrors.TooLong)];

    /// <summary>
    /// The answers on their own (languages, schooling, work, qualifications, literacy, the completion date and what a
    /// completed mapping must answer): all the form can know before it is saved against the stored versions.
    /// </summary>
    public static IReadOnlyList<FieldError> ValidateAnswers(CompetenceMappingInput input, DateOnly today)
    {
        var errors = new List<FieldError>();

        var languages = input.Languages;
        if (languages.Count > MaxRows)
        {
            errors.Add(new(MappingFields.Languages, MappingErrors.TooManyRows));
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Math.Min(languages.Count, MaxRows); i++)
        {
            var row = languages[i];
            if (row.IsBlank)
            {
                continue;
            }
            var code = row.Language?.Trim();
            if (string.IsNullOrEmpty(code))
            {
                errors.Add(new(MappingFields.LanguageCode(i), MappingErrors.LanguageRequired));
            }
            else if (!Languages.Contains(code))
            {
                errors.Add(new(MappingFields.LanguageCode(i), MappingErrors.InvalidLanguage));
            }
            else if (!seen.Add(code))
            {
                errors.Add(new(MappingFields.LanguageCode(i), MappingErrors.DuplicateLanguage));
            }
            if (row.Level is not { } level)
            {
                errors.Add(new(MappingFields.LanguageLevel(i), MappingErrors.LevelRequired));
            }
            else if (!Enum.IsDefined(level))
            {
                errors.Add(new(MappingFields.LanguageLevel(i), MappingErrors.InvalidChoice));
            }
        }

        if (input.SchoolingYears is { } years && (years < 0 || years > MaxSchoolingYears))
        {
            errors.Add(new(MappingFields.SchoolingYears, MappingErrors.SchoolingYearsOutOfRange));
        }
        if (!Enum.IsDefined(input.HighestEducation))
        {
            errors.Add(new(MappingFields.HighestEducation, MappingErrors.InvalidChoice));
        }
        if (!string.IsNullOrWhiteSpace(input.SchoolingCountry) && !Countries.IsKnown(input.SchoolingCountry.Trim()))
        {
            errors.Add(new(MappingFields.SchoolingCountry, MappingErrors.InvalidCountry));
        }

        var work = input.WorkExperience;
        if (work.Count > MaxRows)
        {
            errors.Add(new(MappingFields.WorkExperience, MappingErrors.TooManyRows));
        }
        for (var i = 0; i < Math.Min(work.Count, MaxRows); i++)
        {
            var row = work[i];
            if (row.IsBlank)
            {
                continue;
            }
            if (string.IsNullOrWhiteSpace(row.Field))
            {
                errors.Add(new(MappingFields.WorkField(i), MappingErrors.WorkFieldRequired));
            }
            else if (row.Field.Trim().Length > MaxFieldLength)
            {
                errors.Add(new(MappingFields.WorkField(i), MappingErrors.TooLong));
            }
            if (row.Years is not { } workYears)
            {
                errors.Add(new(MappingFields.WorkYears(i), MappingErrors.WorkYearsRequired));
            }
            else if (workYears < 0 || workYears > MaxWorkYears)
            {
                errors.Add(new(MappingFields.WorkYears(i), MappingErrors.WorkYearsOutOfRange));
            }
        }

        CheckLength(errors, MappingFields.DocumentedQualifications, input.DocumentedQualifications);
        CheckLength(errors, MappingFields.UndocumentedQualifications, input.UndocumentedQualifications);
        CheckLength(errors, MappingFields.OwnWishes, input.OwnWishes);

        if (input.LatinLiteracy is { } literacy && !Enum.IsDefined(literacy))
        {
            errors.Add(new(MappingFields.LatinLiteracy, MappingErrors.InvalidChoice));
        }

        if (input.CompletedOn is { } completed)
        {
            if (completed > today)
            {
                errors.Add(new(MappingFields.CompletedOn, MappingErrors.CompletedInFuture));
            }
            // A completed mapping answers the questions the programme is planned from.
            if (!languages.Any(l => !l.IsBlank))
            {
                errors.Add(new(MappingFields.Languages, MappingErrors.CompletedNeedsLanguage));
            }
            if (input.SchoolingYears is null)
            {
                errors.Add(new(MappingFields.SchoolingYears, MappingErrors.CompletedNeedsSchoolingYears));
            }
            if (input.LatinLiteracy is null)
            {
                errors.Add(new(MappingFields.LatinLiteracy, MappingErrors.CompletedNeedsLiteracy));
            }
        }

        return errors;
    }

    private static void CheckLength(List<FieldError> errors, string field, string? text)
    {
        if (text is not null && text.Trim().Length > MaxTextLength)
        {
            errors.Add(new(field, MappingErrors.TooLong));
        }
    }
}

/// <summary>Versioned records (mapping, plan): the first version needs no reason, every later one says why it was made.</summary>
public static class VersionReason
{
    public const int MaxLength = 2000;

    public static IReadOnlyList<FieldError> Validate(string? reason, int version, string field, string requiredCode, string tooLongCode)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            return version > 1 ? [new FieldError(field, requiredCode)] : [];
        }
        return reason.Trim().Length > MaxLength ? [new FieldError(field, tooLongCode)] : [];
    }
}
