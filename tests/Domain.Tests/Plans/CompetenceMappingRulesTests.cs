using IntroProgram.Domain.Participants;
using IntroProgram.Domain.Plans;
using static IntroProgram.Domain.Tests.Programme.TestDates;

namespace IntroProgram.Domain.Tests.Plans;

public sealed class CompetenceMappingRulesTests
{
    private static readonly DateOnly Today = D("2026-11-24");

    private static CompetenceMappingInput Completed() => new()
    {
        Languages = [new SpokenLanguageInput("ar", LanguageLevel.Native), new SpokenLanguageInput("en", LanguageLevel.Basic)],
        SchoolingYears = 12,
        HighestEducation = EducationBackground.Secondary,
        SchoolingCountry = "SY",
        WorkExperience = [new WorkExperienceInput("Elektriker", 6)],
        LatinLiteracy = LatinLiteracy.Functional,
        CompletedOn = Today,
    };

    private static IReadOnlyList<FieldError> Validate(CompetenceMappingInput input, int version = 1) =>
        CompetenceMappingRules.Validate(input, version, Today);

    [Fact]
    public void A_completed_mapping_with_every_answer_is_valid() => Assert.Empty(Validate(Completed()));

    [Fact]
    public void An_empty_draft_is_valid() => Assert.Empty(Validate(new CompetenceMappingInput()));

    [Fact]
    public void A_completed_mapping_needs_a_language_schooling_years_and_literacy()
    {
        var errors = Validate(new CompetenceMappingInput { CompletedOn = Today });
        Assert.Equal(
        [
            new FieldError(MappingFields.Languages, MappingErrors.CompletedNeedsLanguage),
            new FieldError(MappingFields.SchoolingYears, MappingErrors.CompletedNeedsSchoolingYears),
            new FieldError(MappingFields.LatinLiteracy, MappingErrors.CompletedNeedsLiteracy),
        ], errors);
    }

    [Fact]
    public void The_completion_date_cannot_be_in_the_future() =>
        Assert.Equal([new FieldError(MappingFields.CompletedOn, MappingErrors.CompletedInFuture)],
            Validate(Completed() with { CompletedOn = Today.AddDays(1) }));

    [Theory]
    [InlineData(0)]
    [InlineData(30)]
    public void Schooling_years_from_0_to_30_are_accepted(int years) =>
        Assert.Empty(Validate(Completed() with { SchoolingYears = years }));

    [Theory]
    [InlineData(-1)]
    [InlineData(31)]
    public void Schooling_years_outside_0_to_30_are_refused(int years) =>
        Assert.Equal([new FieldError(MappingFields.SchoolingYears, MappingErrors.SchoolingYearsOutOfRange)],
            Validate(Completed() with { SchoolingYears = years }));

    [Fact]
    public void An_unknown_schooling_country_is_refused() =>
        Assert.Equal([new FieldError(MappingFields.SchoolingCountry, MappingErrors.InvalidCountry)],
            Validate(Completed() with { SchoolingCountry = "QQ" }));

    [Fact]
    public void An_unknown_language_is_refused() =>
        Assert.Equal([new FieldError("Languages[0].Language", MappingErrors.InvalidLanguage)],
            Validate(Completed() with { Languages = [new SpokenLanguageInput("xx", LanguageLevel.Good)] }));

    [Fact]
    public void A_language_without_a_level_is_refused() =>
        Assert.Equal([new FieldError("Languages[1].Level", MappingErrors.LevelRequired)],
            Validate(Completed() with { Languages = [new SpokenLanguageInput("ar", LanguageLevel.Native), new SpokenLanguageInput("ti", null)] }));

    [Fact]
    public void The_same_language_twice_is_refused() =>
        Assert.Equal([new FieldError("Languages[1].Language", MappingErrors.DuplicateLanguage)],
            Validate(Completed() with { Languages = [new SpokenLanguageInput("ar", LanguageLevel.Native), new SpokenLanguageInput("ar", LanguageLevel.Good)] }));

    [Fact]
    public void Blank_rows_are_ignored() =>
        Assert.Empty(Validate(Completed() with
        {
            Languages = [new SpokenLanguageInput(null, null), new SpokenLanguageInput("ar", LanguageLevel.Native), new SpokenLanguageInput("", null)],
            WorkExperience = [new WorkExperienceInput(" ", null)],
        }));

    [Theory]
    [InlineData(0)]
    [InlineData(60)]
    public void Work_years_from_0_to_60_are_accepted(int years) =>
        Assert.Empty(Validate(Completed() with { WorkExperience = [new WorkExperienceInput("Sveiser", years)] }));

    [Theory]
    [InlineData(-1)]
    [InlineData(61)]
    public void Work_years_outside_0_to_60_are_refused(int years) =>
        Assert.Equal([new FieldError("WorkExperience[0].Years", MappingErrors.WorkYearsOutOfRange)],
            Validate(Completed() with { WorkExperience = [new WorkExperienceInput("Sveiser", years)] }));

    [Fact]
    public void Work_experience_needs_a_field() =>
        Assert.Equal([new FieldError("WorkExperience[0].Field", MappingErrors.WorkFieldRequired)],
            Validate(Completed() with { WorkExperience = [new WorkExperienceInput(null, 3)] }));

    [Fact]
    public void A_correction_needs_a_reason() =>
        Assert.Equal([new FieldError(MappingFields.Reason, MappingErrors.ReasonRequired)], Validate(Completed(), version: 2));

    [Fact]
    public void A_correction_with_a_reason_is_valid() =>
        Assert.Empty(Validate(Completed() with { Reason = "Feil antall skoleår" }, version: 2));

    [Fact]
    public void A_reason_longer_than_2000_characters_is_refused() =>
        Assert.Equal([new FieldError(MappingFields.Reason, MappingErrors.TooLong)],
            Validate(Completed() with { Reason = new string('x', 2001) }, version: 2));

    [Fact]
    public void Free_text_longer_than_2000_characters_is_refused() =>
        Assert.Equal([new FieldError(MappingFields.OwnWishes, MappingErrors.TooLong)],
            Validate(Completed() with { OwnWishes = new string('x', 2001) }));
}

public sealed class MappingRulesTests
{
    [Theory]
    [InlineData(ParticipantStatus.Active)]
    [InlineData(ParticipantStatus.OnLeave)]
    public void A_running_programme_without_a_completed_mapping_is_flagged(ParticipantStatus status) =>
        Assert.True(MappingRules.IsMissingAtStart(status, mappingCompletedOn: null));

    [Fact]
    public void A_running_programme_with_a_completed_mapping_is_not_flagged() =>
        Assert.False(MappingRules.IsMissingAtStart(ParticipantStatus.Active, D("2026-01-01")));

    [Theory]
    [InlineData(ParticipantStatus.Registered)]
    [InlineData(ParticipantStatus.Completed)]
    [InlineData(ParticipantStatus.Stopped)]
    [InlineData(ParticipantStatus.Exited)]
    public void A_programme_that_is_not_running_is_not_flagged(ParticipantStatus status) =>
        Assert.False(MappingRules.IsMissingAtStart(status, mappingCompletedOn: null));
}
