using IntroProgram.Web.Features.Shared;
using System.Globalization;
using IntroProgram.Domain.Decisions;
using IntroProgram.Domain.Participants;
using IntroProgram.Infrastructure.Decisions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace IntroProgram.Web.Features.Decisions;

/// <summary>The kinds of decision and test forms, by the word in their address.</summary>
public static class DecisionSlugs
{
    public static readonly IReadOnlyDictionary<string, DecisionKind> Decisions = new Dictionary<string, DecisionKind>(StringComparer.Ordinal)
    {
        ["leave"] = DecisionKind.Leave,
        ["extension"] = DecisionKind.Extension,
        ["extra-hours"] = DecisionKind.ExtraHoursGrant,
        ["end"] = DecisionKind.ProgrammeEnd,
        ["resumption"] = DecisionKind.Resumption,
    };

    public static readonly IReadOnlyDictionary<string, TestKind> Tests = new Dictionary<string, TestKind>(StringComparer.Ordinal)
    {
        ["norwegian"] = TestKind.Norwegian,
        ["social-studies"] = TestKind.SocialStudies,
    };

    public static string For(DecisionKind kind) => Decisions.First(d => d.Value == kind).Key;

    public static string For(TestKind kind) => Tests.First(t => t.Value == kind).Key;
}

/// <summary>Who the decision is about, as the header of every form shows it. Never the full national id.</summary>
public sealed record ParticipantHeader(Guid Id, string Name, string NationalIdMasked, ParticipantStatus Status);

/// <summary>What the caseworker sees beside an extension: the dates the maximum duration comes from, and the durations in years.</summary>
public sealed record ExtensionContext(DateOnly NormalEnd, DateOnly PlannedEnd, DateOnly LatestEnd, decimal NormalYears, decimal MaximumYears);

/// <summary>What the caseworker sees beside a grant of extra Norwegian hours.</summary>
public sealed record ExtraHoursContext(decimal Granted, decimal Used, decimal Maximum);

/// <summary>
/// One form for every kind of decision. The input properties are named as the service's fields
/// (<see cref="DecisionFields"/>), so its errors land next to the right field.
/// </summary>
public sealed class DecisionFormModel
{
    public Guid FormToken { get; set; }
    public DateOnly? DecidedOn { get; set; }
    public string? Reason { get; set; }
    public DateOnly? PeriodStart { get; set; }
    public DateOnly? PeriodEnd { get; set; }
    public LeaveType? LeaveType { get; set; }
    public DateOnly? ExtendedTo { get; set; }

    /// <summary>Text, so that both "1,5" and "1.5" are read as one and a half hours whatever the page's language.</summary>
    public string? ExtraHoursTotal { get; set; }

    public ParticipantStatus? Outcome { get; set; }

    [BindNever] public DecisionKind Kind { get; set; }

    /// <summary>The kind as the address names it ("leave", "extension" …), which the validator reads the kind from.</summary>
    [FromRoute(Name = "kind")] public string? Slug { get; set; } = "";

    [BindNever] public ParticipantHeader Participant { get; set; } = null!;
    [BindNever] public ExtensionContext? Extension { get; set; }
    [BindNever] public ExtraHoursContext? ExtraHours { get; set; }

    /// <summary>The endings a caseworker can decide.</summary>
    public static IReadOnlyList<ParticipantStatus> Outcomes => DecisionInputRules.Outcomes;

    /// <summary>The fields the form shows for a kind; an error on any other field is shown for the form as a whole.</summary>
    public static IReadOnlySet<string> FieldsOf(DecisionKind kind)
    {
        var fields = new HashSet<string>(StringComparer.Ordinal) { DecisionFields.DecidedOn, DecisionFields.Reason };
        switch (kind)
        {
            case DecisionKind.Leave:
                fields.UnionWith([DecisionFields.PeriodStart, DecisionFields.PeriodEnd, DecisionFields.LeaveType]);
                break;
            case DecisionKind.Extension:
                fields.Add(DecisionFields.ExtendedTo);
                break;
            case DecisionKind.ExtraHoursGrant:
                fields.Add(DecisionFields.ExtraHoursTotal);
                break;
            case DecisionKind.ProgrammeEnd:
                fields.Add(DecisionFields.Outcome);
                break;
        }
        return fields;
    }

