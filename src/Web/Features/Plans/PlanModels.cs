using System.Globalization;
using IntroProgram.Domain.Decisions;
using IntroProgram.Domain.Participants;
using IntroProgram.Domain.Plans;
using IntroProgram.Domain.Programme;
using IntroProgram.Infrastructure.Plans;
using IntroProgram.Web.Features.Shared;

namespace IntroProgram.Web.Features.Plans;

/// <summary>Who the mapping or plan pages are about: name and masked national id for the heading, status and start for the rules.</summary>
public sealed record PlansParticipant(Guid Id, string Name, string NationalIdMasked, ParticipantStatus Status, DateOnly? ProgrammeStart)
{
    public string Url => $"/participants/{Id}";
    public string MappingUrl => $"/participants/{Id}/mapping";
    public string PlanUrl => $"/participants/{Id}/plan";
}

/// <summary>The current mapping, or one older version, with the whole history.</summary>
public sealed class MappingPage
{
    public required PlansParticipant Participant { get; init; }
    public CompetenceMapping? Shown { get; init; }
    public IReadOnlyList<VersionRow> History { get; init; } = [];
    public bool CanEdit { get; init; }

    public int CurrentVersion => History.Count == 0 ? 0 : History[0].Version;
    /// <summary>An older version is shown, not the current one.</summary>
    public bool IsOlderVersion => Shown is not null && Shown.Version != CurrentVersion;
    public bool MissingAtStart => MappingRules.IsMissingAtStart(Participant.Status, History.Count == 0 ? null : History[0].Date);
}

public sealed class LanguageRow
{
    public string? Language { get; set; }
    public LanguageLevel? Level { get; set; }
}

public sealed class WorkRow
{
    public string? Field { get; set; }
    public int? Years { get; set; }
}

/// <summary>The mapping form's fields, named as the service's field errors are.</summary>
public sealed class MappingForm
{
    public const string Prefix = "Input";
    public const int MinimumRows = 5;

    public List<LanguageRow> Languages { get; set; } = [];
    public int? SchoolingYears { get; set; }
    public EducationBackground HighestEducation { get; set; }
    public string? SchoolingCountry { get; set; }
    public List<WorkRow> WorkExperience { get; set; } = [];
    public string? DocumentedQualifications { get; set; }
    public string? UndocumentedQualifications { get; set; }
    public bool HoldsQualificationsPassport { get; set; }
    public bool ForeignEducationRecognised { get; set; }
    public LatinLiteracy? LatinLiteracy { get; set; }
    public string? OwnWishes { get; set; }
    public DateOnly? CompletedOn { get; set; }
    public string? Reason { get; set; }

    /// <summary>Prefilled from the current version; the reason is always new.</summary>
    public static MappingForm From(CompetenceMapping? m) => m is null ? new MappingForm() : new MappingForm
    {
        Languages = m.Languages.Select(l => new LanguageRow { Language = l.Language, Level = l.Level }).ToList(),
        SchoolingYears = m.SchoolingYears,
        HighestEducation = m.HighestEducation,
        SchoolingCountry = m.SchoolingCountry,
        WorkExperience = m.WorkExperience.Select(w => new WorkRow { Field = w.Field, Years = w.Years }).ToList(),
        DocumentedQualifications = m.DocumentedQualifications,
        UndocumentedQualifications = m.UndocumentedQualifications,
        HoldsQualificationsPassport = m.HoldsQualificationsPassport,
        ForeignEducationRecognised = m.ForeignEducationRecognised,
        LatinLiteracy = m.LatinLiteracy,
        OwnWishes = m.OwnWishes,
        CompletedOn = m.CompletedOn,
    };

    public CompetenceMappingInput ToInput() => new()
    {
        Languages = Languages.Select(l => new SpokenLanguageInput(l.Language, l.Level)).ToList(),
        SchoolingYears = SchoolingYears,
        HighestEducation = HighestEducation,
        SchoolingCountry = SchoolingCountry,
        WorkExperience = WorkExperience.Select(w => new WorkExperienceInput(w.Field, w.Years)).ToList(),
        DocumentedQualifications = DocumentedQualifications,
        UndocumentedQualifications = UndocumentedQualifications,
        HoldsQualificationsPassport = HoldsQualificationsPassport,
        ForeignEducationRecognised = ForeignEducationRecognised,
        LatinLiteracy = LatinLiteracy,
        OwnWishes = OwnWishes,
        CompletedOn = CompletedOn,
        Reason = Reason,
    };

