using FluentValidation;
using IntroProgram.Domain.Decisions;
using IntroProgram.Domain.Programme;
using IntroProgram.Infrastructure.Decisions;
using IntroProgram.Web.Features.Shared;
using IntroProgram.Web.Localization;
using Microsoft.Extensions.Localization;

namespace IntroProgram.Web.Features.Decisions;

/// <summary>
/// What a decision form accepts, for the kind its address names: the date (not in the future) and the reason, and
/// for its kind the leave period and type, the new end, the extra hours (a number) or the outcome — the Domain's
/// <see cref="DecisionInputRules.Validate"/>. What depends on the participant is checked by <see cref="DecisionRecorder"/>
/// under the participant's lock: the date inside the programme, leave starting in it, an extension within the rule
/// set's limits and not before logged hours, the extra hours against those already used, an end the status allows.
/// </summary>
public sealed class DecisionFormModelValidator : FormValidator<DecisionFormModel>
{
    public DecisionFormModelValidator(IStringLocalizer<Ui> texts, TimeProvider clock) : base(texts)
    {
        RuleFor(f => f.ExtraHoursTotal)
            .Must(text => DecisionFormModel.TryParseHours(text, out _)).WithText(texts, "Validation.Number")
            .When(f => KindOf(f) == DecisionKind.ExtraHoursGrant);
        DomainRules(form =>
        {
            if (KindOf(form) is not { } kind)
            {
                return []; // an address without a known kind answers 404 before anything is read
            }
            if (!DecisionFormModel.TryParseHours(form.ExtraHoursTotal, out var hours))
            {
                return DecisionInputRules.Validate(form.ToInput(kind, null), clock.OsloToday())
                    .Where(e => e.Field != DecisionFields.ExtraHoursTotal); // "not a number" says it already
            }
            return DecisionInputRules.Validate(form.ToInput(kind, hours), clock.OsloToday());
        });
    }

    private static DecisionKind? KindOf(DecisionFormModel form) =>
        form.Slug is { } slug && DecisionSlugs.Decisions.TryGetValue(slug, out var kind) ? kind : null;
}

/// <summary>
/// What a test-result form accepts: the day (not in the future), a result of the kind's shape, a known language, a
/// short note (<see cref="DecisionInputRules.ValidateTest"/>). That the day is not before the programme start is
/// checked by <see cref="DecisionRecorder"/>, which reads the participant.
/// </summary>
public sealed class TestFormModelValidator : FormValidator<TestFormModel>
{
    public TestFormModelValidator(IStringLocalizer<Ui> texts, TimeProvider clock) : base(texts) =>
        DomainRules(form => form.Slug is { } slug && DecisionSlugs.Tests.TryGetValue(slug, out var kind)
            ? DecisionInputRules.ValidateTest(form.ToInput(kind), clock.OsloToday())
            : []);
}
