using IntroProgram.Seeds;
using IntroProgram.Domain.Decisions;
using IntroProgram.Domain.Participants;
using IntroProgram.Domain.Programme;

namespace IntroProgram.Bench.Synthetic;

public readonly record struct SyntheticHours(Guid Id, DateOnly Date, HourCategory Category, decimal Hours);

public readonly record struct SyntheticAbsence(Guid Id, DateOnly Date, decimal Hours, bool Excused);

public readonly record struct SyntheticLeave(Guid Id, DateOnly DecidedOn, DateOnly Start, DateOnly End, LeaveType Type);

/// <summary>
/// One synthetic participant with the whole ledger history. No real person: names are "Bench" + a number, the
/// national id hash is random bytes and there is no national id to decrypt.
/// </summary>
public sealed class SyntheticPerson
{
    public required Guid Id { get; init; }
    public required int Number { get; init; }
    public required DateOnly BirthDate { get; init; }
    public required Gender Gender { get; init; }
    public required string Country { get; init; }
    public required string Language { get; init; }
    public required byte[] NationalIdHash { get; init; }
    public required DateOnly PermitDate { get; init; }
    public required DateOnly SettlementDate { get; init; }
    public required DateOnly ProgrammeStart { get; init; }
    public required ParticipantStatus Status { get; init; }
    public required DateOnly StatusChangedOn { get; init; }
    public DateOnly? EndedOn { get; init; }
    public DateOnly PlannedEnd { get; set; }
    public DateOnly EvidenceDeadline { get; set; }
    public List<SyntheticHours> Hours { get; } = [];
    public List<SyntheticAbsence> Absences { get; } = [];
    public List<SyntheticLeave> Leave { get; } = [];
}

/// <summary>
/// Generates one municipality's participants and their ledger from a seed, with nothing but a seeded
/// <see cref="Random"/>: the same seed, municipality number and size give the same rows, byte for byte, on any
/// machine and in any order of loading. The shape follows a real adult-education school:
/// <list type="bullet">
/// <item>programme starts spread over the last two years, on school days;</item>
/// <item>Norwegian on Monday, Tuesday and Thursday (3–4.5 hours), social studies on Wednesdays for the first 20 weeks
/// and Norwegian on Wednesdays after that, work- or education-oriented measures on Fridays for some, career guidance
/// once a month for the others;</item>
/// <item>nothing on weekends, public holidays, the summer and the Christmas break (<see cref="SchoolCalendar"/>);</item>
/// <item>missed lessons become excused or unexcused absence; about one in five attends fewer than half the lessons
/// (behind pace) and one in twenty has logged nothing for the last three weeks;</item>
/// <item>about one in ten has had leave (illness, parental), one in thirty is on leave today; a few have completed or
/// stopped.</item>
/// </list>
/// </summary>
public static class SyntheticPeople
{
    private static readonly string[] Countries = ["SY", "UA", "AF", "ER", "SO", "CD"];
    private static readonly string[] Languages = ["ar", "uk", "fa", "ti", "so", "fr"];
    private static readonly SchoolCalendar Calendar = new();

    /// <summary>A different, fixed stream per (seed, municipality): loading order and parallelism do not matter.</summary>
    public static Random RandomFor(int seed, int municipalityNumber) =>
        new(unchecked((seed * 1_000_003) ^ (municipalityNumber * 7_919)));

    public static IEnumerable<SyntheticPerson> Generate(int seed, int municipalityNumber, int count, int firstNumber, DateOnly today)
    {
        var random = RandomFor(seed, municipalityNumber);
        var ids = new OrderedIds(municipalityNumber, random);
        for (var i = 0; i < count; i++)
        {
            yield return Person(random, ids, firstNumber + i, today);
        }
    }

