using FluentValidation;
using IntroProgram.Domain.Plans;
using IntroProgram.Domain.Programme;
using IntroProgram.Infrastructure.Plans;
using IntroProgram.Web.Features.Shared;
using IntroProgram.Web.Localization;
using Microsoft.Extensions.Localization;

namespace IntroProgram.Web.Features.Plans;

/// <summary>
/// What the competence-mapping form accepts: the answers, row by row (<see cref="CompetenceMappingRules.ValidateAnswers"/>).
/// Whether a reason is needed depends on the versions already saved, so <see cref="CompetenceMappingRecorder"/> checks
/// it inside the transaction that numbers the new version.
/// </summary>
public sealed class MappingFormValidator : FormValidator<MappingForm>
{
    public MappingFormValidator(IStringLocalizer<Ui> texts, TimeProvider clock) : base(texts) =>
        DomainRules(form => CompetenceMappingRules.ValidateAnswers(form.ToInput(), clock.OsloToday()));
}

/// <summary>
/// What the plan form reads before it is saved: each measure row's hours a week as a number ("7,5" or "7.5"). The
/// plan's rules (<see cref="PlanRules.Validate"/>: the goal, every measure and review inside the participant's programme
/// period, at most 37.5 planned hours in any week, the reason for a new version) need the participant's programme
/// start, latest end and stored versions, so <see cref="IndividualPlanRecorder"/> checks them where it reads those.
/// </summary>
public sealed class PlanFormValidator : FormValidator<PlanForm>
{
    public PlanFormValidator(IStringLocalizer<Ui> texts) : base(texts) =>
        RuleForEach(f => f.Measures).ChildRules(row =>
            row.RuleFor(m => m.HoursPerWeek)
                .Must(text => HoursInput.TryParse(text, out _)).When(m => !string.IsNullOrWhiteSpace(m.HoursPerWeek))
                .WithText(texts, "Plans.Plan.NotANumber"));
}