    /// <summary>Reads an hour number typed with a decimal comma or point; spaces (thousands) are ignored.</summary>
    public static bool TryParseHours(string? text, out decimal? hours)
    {
        hours = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }
        var ok = HoursInput.TryParse(text, out var value);
        hours = ok ? value : null;
        return ok;
    }

    public DecisionInput ToInput(decimal? extraHoursTotal) => ToInput(Kind, extraHoursTotal);

    public DecisionInput ToInput(DecisionKind kind, decimal? extraHoursTotal) => new()
    {
        Kind = kind,
        DecidedOn = DecidedOn,
        Reason = Reason,
        PeriodStart = kind == DecisionKind.Leave ? PeriodStart : null,
        PeriodEnd = kind == DecisionKind.Leave ? PeriodEnd : null,
        LeaveType = kind == DecisionKind.Leave ? LeaveType : null,
        ExtendedTo = kind == DecisionKind.Extension ? ExtendedTo : null,
        ExtraHoursTotal = kind == DecisionKind.ExtraHoursGrant ? extraHoursTotal : null,
        Outcome = kind == DecisionKind.ProgrammeEnd ? Outcome : null,
    };
}

/// <summary>The Norwegian test (a level per skill) or the social-studies test (passed or not).</summary>
public sealed class TestFormModel
{
    public Guid FormToken { get; set; }
    public DateOnly? TakenOn { get; set; }
    public CefrLevel? Reading { get; set; }
    public CefrLevel? Listening { get; set; }
    public CefrLevel? Writing { get; set; }
    public CefrLevel? Oral { get; set; }
    public bool? Passed { get; set; }
    public string? Language { get; set; }
    public string? Note { get; set; }

    [BindNever] public TestKind Kind { get; set; }

    /// <summary>The kind as the address names it ("norwegian", "social-studies"), which the validator reads the kind from.</summary>
    [FromRoute(Name = "kind")] public string? Slug { get; set; } = "";
    [BindNever] public ParticipantHeader Participant { get; set; } = null!;

    /// <summary>The skills of the Norwegian test, as field name and text key.</summary>
    public static readonly IReadOnlyList<string> Skills =
        [nameof(Reading), nameof(Listening), nameof(Writing), nameof(Oral)];

    public CefrLevel? LevelOf(string skill) => skill switch
    {
        nameof(Reading) => Reading,
        nameof(Listening) => Listening,
        nameof(Writing) => Writing,
        nameof(Oral) => Oral,
        _ => null,
    };

    public static IReadOnlySet<string> FieldsOf(TestKind kind)
    {
        var fields = new HashSet<string>(StringComparer.Ordinal) { DecisionFields.TakenOn, DecisionFields.Note };
        fields.UnionWith(kind == TestKind.Norwegian ? Skills : [DecisionFields.Passed, nameof(Language)]);
        return fields;
    }

    public TestResultInput ToInput() => ToInput(Kind);

    public TestResultInput ToInput(TestKind kind) => new()
    {
        Kind = kind,
        TakenOn = TakenOn,
        Reading = kind == TestKind.Norwegian ? Reading : null,
        Listening = kind == TestKind.Norwegian ? Listening : null,
        Writing = kind == TestKind.Norwegian ? Writing : null,
        Oral = kind == TestKind.Norwegian ? Oral : null,
        Passed = kind == TestKind.SocialStudies ? Passed : null,
        Language = kind == TestKind.SocialStudies ? Language : null,
        Note = Note,
    };
}

/// <summary>One decision as its page shows it.</summary>
public sealed record DecisionDetails(
    Decision Decision,
    ParticipantHeader Participant,
    string? DecidedByName);
