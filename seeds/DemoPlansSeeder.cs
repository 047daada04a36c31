using IntroProgram.Domain.Decisions;
using IntroProgram.Domain.Participants;
using IntroProgram.Domain.Plans;
using IntroProgram.Domain.Programme;
using IntroProgram.Infrastructure.Data;
using IntroProgram.Infrastructure.Plans;
using Microsoft.EntityFrameworkCore;

namespace IntroProgram.Seeds;

/// <summary>
/// Competence mappings and individual plans for the demo participants: most mapped a week before they started, a
/// few never mapped (their "started without mapping" flag stays open); plans reviewed every six months, with a
/// new version after most reviews but not all, so some reviews are overdue.
/// </summary>
internal static class DemoPlansSeeder
{
    private static readonly string[] Providers = ["Voksenopplæringen", "NAV", "Karrieresenteret", "Lokal arbeidsgiver"];

    public static async Task<(int Mappings, int Plans)> SeedAsync(AppDbContext db, IReadOnlyList<Guid> ids, Guid coordinator, Guid caseworker,
        RuleSetCatalog ruleSets, DateOnly today, DateTimeOffset now, CancellationToken ct)
    {
        var participants = await db.Participants.Where(p => ids.Contains(p.Id)).OrderBy(p => p.CreatedAt).ThenBy(p => p.Id).ToListAsync(ct);
        int mappings = 0, plans = 0;
        for (var i = 0; i < participants.Count; i++)
        {
            var p = participants[i];
            if (p.ProgrammeStart is not { } start || p.PlannedEnd is not { } plannedEnd)
            {
                continue;
            }
            var mapped = i % 7 != 3;
            if (mapped)
            {
                var completedOn = start.AddDays(-7);
                db.CompetenceMappings.Add(new CompetenceMapping
                {
                    TenantId = p.TenantId, Id = Guid.CreateVersion7(), ParticipantId = p.Id, Version = 1,
                    RecordedAt = At(completedOn), RecordedBy = coordinator,
                    Languages = [new SpokenLanguage { Language = p.PreferredLanguage, Level = LanguageLevel.Native },
                        new SpokenLanguage { Language = "en", Level = (LanguageLevel)(1 + (i % 3)) }],
                    SchoolingYears = 6 + (i % 10),
                    HighestEducation = p.EducationBackground,
                    SchoolingCountry = p.CountryOfOrigin,
                    WorkExperience = i % 3 == 0 ? [] : [new WorkExperience { Field = i % 2 == 0 ? "Helse og omsorg" : "Bygg og anlegg", Years = 1 + (i % 8) }],
                    HoldsQualificationsPassport = i % 9 == 0,
                    ForeignEducationRecognised = i % 11 == 0,
                    LatinLiteracy = (LatinLiteracy)(i % 3),
                    OwnWishes = i % 2 == 0 ? "Ønsker å jobbe innen helse." : "Vil ta fagbrev.",
                    CompletedOn = completedOn,
                });
                mappings++;
                await MappingFlag.SyncAsync(db, p, completedOn, now, ct);
            }

            var reviews = Enumerable.Range(1, 6).Select(k => start.AddMonths(6 * k)).Where(d => d <= plannedEnd).ToList();
            var version = 1;
            var decidedOn = start.AddDays(3);
            db.IndividualPlans.Add(Plan(p, version, decidedOn, null, reviews, caseworker, i));
            plans++;
            // After each passed review most participants got a new version; every fourth one's latest review was missed.
            var passed = reviews.Where(r => r < today && r > decidedOn).ToList();
            for (var k = 0; k < passed.Count; k++)
            {
                var last = k == passed.Count - 1;
                if (last && i % 4 == 1)
                {
                    break;
                }
                version++;
                db.IndividualPlans.Add(Plan(p, version, passed[k], "Halvårlig gjennomgang", reviews, caseworker, i));
                plans++;
            }
        }
        // The demo participant login of the municipality follows an active participant with a plan — one who speaks
        // the login's language where there is one — and takes that participant's name, so the person greeted on the
        // participant's pages is the person on their certificates.
        var participantLogin = await db.Users
            .Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == IntroProgram.Infrastructure.Identity.Roles.Participant)))
            .FirstOrDefaultAsync(ct);
        var candidates = participants.Where(p => p.Status == ParticipantStatus.Active && p.UserId == null).ToList();
        if (participantLogin is { } login
            && (candidates.FirstOrDefault(p => p.PreferredLanguage == login.PreferredLanguage) ?? candidates.FirstOrDefault()) is { } linked)
        {
            linked.UserId = login.Id;
            login.DisplayName = linked.FullName;
        }
        await db.SaveChangesAsync(ct);
        return (mappings, plans);

        DateTimeOffset At(DateOnly date) => new(date.ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero);
    }

    private static IndividualPlan Plan(Participant p, int version, DateOnly decidedOn, string? reason, List<DateOnly> reviews, Guid caseworker, int i)
    {
        var start = p.ProgrammeStart!.Value;
        var end = p.PlannedEnd!.Value;
        var socialEnd = start.AddMonths(5) < end ? start.AddMonths(5) : end;
        var careerStart = start.AddMonths(6) < end ? start.AddMonths(6) : start;
        return new IndividualPlan
        {
            TenantId = p.TenantId, Id = Guid.CreateVersion7(), ParticipantId = p.Id, Version = version,
            DecidedOn = decidedOn, DecidedAt = new DateTimeOffset(decidedOn.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero), DecidedBy = caseworker,
            Reason = reason,
            Goal = (PlanGoal)(i % 4),
            GoalDescription = (i % 4) switch { 0 => "Fast jobb innen helse", 1 => "Videregående skole", 2 => "Høyere utdanning", _ => "Avklares" },
            TargetDate = end,
            NorwegianLevel = i % 3 == 0 ? CefrLevel.B1 : CefrLevel.A2,
            Measures =
            [
                new PlanMeasure { Category = HourCategory.Norwegian, Provider = Providers[0], Start = start, End = end, HoursPerWeek = 15m },
                new PlanMeasure { Category = HourCategory.SocialStudies, Provider = Providers[0], Start = start, End = socialEnd, HoursPerWeek = 3m },
                new PlanMeasure { Category = HourCategory.CareerGuidance, Provider = Providers[2], Start = careerStart, End = end, HoursPerWeek = 1m },
                new PlanMeasure { Category = i % 2 == 0 ? HourCategory.WorkOriented : HourCategory.EducationOriented, Provider = Providers[1 + (i % 3)], Start = careerStart, End = end, HoursPerWeek = 7.5m },
            ],
            ReviewDates = reviews,
        };
    }
}
