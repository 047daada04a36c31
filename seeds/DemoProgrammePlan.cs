using IntroProgram.Domain.Decisions;
using IntroProgram.Domain.Ledger;
using IntroProgram.Domain.Participants;
using IntroProgram.Domain.Programme;
using IntroProgram.Infrastructure.Decisions;

namespace IntroProgram.Seeds;

/// <summary>The kinds of programme history the demo tells, so every status and every risk has cases to show.</summary>
public enum DemoProfile
{
    /// <summary>Registered; the programme starts in a few weeks.</summary>
    Upcoming,
    /// <summary>Registered just after settlement; no start date yet.</summary>
    NotYetStarted,
    /// <summary>Registered months ago and still no start: the start deadline has passed.</summary>
    StartOverdue,
    NewStarter,
    OnTrack,
    /// <summary>Near or past the normal two years, with an extension decision.</summary>
    Extended,
    /// <summary>Few Norwegian hours for the time in the programme, and none for the last three weeks or more.</summary>
    BehindPace,
    /// <summary>Unexcused absence well above 10 %.</summary>
    HighAbsence,
    /// <summary>On parental leave now.</summary>
    ParentalLeave,
    /// <summary>On sick leave now.</summary>
    SickLeave,
    /// <summary>Completed with 550 hours of Norwegian and the social-studies hours.</summary>
    Completed,
    /// <summary>Completed early for a full-time job, short of 550 hours.</summary>
    CompletedForWork,
    StoppedForAbsence,
    StoppedNoContact,
    /// <summary>
    /// Started three to four years ago and completed after two: the evidence deadline (three years from the start) has
    /// passed, with 550 hours of Norwegian and the social-studies hours reached in time.
    /// </summary>
    CompletedBeforeDeadline,
    /// <summary>Started three to four years ago and stopped for absence in the first year: the deadline passed without the hours.</summary>
    StoppedBeforeDeadline,
    ExitedMoved,
    /// <summary>Moved away before the programme started.</summary>
    ExitedBeforeStart,
}

/// <summary>A group taught together: the participants who attend one of its days get the same entry.</summary>
public sealed record DemoClass(string Code, HourCategory Category, decimal Hours, DayOfWeek[] Days, string Title);

/// <summary>A ledger row to insert; voided rows carry the reason they were voided.</summary>
public sealed record PlannedEntry(DateOnly Date, HourCategory Category, decimal Hours, DemoClass? Class, string? Note, string? VoidReason = null)
{
    public bool IsLive => VoidReason is null;
}

public sealed record PlannedAbsence(DateOnly Date, decimal Hours, bool Excused, string? Reason, DemoClass? Class);

public sealed class PlannedParticipant(DemoProfile profile, ParticipantDetails details, RuleSet ruleSet)
{
    public DemoProfile Profile { get; } = profile;
    public ParticipantDetails Details { get; } = details;
    public RuleSet RuleSet { get; } = ruleSet;
    /// <summary>In the order they are to be decided; a programme end is always last.</summary>
    public List<DecisionInput> Decisions { get; } = [];
    public List<TestResultInput> Tests { get; } = [];
    public List<PlannedEntry> Entries { get; } = [];
    public List<PlannedAbsence> Absences { get; } = [];

    public DateOnly? EndedOn => Decisions.FirstOrDefault(d => d.Kind == DecisionKind.ProgrammeEnd)?.DecidedOn;

    public ParticipantStatus ExpectedStatus(DateOnly today) =>
        Decisions.FirstOrDefault(d => d.Kind == DecisionKind.ProgrammeEnd)?.Outcome
        ?? (Details.ProgrammeStart is not { } start || start > today ? ParticipantStatus.Registered
            : Leave.Any(l => l.Contains(today)) ? ParticipantStatus.OnLeave
            : ParticipantStatus.Active);

    public decimal ExtraHoursGranted =>
        Decisions.LastOrDefault(d => d.Kind == DecisionKind.ExtraHoursGrant)?.ExtraHoursTotal ?? 0m;

    public IReadOnlyList<LeavePeriod> Leave =>
        Decisions.Where(d => d.Kind == DecisionKind.Leave).Select(d => new LeavePeriod(d.PeriodStart!.Value, d.PeriodEnd!.Value)).ToList();

    public decimal LiveHours(HourCategory category) =>
        Entries.Where(e => e.IsLive && e.Category == category).Sum(e => e.Hours);

    public decimal LiveHours(HourCategory category, DateOnly upTo) =>
        Entries.Where(e => e.IsLive && e.Category == category && e.Date <= upTo).Sum(e => e.Hours);
}

/// <summary>
/// The demo municipality's programme history, worked out in memory from a seed and today's date before anything is
/// written: who the participants are, their decisions and tests, and every day's hours and absence. The same seed and
/// day give the same plan; another day gives an equally realistic picture relative to that day.
/// </summary>
public sealed class DemoProgrammePlan
{
    public const decimal NorwegianHoursTarget = 550m;

    private DemoProgrammePlan(DateOnly today, IReadOnlyList<PlannedParticipant> participants)
    {
        Today = today;
        Participants = participants;
    }

    public DateOnly Today { get; }
    public IReadOnlyList<PlannedParticipant> Participants { get; }