    private static SyntheticPerson Person(Random random, OrderedIds ids, int number, DateOnly today)
    {
        var start = Calendar.NextOpen(today.AddDays(-(21 + random.Next(710))));
        if (start > today)
        {
            start = Calendar.PreviousOpen(today);
        }
        var settlement = start.AddDays(-(30 + random.Next(91)));
        var permit = settlement.AddDays(-(14 + random.Next(352)));
        var birth = permit.AddDays(-(18 * 365 + 1 + random.Next(37 * 365 - 2)));
        var country = random.Next(Countries.Length);

        var statusDraw = random.NextDouble();
        var behind = random.NextDouble() < 0.20;
        var silent = random.NextDouble() < 0.05;
        var works = random.NextDouble() < 0.30;
        var hadLeave = random.NextDouble() < 0.10;

        var status = ParticipantStatus.Active;
        DateOnly? endedOn = null;
        var statusChanged = start;
        var leave = new List<SyntheticLeave>();
        var weeksIn = (today.DayNumber - start.DayNumber) / 7;
        if (statusDraw < 0.03 && weeksIn > 8)
        {
            // On leave today: started one to six weeks ago, lasts four to sixteen weeks more.
            var from = today.AddDays(-(7 + random.Next(36)));
            var to = today.AddDays(28 + random.Next(85));
            leave.Add(new SyntheticLeave(ids.Next(), from.AddDays(-3), from, to, random.NextDouble() < 0.5 ? LeaveType.Parental : LeaveType.Illness));
            status = ParticipantStatus.OnLeave;
            statusChanged = from;
        }
        else if (statusDraw < 0.05 && weeksIn > 52)
        {
            status = ParticipantStatus.Completed;
            endedOn = Calendar.PreviousOpen(today.AddDays(-(7 + random.Next(60))));
            statusChanged = endedOn.Value;
        }
        else if (statusDraw < 0.06 && weeksIn > 12)
        {
            status = ParticipantStatus.Stopped;
            endedOn = Calendar.PreviousOpen(today.AddDays(-(7 + random.Next(60))));
            statusChanged = endedOn.Value;
        }
        if (hadLeave && weeksIn > 20 && status != ParticipantStatus.OnLeave)
        {
            // A past leave of two to twelve weeks, somewhere after the first month.
            var from = start.AddDays(28 + random.Next(Math.Max(1, (weeksIn - 16) * 7)));
            var to = from.AddDays(14 + random.Next(71));
            var last = (endedOn ?? today).AddDays(-7);
            if (to < last)
            {
                leave.Add(new SyntheticLeave(ids.Next(), from.AddDays(-3), from, to, random.NextDouble() < 0.5 ? LeaveType.Parental : LeaveType.Illness));
            }
        }

        var person = new SyntheticPerson
        {
            Id = ids.Next(),
            Number = number,
            BirthDate = birth,
            Gender = random.NextDouble() < 0.5 ? Gender.Female : Gender.Male,
            Country = Countries[country],
            Language = Languages[country],
            NationalIdHash = Bytes(random, 32),
            PermitDate = permit,
            SettlementDate = settlement,
            ProgrammeStart = start,
            Status = status,
            StatusChangedOn = statusChanged,
            EndedOn = endedOn,
        };
        person.Leave.AddRange(leave);
        var deadlines = ProgrammeDeadlines.Calculate(start, StandardRuleSets.IntegrationAct2021, leave.Select(l => new LeavePeriod(l.Start, l.End)));
        person.PlannedEnd = deadlines.PlannedEnd;
        person.EvidenceDeadline = deadlines.EvidenceDeadline;

        var attendance = behind ? 0.45 : 0.92;
        var lastDay = endedOn ?? today;
        var silentFrom = silent ? today.AddDays(-21) : DateOnly.MaxValue;
        for (var date = start; date <= lastDay; date = date.AddDays(1))
        {
            if (!Calendar.IsOpen(date) || date >= silentFrom || leave.Any(l => date >= l.Start && date <= l.End))
            {
                continue;
            }
            var week = (date.DayNumber - start.DayNumber) / 7;
            switch (date.DayOfWeek)
            {
                case DayOfWeek.Monday or DayOfWeek.Tuesday or DayOfWeek.Thursday:
                    Lesson(random, ids, person, date, HourCategory.Norwegian, 3m + random.Next(7) * 0.25m, attendance);
                    break;
                case DayOfWeek.Wednesday when week < 20:
                    Lesson(random, ids, person, date, HourCategory.SocialStudies, 2.5m + random.Next(3) * 0.25m, attendance);
                    break;
                case DayOfWeek.Wednesday:
                    Lesson(random, ids, person, date, HourCategory.Norwegian, 3m + random.Next(7) * 0.25m, attendance);
                    break;
                case DayOfWeek.Friday when works:
                    Lesson(random, ids, person, date, week % 2 == 0 ? HourCategory.WorkOriented : HourCategory.EducationOriented, 3m, 0.8);
                    break;
                case DayOfWeek.Friday when date.Day <= 7:
                    Lesson(random, ids, person, date, HourCategory.CareerGuidance, 1m, 0.9);
                    break;
            }
        }
        return person;
    }

    private static void Lesson(Random random, OrderedIds ids, SyntheticPerson person, DateOnly date, HourCategory category, decimal hours, double attendance)
    {
        if (random.NextDouble() < attendance)
        {
            person.Hours.Add(new SyntheticHours(ids.Next(), date, category, hours));
        }
        else if (random.NextDouble() < 0.5)
        {
            // Half the missed lessons are reported; of those, three in five with a valid reason.
            person.Absences.Add(new SyntheticAbsence(ids.Next(), date, hours, random.NextDouble() < 0.6));
        }
    }

    /// <summary>
    /// Ids that grow in the order rows are generated (participant by participant, each one's ledger by date), as the
    /// product's own time-ordered ids grow with time: the municipality number, a running count, then seeded random
    /// bytes. Loading sorted by id then appends to the indexes instead of writing all over them.
    /// </summary>
    private sealed class OrderedIds(int municipality, Random random)
    {
        private uint _count;

        public Guid Next()
        {
            var count = _count++;
            var tail = Bytes(random, 8);
            return new Guid((uint)municipality, (ushort)(count >> 16), (ushort)(count & 0xFFFF), tail[0], tail[1], tail[2], tail[3], tail[4], tail[5], tail[6], tail[7]);
        }
    }

    private static byte[] Bytes(Random random, int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }
}