    /// <summary>Empty rows to fill in without script: at least five, and always two more than are filled.</summary>
    public void PadRows()
    {
        Pad(Languages, Languages.Count(l => !string.IsNullOrWhiteSpace(l.Language) || l.Level is not null));
        Pad(WorkExperience, WorkExperience.Count(w => !string.IsNullOrWhiteSpace(w.Field) || w.Years is not null));
    }

    private static void Pad<T>(List<T> rows, int filled) where T : new()
    {
        var wanted = Math.Min(CompetenceMappingRules.MaxRows, Math.Max(MinimumRows, filled + 2));
        while (rows.Count < wanted)
        {
            rows.Add(new T());
        }
    }
}

public sealed record Choice(string Value, string Text);

public sealed class MappingFormPage
{
    public required PlansParticipant Participant { get; init; }
    public required MappingForm Input { get; init; }
    public Guid FormToken { get; init; }
    /// <summary>The version the form was filled from; 0 for a new mapping.</summary>
    public int BaseVersion { get; init; }
    public IReadOnlyList<Choice> Languages { get; init; } = [];
    public IReadOnlyList<Choice> CommonCountries { get; init; } = [];
    public IReadOnlyList<Choice> OtherCountries { get; init; } = [];

    public int NextVersion => BaseVersion + 1;
    public bool IsCorrection => BaseVersion > 0;
}

/// <summary>The current plan, or one older version, with the whole history.</summary>
public sealed class PlanPage
{
    public required PlansParticipant Participant { get; init; }
    public IndividualPlan? Shown { get; init; }
    public string? ShownDecidedBy { get; init; }
    public IReadOnlyList<VersionRow> History { get; init; } = [];
    public PlanPeriod? Period { get; init; }
    public DateOnly Today { get; init; }
    public bool CanEdit { get; init; }

    public int CurrentVersion => History.Count == 0 ? 0 : History[0].Version;
    public bool IsOlderVersion => Shown is not null && Shown.Version != CurrentVersion;
    public bool CanChangePlan => CanEdit && Period is not null && !ParticipantStatusRules.IsEnded(Participant.Status);
    public DateOnly? OverdueReview => Shown is null || IsOlderVersion ? null : PlanRules.OverdueReview(Shown, Today);
    public decimal? PlannedHoursThisWeek => Shown is null ? null : PlanRules.PlannedHoursPerWeek(Shown, Today);
}

public sealed class MeasureRow
{
    public HourCategory? Category { get; set; }
    public string? Provider { get; set; }
    public DateOnly? Start { get; set; }
    public DateOnly? End { get; set; }
    /// <summary>As typed: 7,5 and 7.5 are both read.</summary>
    public string? HoursPerWeek { get; set; }

    public bool IsBlank => Category is null && string.IsNullOrWhiteSpace(Provider) && Start is null && End is null && string.IsNullOrWhiteSpace(HoursPerWeek);
}

/// <summary>The plan form's fields, named as the service's field errors are.</summary>
public sealed class PlanForm
{
    public const string Prefix = "Input";
    public const int MinimumMeasureRows = 6;
    public const int MinimumReviewRows = 4;

    public PlanGoal? Goal { get; set; }
    public string? GoalDescription { get; set; }
    public DateOnly? TargetDate { get; set; }
    public CefrLevel? NorwegianLevel { get; set; }
    public List<MeasureRow> Measures { get; set; } = [];
    public List<DateOnly?> ReviewDates { get; set; } = [];
    public string? Reason { get; set; }

    public static PlanForm From(IndividualPlan? p) => p is null ? new PlanForm() : new PlanForm
    {
        Goal = p.Goal,
        GoalDescription = p.GoalDescription,
        TargetDate = p.TargetDate,
        NorwegianLevel = p.NorwegianLevel,
        Measures = p.Measures.Select(m => new MeasureRow
        {
            Category = m.Category, Provider = m.Provider, Start = m.Start, End = m.End, HoursPerWeek = PlanTexts.Hours(m.HoursPerWeek),
        }).ToList(),
        ReviewDates = p.ReviewDates.Select(d => (DateOnly?)d).ToList(),
    };