    /// <summary>The profiles every demo municipality has, whatever its size; the rest are on track.</summary>
    public static readonly IReadOnlyList<DemoProfile> FixedProfiles =
    [
        DemoProfile.Upcoming, DemoProfile.NotYetStarted, DemoProfile.StartOverdue,
        DemoProfile.NewStarter, DemoProfile.NewStarter, DemoProfile.NewStarter,
        DemoProfile.Extended, DemoProfile.Extended,
        DemoProfile.BehindPace, DemoProfile.BehindPace, DemoProfile.BehindPace,
        DemoProfile.HighAbsence, DemoProfile.HighAbsence,
        DemoProfile.ParentalLeave, DemoProfile.SickLeave,
        DemoProfile.Completed, DemoProfile.Completed, DemoProfile.CompletedForWork,
        DemoProfile.StoppedForAbsence, DemoProfile.StoppedNoContact,
        DemoProfile.ExitedMoved, DemoProfile.ExitedBeforeStart,
        // The dashboard's "reached 550/50 within the deadline" needs deadlines that have passed: some made it, some did not.
        DemoProfile.CompletedBeforeDeadline, DemoProfile.CompletedBeforeDeadline, DemoProfile.CompletedBeforeDeadline,
        DemoProfile.StoppedBeforeDeadline, DemoProfile.StoppedBeforeDeadline,
    ];

    public static DemoProgrammePlan Create(int seed, int count, DateOnly today, RuleSetCatalog ruleSets, Guid? coordinatorId, Guid? caseworkerId)
    {
        if (count < FixedProfiles.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(count), $"A demo municipality needs at least {FixedProfiles.Count} participants.");
        }
        var random = new Random(seed);
        var profiles = FixedProfiles.Concat(Enumerable.Repeat(DemoProfile.OnTrack, count - FixedProfiles.Count)).ToArray();
        random.Shuffle(profiles);
        var planner = new ParticipantPlanner(random, today, ruleSets, coordinatorId, caseworkerId);
        var participants = profiles.Select(planner.Plan).ToList();
        AddVoidedEntries(participants, random, Math.Max(3, count / 8));
        return new DemoProgrammePlan(today, participants);
    }

    /// <summary>A few corrections, as coordinators make them: the wrong entry is voided with a reason, the right one stays.</summary>
    private static void AddVoidedEntries(List<PlannedParticipant> participants, Random random, int howMany)
    {
        var candidates = participants.Where(p => p.Entries.Count(e => e.IsLive) >= 20).ToList();
        for (var i = 0; i < howMany && candidates.Count > 0; i++)
        {
            var p = candidates[random.Next(candidates.Count)];
            var live = p.Entries.Where(e => e.IsLive && e.Category != HourCategory.ExtraNorwegian).ToList();
            var right = live[random.Next(live.Count)];
            var wrong = (i % 4) switch
            {
                0 => right with { Class = null, Note = null, VoidReason = "Dobbeltføring: timene var allerede ført fra klasselisten." },
                1 => right with { Class = null, Hours = right.Hours + 1m, VoidReason = "Feil antall timer; ført på nytt med riktig antall." },
                2 => right with
                {
                    Class = null,
                    Category = right.Category == HourCategory.Norwegian ? HourCategory.CareerGuidance : HourCategory.Norwegian,
                    VoidReason = "Ført i feil kategori; ført på nytt.",
                },
                _ => right with { Class = null, Note = null, VoidReason = "Ført på feil deltaker." },
            };
            p.Entries.Insert(p.Entries.IndexOf(right), wrong);
        }
    }

    /// <summary>
    /// Every way the plan would break the programme's rules, checked with the domain's own rules: registration,
    /// hour entries (quarter hours, 24 h a day, not before the start, not in the future, not after the end, extra
    /// Norwegian within the grant), absence, decisions and tests. Empty when the plan can be written as it is.
    /// Messages name the participant by position and profile, never by personal data.
    /// </summary>
    public IReadOnlyList<string> FindRuleBreaks()
    {
        var problems = new List<string>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Participants.Count; i++)
        {
            var p = Participants[i];
            var who = $"#{i} {p.Profile}";
            void Problem(string what) => problems.Add($"{who}: {what}");

            NationalId.TryParse(p.Details.NationalId, allowSyntheticTestNumbers: true, out var id, out var idError);
            foreach (var error in ParticipantRegistration.Validate(p.Details, id, idError, p.RuleSet, Today))
            {
                Problem($"registration {error.Field} {error.Code}");
            }
            if (!ids.Add(p.Details.NationalId!))
            {
                Problem("national id used twice");
            }

            var start = p.Details.ProgrammeStart;
            var granted = p.ExtraHoursGranted;
            // The days hours and absence may fall on, as the ledger computes them once every decision is made.
            var extendedTo = p.Decisions.LastOrDefault(d => d.Kind == DecisionKind.Extension)?.ExtendedTo;
            var period = start is { } first ? ProgrammePeriod.Of(ProgrammeDeadlines.Calculate(first, p.RuleSet, p.Leave, extendedTo), p.EndedOn) : null;
            var dayTotals = new Dictionary<DateOnly, decimal>();
            var extraUsed = 0m;
            foreach (var e in p.Entries.OrderBy(e => e.Date))
            {
                var already = e.IsLive ? dayTotals.GetValueOrDefault(e.Date) : 0m;
                var outcome = HourEntryRules.Validate(e.Date, e.Hours, e.Category, start, Today, already,
                    e.IsLive ? extraUsed : 0m, e.IsLive ? granted : decimal.MaxValue);
                foreach (var code in outcome.Errors)
                {
                    Problem($"entry {e.Date:yyyy-MM-dd} {code}");
                }
                if (period?.CheckLoggedDate(e.Date) is { } outside)
                {
                    Problem($"entry {e.Date:yyyy-MM-dd} {outside}");
                }
                if (e.IsLive)
                {
                    if (p.Leave.Any(l => l.Contains(e.Date)))
                    {
                        Problem($"entry {e.Date:yyyy-MM-dd} during approved leave");
                    }
                    dayTotals[e.Date] = already + e.Hours;
                    if (e.Category == HourCategory.ExtraNorwegian)
                    {
                        extraUsed += e.Hours;
                    }
                }
            }

            var absentByDay = new Dictionary<DateOnly, decimal>();
            foreach (var a in p.Absences)
            {
                foreach (var code in HourEntryRules.Validate(a.Date, a.Hours, HourCategory.Norwegian, start, Today, 0m, 0m, 0m).Errors)
                {
                    Problem($"absence {a.Date:yyyy-MM-dd} {code}");
                }
                absentByDay[a.Date] = absentByDay.GetValueOrDefault(a.Date) + a.Hours;
                if (absentByDay[a.Date] > HourEntryRules.MaximumHoursPerDay)
                {
                    Problem($"absence {a.Date:yyyy-MM-dd} above 24 hours");
                }
                if (period?.CheckLoggedDate(a.Date) is { } outside)
                {
                    Problem($"absence {a.Date:yyyy-MM-dd} {outside}");
                }
            }

            var leave = new List<LeavePeriod>();
            for (var d = 0; d < p.Decisions.Count; d++)
            {
                var decision = p.Decisions[d];
                if (decision.DecidedOn is not { } decidedOn || decidedOn > Today)
                {
                    Problem($"decision {decision.Kind} dated in the future");
                }
                if (string.IsNullOrWhiteSpace(decision.Reason) || decision.Reason.Length > DecisionInputRules.MaxReasonLength)
                {
                    Problem($"decision {decision.Kind} without a proper reason");
                }
                if (decision.Kind == DecisionKind.ProgrammeEnd && d != p.Decisions.Count - 1)
                {
                    Problem("a decision follows the programme end");
                }
                switch (decision.Kind)
                {
                    case DecisionKind.Leave:
                        if (start is null || decision.PeriodStart < start || decision.PeriodEnd < decision.PeriodStart)
                        {
                            Problem("leave outside the programme");
                        }
                        leave.Add(new LeavePeriod(decision.PeriodStart!.Value, decision.PeriodEnd!.Value));
                        break;
                    case DecisionKind.Extension:
                        foreach (var code in ProgrammeDeadlines.ValidateExtension(start!.Value, p.RuleSet, leave, decision.ExtendedTo!.Value).Errors)
                        {
                            Problem($"extension {code}");
                        }
                        break;
                    case DecisionKind.ExtraHoursGrant:
                        foreach (var code in ExtraNorwegianGrantRules.Validate(decision.ExtraHoursTotal!.Value, 0m, p.RuleSet).Errors)
                        {
                            Problem($"grant {code}");
                        }
                        break;
                    case DecisionKind.ProgrammeEnd:
                        if (decision.Outcome is not (ParticipantStatus.Completed or ParticipantStatus.Stopped or ParticipantStatus.Exited))
                        {
                            Problem("programme end without an outcome");
                        }
                        break;
                }
            }
            if (granted < extraUsed)
            {
                Problem("extra Norwegian beyond the grant");
            }

            foreach (var t in p.Tests)
            {
                if (t.TakenOn is not { } takenOn || takenOn > Today || DecisionDateRules.CheckTestDate(takenOn, start).Count > 0)
                {
                    Problem($"test {t.Kind} dated outside the programme");
                }
            }
        }
        return problems;
    }
}

