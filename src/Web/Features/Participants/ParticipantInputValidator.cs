using IntroProgram.Domain.Participants;
using IntroProgram.Domain.Programme;
using IntroProgram.Infrastructure.Participants;
using IntroProgram.Web.Features.Shared;
using IntroProgram.Web.Localization;
using Microsoft.Extensions.Localization;

namespace IntroProgram.Web.Features.Participants;

/// <summary>
/// What the register form accepts: names, national id (its check digits and the birth date it encodes), the dates and
/// eligibility (age 18–55 on the start, permit before settlement), country and languages — all in
/// <see cref="ParticipantRegistration.Validate"/>, the one Domain list. Two checks read other rows and stay in
/// <see cref="ParticipantRegistry"/>, inside its transaction: a national id already registered in the municipality,
/// and a coordinator or caseworker who is not an active member of it.
/// </summary>
public sealed class ParticipantInputValidator : FormValidator<ParticipantInput>
{
    public ParticipantInputValidator(IStringLocalizer<Ui> texts, NationalIdProtector nationalIds, RuleSetCatalog ruleSets, TimeProvider clock)
        : base(texts) =>
        DomainRules(input => ParticipantInputRules.Check(input, nationalIds, ruleSets, clock, nationalIdRequired: true));
}

/// <summary>
/// What the edit form accepts: as <see cref="ParticipantInputValidator"/>, except that an empty national id keeps the
/// registered one (the form shows it masked); the registry checks the birth date against the stored number.
/// </summary>
public sealed class ParticipantEditInputValidator : FormValidator<ParticipantEditInput>
{
    public ParticipantEditInputValidator(IStringLocalizer<Ui> texts, NationalIdProtector nationalIds, RuleSetCatalog ruleSets, TimeProvider clock)
        : base(texts) =>
        DomainRules(input => ParticipantInputRules.Check(input, nationalIds, ruleSets, clock,
            nationalIdRequired: !string.IsNullOrWhiteSpace(input.NationalId)));
}

internal static class ParticipantInputRules
{
    /// <param name="nationalIdRequired">False on edit with the field left empty: the number is not changed, so not checked here.</param>
    public static IReadOnlyList<FieldError> Check(
        ParticipantInput input, NationalIdProtector nationalIds, RuleSetCatalog ruleSets, TimeProvider clock, bool nationalIdRequired)
    {
        NationalId? id = null;
        string? idError = null;
        if (nationalIdRequired)
        {
            _ = nationalIds.TryParse(input.NationalId, out id, out idError); // a refusal is in idError
        }
        var ruleSet = input.PermitDate is { } permit ? ruleSets.ForPermitDate(permit) : null;
        return ParticipantRegistration.Validate(input.ToDetails(input.NationalId), id, idError, ruleSet, clock.OsloToday());
    }
}