    /// <param name="hours">The parsed hours of each measure row, null where blank or not a number.</param>
    /// <summary>Each row's hours a week as a number; blank, or text the validator has refused, as none.</summary>
    public IReadOnlyList<decimal?> HoursPerWeek() =>
        Measures.Select(m => HoursInput.TryParse(m.HoursPerWeek, out var value) ? value : (decimal?)null).ToList();

    public PlanInput ToInput(IReadOnlyList<decimal?> hours) => new()
    {
        Goal = Goal,
        GoalDescription = GoalDescription,
        TargetDate = TargetDate,
        NorwegianLevel = NorwegianLevel,
        Measures = Measures.Select((m, i) => new PlanMeasureInput(m.Category, m.Provider, m.Start, m.End, hours[i])).ToList(),
        ReviewDates = ReviewDates,
        Reason = Reason,
    };

    public void PadRows()
    {
        var measures = Math.Min(PlanRules.MaxMeasures, Math.Max(MinimumMeasureRows, Measures.Count(m => !m.IsBlank) + 2));
        while (Measures.Count < measures)
        {
            Measures.Add(new MeasureRow());
        }
        var reviews = Math.Min(PlanRules.MaxReviewDates, Math.Max(MinimumReviewRows, ReviewDates.Count(d => d is not null) + 1));
        while (ReviewDates.Count < reviews)
        {
            ReviewDates.Add(null);
        }
    }
}

public sealed class PlanFormPage
{
    public required PlansParticipant Participant { get; init; }
    public required PlanForm Input { get; init; }
    public Guid FormToken { get; init; }
    public int BaseVersion { get; init; }
    public PlanPeriod? Period { get; init; }

    public int NextVersion => BaseVersion + 1;
    public bool IsChange => BaseVersion > 0;
    public bool IsEnded => ParticipantStatusRules.IsEnded(Participant.Status);
    public bool CanShowForm => Period is not null && !IsEnded;
}

/// <summary>
/// What the plain-language plan partial (_CurrentPlan) shows: the plan's content, without who decided it. Built from
/// a plan version for the staff pages and, later, the participant's own pages.
/// </summary>
public sealed class CurrentPlanView
{
    public PlanGoal Goal { get; init; }
    /// <summary>Free text, shown as written.</summary>
    public string? GoalDescription { get; init; }
    public DateOnly TargetDate { get; init; }
    public CefrLevel NorwegianLevel { get; init; }
    public IReadOnlyList<PlanMeasure> Measures { get; init; } = [];
    public IReadOnlyList<DateOnly> ReviewDates { get; init; } = [];
    public DateOnly? NextReview { get; init; }
    public DateOnly DecidedOn { get; init; }
    public int Version { get; init; }
    /// <summary>On the participant's own pages: an introduction in the second person.</summary>
    public bool ForParticipant { get; init; }

    public static CurrentPlanView From(IndividualPlan plan, DateOnly today, bool forParticipant) => new()
    {
        Goal = plan.Goal,
        GoalDescription = plan.GoalDescription,
        TargetDate = plan.TargetDate,
        NorwegianLevel = plan.NorwegianLevel,
        Measures = plan.Measures.OrderBy(m => m.Start).ThenBy(m => m.End).ToList(),
        ReviewDates = plan.ReviewDates.Order().ToList(),
        NextReview = PlanRules.NextReview(plan, today),
        DecidedOn = plan.DecidedOn,
        Version = plan.Version,
        ForParticipant = forParticipant,
    };
}

/// <summary>How the plan pages write dates and hours in the user's language.</summary>
public static class PlanTexts
{
    /// <summary>7,5 in Norwegian, 7.5 in English.</summary>
    public static string Hours(decimal hours) => hours.ToString("0.##", CultureInfo.CurrentCulture);

    public static string Date(DateOnly date) => date.ToString("d", CultureInfo.CurrentCulture);

    public static string Date(DateOnly? date) => date is { } d ? Date(d) : "–";

    public static string At(DateTimeOffset at) => at.ToLocalTime().ToString("g", CultureInfo.CurrentCulture);

}