/// <summary>Plans one participant at a time, drawing every choice from the one seeded random source.</summary>
internal sealed class ParticipantPlanner
{
    private static readonly DayOfWeek[] MonToThu = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday];

    // Norwegian is taught in tracks (spor) by the learner's schooling; social studies in the participant's language.
    private static readonly DemoClass TrackOne = new("N-C", HourCategory.Norwegian, 4m,
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Thursday], "Norsk spor 1 – gruppe C (man, tir, tor)");
    private static readonly DemoClass TrackTwoMorning = new("N-A", HourCategory.Norwegian, 3m, MonToThu, "Norsk spor 2 – gruppe A (man–tor, formiddag)");
    private static readonly DemoClass TrackTwoAfternoon = new("N-D", HourCategory.Norwegian, 3.5m,
        [DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday], "Norsk spor 2 – gruppe D (tir–tor, ettermiddag)");
    private static readonly DemoClass TrackThree = new("N-B", HourCategory.Norwegian, 3.5m, MonToThu, "Norsk spor 3 – gruppe B (man–tor)");

    private static readonly string[] ExcusedReasons =
        ["Sykdom", "Sykt barn", "Legetime", "Tannlege", "Møte på NAV", "Time hos politiet (oppholdskort)", "Foreldremøte i skolen", "Sykdom, egenmelding"];

    private readonly Random _random;
    private readonly DateOnly _today;
    private readonly RuleSetCatalog _ruleSets;
    private readonly Guid? _coordinatorId;
    private readonly Guid? _caseworkerId;
    private readonly SchoolCalendar _calendar = new();
    private readonly HashSet<string> _nationalIds = new(StringComparer.Ordinal);
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DemoClass> _socialStudies = new(StringComparer.Ordinal);

    public ParticipantPlanner(Random random, DateOnly today, RuleSetCatalog ruleSets, Guid? coordinatorId, Guid? caseworkerId)
    {
        _random = random;
        _today = today;
        _ruleSets = ruleSets;
        _coordinatorId = coordinatorId;
        _caseworkerId = caseworkerId;
    }

    private DateOnly Yesterday => _today.AddDays(-1);

    public PlannedParticipant Plan(DemoProfile profile)
    {
        var origin = PickOrigin();
        var female = _random.Next(100) < origin.WomenPercent;
        var (given, family) = PickName(origin, female);
        var language = Pick(origin.Languages);
        var education = PickEducation(profile);

        var (settlement, start, end) = PickDates(profile);
        var permit = settlement.AddDays(-_random.Next(21, 85));
        var age = _random.NextDouble() switch
        {
            < 0.22 => _random.Next(18, 25),
            < 0.78 => _random.Next(25, 41),
            _ => _random.Next(41, 55),
        };
        // A birthday between 1 and 360 days before the permit's anniversary keeps the completed years at exactly `age`.
        var birth = permit.AddYears(-age).AddDays(-_random.Next(1, 361));
        var ruleSet = _ruleSets.ForPermitDate(permit);
        var unassigned = profile is DemoProfile.NotYetStarted;
        var details = new ParticipantDetails
        {
            GivenName = given,
            FamilyName = family,
            BirthDate = birth,
            NationalId = SyntheticNationalIds.Create(birth, _random, _nationalIds),
            Gender = female ? Gender.Female : Gender.Male,
            CountryOfOrigin = origin.Country,
            PreferredLanguage = language,
            SocialStudiesLanguage = language,
            PermitDate = permit,
            SettlementDate = settlement,
            ProgrammeStart = start,
            EducationBackground = education,
            EndGoal = PickEndGoal(education),
            ResearchOptOut = _random.Next(100) < 12,
            CoordinatorId = unassigned ? null : _coordinatorId,
            CaseworkerId = unassigned || _random.Next(100) < 10 ? null : _caseworkerId,
        };
        var p = new PlannedParticipant(profile, details, ruleSet);

        if (start is { } s && s <= Yesterday)
        {
            var lastDay = LastActiveDay(profile, end);
            PlanLeave(p, s, lastDay);
            new ProgrammeSimulation(this, p, s, lastDay, Habits(profile), NorwegianClass(profile, education), SocialStudiesClass(language)).Run();
            PlanExtension(p, s);
            PlanTests(p, s, lastDay);
        }
        if (end is { } e)
        {
            p.Decisions.Add(EndDecision(profile, e));
        }
        // Decisions in the order a caseworker made them; the end of the programme is always the last.
        var ordered = p.Decisions.OrderBy(d => d.Kind == DecisionKind.ProgrammeEnd).ThenBy(d => d.DecidedOn).ToList();
        p.Decisions.Clear();
        p.Decisions.AddRange(ordered);
        return p;
    }

    // ---------- who ----------

    private DemoOrigin PickOrigin()
    {
        var roll = _random.Next(DemoOrigins.All.Sum(o => o.Weight));
        foreach (var origin in DemoOrigins.All)
        {
            if (roll < origin.Weight)
            {
                return origin;
            }
            roll -= origin.Weight;
        }
        return DemoOrigins.All[0];
    }

    private string Pick((string Code, int Weight)[] weighted)
    {
        var roll = _random.Next(weighted.Sum(w => w.Weight));
        foreach (var (code, weight) in weighted)
        {
            if (roll < weight)
            {
                return code;
            }
            roll -= weight;
        }
        return weighted[0].Code;
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    private (string Given, string Family) PickName(DemoOrigin origin, bool female)
    {
        while (true)
        {
            var given = Pick(female ? origin.WomenGivenNames : origin.MenGivenNames);
            var family = Pick(origin.FamilyNames);
            if (_names.Add(given + " " + family))
            {
                return (given, family);
            }
        }
    }

    private EducationBackground PickEducation(DemoProfile profile)
    {
        var roll = _random.Next(100);
        return profile switch
        {
            DemoProfile.Completed or DemoProfile.CompletedForWork or DemoProfile.Extended or DemoProfile.CompletedBeforeDeadline =>
                roll < 35 ? EducationBackground.Higher : roll < 70 ? EducationBackground.Secondary : EducationBackground.Vocational,
            DemoProfile.BehindPace =>
                roll < 40 ? EducationBackground.None : roll < 85 ? EducationBackground.Primary : EducationBackground.Unknown,
            _ => roll switch
            {
                < 8 => EducationBackground.None,
                < 30 => EducationBackground.Primary,
                < 58 => EducationBackground.Secondary,
                < 73 => EducationBackground.Vocational,
                < 95 => EducationBackground.Higher,
                _ => EducationBackground.Unknown,
            },
        };
    }

    private string? PickEndGoal(EducationBackground education) => education switch
    {
        EducationBackground.Higher => Pick([
            "Godkjenning av sykepleierutdanningen og arbeid som sykepleier", "Arbeid som ingeniør", "Godkjenning av lærerutdanningen",
            "Masterstudium ved universitetet", "Arbeid innen økonomi og regnskap", "Arbeid som IT-utvikler"]),
        EducationBackground.Vocational => Pick([
            "Fagbrev som elektriker", "Fagbrev som tømrer", "Arbeid i byggebransjen", "Fagbrev som kokk", "Fagbrev som frisør"]),
        EducationBackground.Secondary => Pick([
            "Fagbrev som helsefagarbeider", "Videregående opplæring, studiespesialisering", "Fast arbeid i barnehage",
            "Fagbrev i barne- og ungdomsarbeiderfaget", "Arbeid i varehandel"]),
        EducationBackground.Primary or EducationBackground.None => Pick([
            "Grunnskole for voksne og deretter fagbrev", "Fast arbeid innen renhold", "Arbeid som assistent i barnehage",
            "Arbeid på lager", "Fagbrev som kokk"]),
        _ => null,
    };

    // ---------- when ----------

    private int Days(int from, int to) => _random.Next(from, to + 1);

    /// <summary>Settlement, programme start and (for ended programmes) the end date, relative to _today.</summary>
    private (DateOnly Settlement, DateOnly? Start, DateOnly? End) PickDates(DemoProfile profile)
    {
        DateOnly SettledBefore(DateOnly start, bool late) => start.AddDays(-(late ? Days(100, 165) : Days(14, 80)));
        switch (profile)
        {
            case DemoProfile.Upcoming:
                return (_today.AddDays(-Days(14, 42)), _calendar.NextOpen(_today.AddDays(Days(7, 28))), null);
            case DemoProfile.NotYetStarted:
                return (_today.AddDays(-Days(5, 20)), null, null);
            case DemoProfile.StartOverdue:
                return (_today.AddDays(-Days(100, 135)), null, null);
            case DemoProfile.ExitedBeforeStart:
            {
                var settled = _today.AddDays(-Days(70, 130));
                return (settled, null, settled.AddDays(Days(20, 50)));
            }
        }
        // Ended programmes: the end is so many days ago and the programme lasted so long before it.
        var (endedDaysAgo, lasted) = profile switch
        {
            DemoProfile.Completed => (Days(10, 75), Days(570, 680)),
            DemoProfile.CompletedForWork => (Days(20, 90), Days(330, 430)),
            DemoProfile.StoppedForAbsence => (Days(20, 60), Days(200, 330)),
            // The evidence deadline is the start plus three years: these started 3 years and 20–300 days ago.
            DemoProfile.CompletedBeforeDeadline => EndedBeforeDeadline(Days(650, 720)),
            DemoProfile.StoppedBeforeDeadline => EndedBeforeDeadline(Days(200, 330)),
            DemoProfile.StoppedNoContact => (Days(15, 45), Days(150, 260)),
            DemoProfile.ExitedMoved => (Days(20, 90), Days(120, 300)),
            _ => (0, 0),
        };
        var startedDaysAgo = profile switch
        {
            DemoProfile.NewStarter => Days(10, 56),
            DemoProfile.OnTrack => Days(90, 620),
            DemoProfile.Extended => Days(670, 800),
            DemoProfile.BehindPace => Days(150, 480),
            DemoProfile.HighAbsence => Days(180, 400),
            DemoProfile.ParentalLeave => Days(240, 450),
            DemoProfile.SickLeave => Days(120, 400),
            _ when lasted > 0 => endedDaysAgo + lasted,
            _ => throw new ArgumentOutOfRangeException(nameof(profile), profile, null),
        };
        // Programmes start on a school day; moving back to one keeps the start in the past.
        var start = _calendar.PreviousOpen(_today.AddDays(-startedDaysAgo));
        var lateChance = profile == DemoProfile.BehindPace ? 50 : 15;
        var settlement = SettledBefore(start, _random.Next(100) < lateChance);
        var end = lasted > 0 ? _today.AddDays(-endedDaysAgo) : (DateOnly?)null;
        return (settlement, start, end);
    }

    /// <summary>(days since the end, days the programme lasted) for a programme that started 3 years and 20–300 days ago.</summary>
    private (int EndedDaysAgo, int Lasted) EndedBeforeDeadline(int lasted)
    {
        var started = _today.DayNumber - _today.AddYears(-3).AddDays(-Days(20, 300)).DayNumber;
        return (started - lasted, lasted);
    }

    private DateOnly LastActiveDay(DemoProfile profile, DateOnly? end) => profile switch
    {
        DemoProfile.BehindPace => _today.AddDays(-Days(22, 50)),
        DemoProfile.StoppedNoContact => end!.Value.AddDays(-Days(28, 50)),
        _ => end ?? Yesterday,
    };

    private void PlanLeave(PlannedParticipant p, DateOnly start, DateOnly lastDay)
    {
        switch (p.Profile)
        {
            case DemoProfile.ParentalLeave:
            {
                var from = Max(start.AddDays(90), _today.AddDays(-Days(20, 100)));
                AddLeave(p, start, from, _today.AddDays(Days(120, 250)), LeaveType.Parental,
                    "Foreldrepermisjon i forbindelse med fødsel, etter søknad.");
                break;
            }
            case DemoProfile.SickLeave:
            {
                var from = Max(start.AddDays(30), _today.AddDays(-Days(5, 20)));
                AddLeave(p, start, from, _today.AddDays(Days(14, 45)), LeaveType.Illness,
                    "Sykepermisjon etter legeerklæring.");
                break;
            }
            case DemoProfile.OnTrack or DemoProfile.HighAbsence when lastDay.DayNumber - start.DayNumber > 200 && _random.Next(100) < 30:
            {
                var from = start.AddDays(Days(60, lastDay.DayNumber - start.DayNumber - 100));
                var (type, reason) = Pick<(LeaveType, string)>([
                    (LeaveType.Welfare, "Velferdspermisjon for å besøke syk familie i hjemlandet."),
                    (LeaveType.Illness, "Sykepermisjon etter operasjon, med legeerklæring."),
                    (LeaveType.Parental, "Foreldrepermisjon i forbindelse med adopsjon av barn i familien."),
                    (LeaveType.Other, "Permisjon for å gjennomføre førerprøve og jobbintervjuer i en annen by."),
                ]);
                AddLeave(p, start, from, from.AddDays(Days(14, 49)), type, reason);
                break;
            }
        }
    }

    private void AddLeave(PlannedParticipant p, DateOnly start, DateOnly from, DateOnly to, LeaveType type, string reason)
    {
        var decided = Max(start, Min(from.AddDays(-Days(3, 14)), _today));
        p.Decisions.Add(new DecisionInput
        {
            Kind = DecisionKind.Leave, DecidedOn = decided, Reason = reason, PeriodStart = from, PeriodEnd = to, LeaveType = type,
        });
    }

    private void PlanExtension(PlannedParticipant p, DateOnly start)
    {
        if (p.Profile != DemoProfile.Extended)
        {
            return;
        }
        var deadlines = ProgrammeDeadlines.Calculate(start, p.RuleSet, p.Leave);
        var extendedTo = Min(deadlines.NormalEnd.AddMonths(Days(4, 9)), deadlines.LatestEnd);
        var decided = Max(start.AddDays(1), Min(deadlines.NormalEnd, Yesterday).AddDays(-Days(14, 45)));
        p.Decisions.Add(new DecisionInput
        {
            Kind = DecisionKind.Extension,
            DecidedOn = decided,
            ExtendedTo = extendedTo,
            Reason = Pick([
                "Forlenget for å fullføre språkpraksis som skal lede til fast ansettelse.",
                "Forlenget fordi deltakeren trenger mer tid til å nå B1 muntlig før fagopplæring.",
                "Forlenget for å fullføre forkurs til opptak på fagskole."]),
        });
    }

    private void PlanTests(PlannedParticipant p, DateOnly start, DateOnly lastDay)
    {
        // The Norwegian test for those a year or more in, a second sitting half a year later when there was time.
        if (lastDay.DayNumber - start.DayNumber >= 365)
        {
            var first = OpenDayOutsideLeave(p, start.AddDays(Days(300, 350)));
            if (first > lastDay && !p.Leave.Any(l => l.Contains(_calendar.PreviousOpen(lastDay))))
            {
                first = _calendar.PreviousOpen(lastDay); // a holiday pushed it past their last day: the last school day then
            }
            var second = OpenDayOutsideLeave(p, first.AddDays(Days(150, 200)));
            if (first <= lastDay)
            {
                p.Tests.Add(NorwegianTest(p, first, 0));
            }
            if (second <= lastDay)
            {
                p.Tests.Add(NorwegianTest(p, second, 1));
            }
        }

        // Social studies: the test a few weeks after the first 50 hours; most pass, some at the second try.
        var running = 0m;
        var fiftyOn = p.Entries.Where(e => e.IsLive && e.Category == HourCategory.SocialStudies).OrderBy(e => e.Date)
            .FirstOrDefault(e => (running += e.Hours) >= 50m)?.Date;
        if (fiftyOn is not { } reached)
        {
            return;
        }
        var takenOn = OpenDayOutsideLeave(p, reached.AddDays(Days(14, 40)));
        if (takenOn > lastDay)
        {
            return;
        }
        var passed = _random.Next(100) >= 12;
        p.Tests.Add(SocialStudiesTest(p, takenOn, passed));
        var retake = OpenDayOutsideLeave(p, takenOn.AddDays(Days(40, 90)));
        if (!passed && retake <= lastDay)
        {
            p.Tests.Add(SocialStudiesTest(p, retake, true));
        }
    }

    private DateOnly OpenDayOutsideLeave(PlannedParticipant p, DateOnly date)
    {
        date = _calendar.NextOpen(date);
        foreach (var leave in p.Leave.Where(l => l.Contains(date)))
        {
            date = _calendar.NextOpen(leave.End.AddDays(1));
        }
        return date;
    }

    private TestResultInput SocialStudiesTest(PlannedParticipant p, DateOnly takenOn, bool passed) => new()
    {
        Kind = TestKind.SocialStudies, TakenOn = takenOn, Passed = passed, Language = p.Details.SocialStudiesLanguage,
    };

    /// <summary>
    /// Levels follow the hours taught and the schooling before arrival: most reach A2–B1 after 550 hours; speaking and
    /// listening usually run ahead of writing, and a second sitting half a year later is usually a level up.
    /// </summary>
    private TestResultInput NorwegianTest(PlannedParticipant p, DateOnly takenOn, int sitting)
    {
        var hours = p.LiveHours(HourCategory.Norwegian, takenOn) + p.LiveHours(HourCategory.ExtraNorwegian, takenOn);
        var roll = _random.Next(100);
        var level = hours switch
        {
            < 150m => 1,
            < 300m => roll < 30 ? 1 : 2,
            < 450m => roll < 60 ? 2 : 3,
            _ => roll < 20 ? 2 : 3,
        };
        if (sitting > 0 && _random.Next(100) < (level < 3 ? 60 : 20))
        {
            level++;
        }
        var education = p.Details.EducationBackground;
        var lowSchooling = education is EducationBackground.None or EducationBackground.Primary;
        int Maybe(int percent) => _random.Next(100) < percent ? 1 : 0;
        CefrLevel Level(int value) => (CefrLevel)Math.Clamp(value, (int)CefrLevel.BelowA1, (int)CefrLevel.B2);
        return new TestResultInput
        {
            Kind = TestKind.Norwegian,
            TakenOn = takenOn,
            Reading = Level(level + (education == EducationBackground.Higher ? Maybe(40) : 0) - (education == EducationBackground.None ? Maybe(60) : 0)),
            Listening = Level(level + Maybe(20) - Maybe(20)),
            Writing = Level(level - (lowSchooling ? Maybe(70) : Maybe(25))),
            Oral = Level(level + Maybe(35)),
            Note = sitting == 0 ? null : "Ny prøve for å nå et høyere nivå.",
        };
    }

    private DecisionInput EndDecision(DemoProfile profile, DateOnly on)
    {
        var (outcome, reason) = profile switch
        {
            DemoProfile.Completed or DemoProfile.CompletedBeforeDeadline => (ParticipantStatus.Completed, Pick([
                "Programmet er fullført etter planen. Deltakeren har fått fast stilling etter språkpraksis.",
                "Programmet er fullført. Deltakeren har fått plass i videregående opplæring fra høsten."])),
            DemoProfile.CompletedForWork => (ParticipantStatus.Completed,
                "Deltakeren har fått fast arbeid på heltid, og programmet avsluttes som fullført."),
            DemoProfile.StoppedForAbsence or DemoProfile.StoppedBeforeDeadline => (ParticipantStatus.Stopped,
                "Stans på grunn av gjentatt og omfattende ugyldig fravær. Deltakeren er varslet skriftlig og har fått uttale seg."),
            DemoProfile.StoppedNoContact => (ParticipantStatus.Stopped,
                "Stans fordi deltakeren ikke har møtt i programmet eller gitt beskjed over lengre tid, etter varsel."),
            DemoProfile.ExitedMoved => (ParticipantStatus.Exited,
                "Deltakeren har flyttet til en annen kommune; saken er overført dit."),
            DemoProfile.ExitedBeforeStart => (ParticipantStatus.Exited,
                "Deltakeren flyttet fra kommunen før programmet startet."),
            _ => throw new ArgumentOutOfRangeException(nameof(profile), profile, null),
        };
        return new DecisionInput { Kind = DecisionKind.ProgrammeEnd, DecidedOn = on, Outcome = outcome, Reason = reason };
    }

    // ---------- how the weeks go ----------

    internal sealed record HabitProfile(double Unexcused, double Excused, double Late, double SkipWeek, int GrantChance, int WorkChance);

    private static HabitProfile Habits(DemoProfile profile) => profile switch
    {
        DemoProfile.Completed or DemoProfile.CompletedBeforeDeadline => new(0.01, 0.04, 0.01, 0, 60, 100),
        DemoProfile.CompletedForWork => new(0.01, 0.04, 0.01, 0, 0, 100),
        DemoProfile.Extended => new(0.015, 0.05, 0.02, 0, 100, 100),
        DemoProfile.BehindPace => new(0.05, 0.22, 0.04, 0.18, 0, 0),
        DemoProfile.HighAbsence => new(0.3, 0.06, 0.05, 0, 0, 0),
        DemoProfile.StoppedForAbsence or DemoProfile.StoppedBeforeDeadline => new(0.32, 0.05, 0.05, 0.05, 0, 0),
        DemoProfile.StoppedNoContact => new(0.06, 0.08, 0.03, 0.1, 0, 0),
        DemoProfile.OnTrack => new(0.015, 0.05, 0.02, 0, 45, 60),
        _ => new(0.015, 0.05, 0.02, 0, 0, 50),
    };

    private DemoClass NorwegianClass(DemoProfile profile, EducationBackground education)
    {
        if (profile == DemoProfile.BehindPace)
        {
            return _random.Next(2) == 0 ? TrackOne : TrackTwoAfternoon;
        }
        if (profile is DemoProfile.Completed or DemoProfile.Extended or DemoProfile.CompletedBeforeDeadline)
        {
            // Steady learners in four-day groups: 550 hours well within the first two years.
            return education == EducationBackground.Higher ? TrackThree : TrackTwoMorning;
        }
        return education switch
        {
            EducationBackground.Higher => TrackThree,
            EducationBackground.None or EducationBackground.Primary => TrackOne,
            _ => _random.Next(2) == 0 ? TrackTwoMorning : TrackTwoAfternoon,
        };
    }

    private DemoClass SocialStudiesClass(string language)
    {
        if (!_socialStudies.TryGetValue(language, out var group))
        {
            group = new DemoClass("S-" + language, HourCategory.SocialStudies, 4m, [DayOfWeek.Friday],
                $"Samfunnskunnskap på {DemoOrigins.LanguageName(language)} (fredag)");
            _socialStudies[language] = group;
        }
        return group;
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    /// <summary>
    /// Walks a participant's programme day by day: classes by the group's timetable, social studies until the required
    /// hours, career guidance every few weeks, work- and education-oriented measures in their periods, extra Norwegian
    /// within the grant once the 550 hours are done; absence, late arrivals and empty weeks by the participant's habits.
    /// </summary>
    private sealed class ProgrammeSimulation(
        ParticipantPlanner planner, PlannedParticipant p, DateOnly start, DateOnly lastDay, HabitProfile habits, DemoClass norwegian, DemoClass socialStudies)
    {
        private readonly Random _random = planner._random;
        private readonly Dictionary<DateOnly, decimal> _hoursOnDay = [];
        private readonly Dictionary<DateOnly, bool> _skippedWeeks = [];
        private decimal _norwegian;
        private decimal _socialStudies;
        private decimal _extraUsed;
        private decimal _granted;
        private bool _grantDecided;

        public void Run()
        {
            var wantsGrant = _random.Next(100) < habits.GrantChance;
            var grantAmount = _random.Next(4, 13) * 25m;
            var works = _random.Next(100) < habits.WorkChance;
            var workFrom = p.Profile == DemoProfile.CompletedForWork ? start.AddDays(_random.Next(90, 150)) : start.AddDays(_random.Next(150, 270));
            var workTo = p.Profile == DemoProfile.CompletedForWork ? lastDay : workFrom.AddDays(7 * _random.Next(10, 23));
            var workHours = planner.Pick([5m, 6m, 7.5m]);
            var workDay = DayOfWeek.Friday;
            var (educationFrom, educationTo, educationNote) = EducationMeasure();
            var educationDay = norwegian.Days.Contains(DayOfWeek.Wednesday) ? DayOfWeek.Friday : DayOfWeek.Wednesday;
            var socialStudiesFrom = start.AddDays(_random.Next(3, 15));
            var nextGuidance = start.AddDays(_random.Next(7, 29));
            var leave = p.Leave;

            for (var day = start; day <= lastDay; day = day.AddDays(1))
            {
                if (!planner._calendar.IsOpen(day) || leave.Any(l => l.Contains(day)) || SkippedWeek(day))
                {
                    continue;
                }
                if (norwegian.Days.Contains(day.DayOfWeek))
                {
                    if (_norwegian < DemoProgrammePlan.NorwegianHoursTarget)
                    {
                        _norwegian += Attend(day, HourCategory.Norwegian, norwegian.Hours, norwegian, null);
                    }
                    else if (_extraUsed < _granted)
                    {
                        // Extra tuition in the same slot, never beyond what the caseworker granted.
                        var hours = Math.Min(norwegian.Hours, _granted - _extraUsed);
                        _extraUsed += Attend(day, HourCategory.ExtraNorwegian, hours, null, "Ekstra norskopplæring etter vedtak");
                    }
                    else if (Array.IndexOf(norwegian.Days, day.DayOfWeek) < 2)
                    {
                        Attend(day, HourCategory.WorkOriented, 6m, null, "Arbeidspraksis etter fullført norskopplæring");
                    }
                    if (wantsGrant && !_grantDecided && _norwegian >= 480m)
                    {
                        DecideGrant(day, grantAmount);
                    }
                }
                if (day.DayOfWeek == DayOfWeek.Friday && day >= socialStudiesFrom && _socialStudies < p.RuleSet.SocialStudiesHoursRequired)
                {
                    _socialStudies += Attend(day, HourCategory.SocialStudies, socialStudies.Hours, socialStudies, null);
                }
                if (works && day >= workFrom && day <= workTo && day.DayOfWeek == workDay)
                {
                    Attend(day, HourCategory.WorkOriented, workHours, null, "Språkpraksis");
                }
                if (educationNote is not null && day >= educationFrom && day <= educationTo && day.DayOfWeek == educationDay)
                {
                    Attend(day, HourCategory.EducationOriented, 3m, null, educationNote);
                }
                if (day >= nextGuidance)
                {
                    // Appointments are moved rather than missed.
                    Log(day, HourCategory.CareerGuidance, _random.Next(3) == 0 ? 1.5m : 1m, null, "Karriereveiledning");
                    nextGuidance = day.AddDays(_random.Next(21, 43));
                }
            }
        }

        private (DateOnly From, DateOnly To, string? Note) EducationMeasure()
        {
            var background = p.Details.EducationBackground;
            if (p.Profile == DemoProfile.HighAbsence)
            {
                return (start, start, null); // their absence from class is the story; no other measure to dilute it
            }
            if (background is EducationBackground.None or EducationBackground.Primary && _random.Next(100) < 50)
            {
                var from = start.AddDays(_random.Next(30, 121));
                return (from, from.AddDays(7 * _random.Next(20, 41)), "Grunnskoleopplæring for voksne");
            }
            if (background is EducationBackground.Secondary or EducationBackground.Higher && _random.Next(100) < 30)
            {
                var from = start.AddDays(_random.Next(200, 301));
                return (from, from.AddDays(7 * _random.Next(8, 17)), "Forkurs for videre utdanning");
            }
            return (start, start, null);
        }

        private void DecideGrant(DateOnly day, decimal amount)
        {
            _grantDecided = true;
            _granted = amount;
            p.Decisions.Add(new DecisionInput
            {
                Kind = DecisionKind.ExtraHoursGrant,
                DecidedOn = day,
                ExtraHoursTotal = amount,
                Reason = planner.Pick([
                    "Innvilget ekstra norskopplæring for å nå B1 muntlig, som kreves for fagopplæringen.",
                    "Innvilget ekstra norskopplæring fordi deltakeren er nær B1 og har en arbeidsgiver som venter.",
                    "Innvilget ekstra norskopplæring for å kunne ta opptaksprøve til høyere utdanning."]),
            });
        }

        /// <summary>A week without any activity ("waiting for a new class place"), decided once per week.</summary>
        private bool SkippedWeek(DateOnly day)
        {
            if (habits.SkipWeek <= 0)
            {
                return false;
            }
            var week = ParticipantWeek.StartOf(day);
            if (!_skippedWeeks.TryGetValue(week, out var skipped))
            {
                skipped = _random.NextDouble() < habits.SkipWeek;
                _skippedWeeks[week] = skipped;
            }
            return skipped;
        }

        /// <summary>One scheduled slot: attended, late, or missed (excused or not). Returns the hours attended.</summary>
        private decimal Attend(DateOnly day, HourCategory category, decimal hours, DemoClass? group, string? note)
        {
            var roll = _random.NextDouble();
            if (roll < habits.Unexcused)
            {
                p.Absences.Add(new PlannedAbsence(day, hours, false, null, group));
                return 0m;
            }
            if (roll < habits.Unexcused + habits.Excused)
            {
                p.Absences.Add(new PlannedAbsence(day, hours, true, planner.Pick(ExcusedReasons), group));
                return 0m;
            }
            if (roll < habits.Unexcused + habits.Excused + habits.Late && hours >= 2m)
            {
                p.Absences.Add(new PlannedAbsence(day, 1m, false, "Kom for sent", null));
                return Log(day, category, hours - 1m, null, "Kom én time for sent");
            }
            return Log(day, category, hours, group, note);
        }

        private decimal Log(DateOnly day, HourCategory category, decimal hours, DemoClass? group, string? note)
        {
            var onDay = _hoursOnDay.GetValueOrDefault(day);
            if (hours <= 0m || onDay + hours > HourEntryRules.MaximumHoursPerDay)
            {
                return 0m;
            }
            _hoursOnDay[day] = onDay + hours;
            p.Entries.Add(new PlannedEntry(day, category, hours, group, note));
            return hours;
        }
    }
}
