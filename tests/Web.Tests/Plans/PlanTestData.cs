using System.Globalization;
using IntroProgram.Domain.Auditing;
using IntroProgram.Infrastructure.Data;
using IntroProgram.Infrastructure.Tenancy;
using IntroProgram.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IntroProgram.Web.Tests.Plans;

/// <summary>Form fields and database look-ups shared by the mapping and plan tests.</summary>
internal static class PlanTestData
{
    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A completed mapping as the form posts it.</summary>
    public static Dictionary<string, string> MappingFields(int baseVersion, string? reason = null, string schoolingYears = "12",
        DateOnly? completedOn = null, bool completed = true) => new()
    {
        ["FormToken"] = Guid.NewGuid().ToString(),
        ["BaseVersion"] = baseVersion.ToString(CultureInfo.InvariantCulture),
        ["Input.Languages[0].Language"] = "ar",
        ["Input.Languages[0].Level"] = "Native",
        ["Input.Languages[1].Language"] = "en",
        ["Input.Languages[1].Level"] = "Basic",
        ["Input.Languages[2].Language"] = "",
        ["Input.Languages[2].Level"] = "",
        ["Input.SchoolingYears"] = schoolingYears,
        ["Input.HighestEducation"] = "Secondary",
        ["Input.SchoolingCountry"] = "SY",
        ["Input.WorkExperience[0].Field"] = "Elektriker",
        ["Input.WorkExperience[0].Years"] = "6",
        ["Input.DocumentedQualifications"] = "Vitnemål fra videregående skole",
        ["Input.HoldsQualificationsPassport"] = "true",
        ["Input.ForeignEducationRecognised"] = "false",
        ["Input.LatinLiteracy"] = "Functional",
        ["Input.OwnWishes"] = "Vil jobbe som elektriker i Norge.",
        ["Input.CompletedOn"] = completed ? Iso(completedOn ?? ParticipantTestData.Today) : "",
        ["Input.Reason"] = reason ?? "",
    };

    /// <summary>A valid plan for a participant whose programme started on <paramref name="start"/>, as the form posts it.</summary>
    public static Dictionary<string, string> PlanFields(DateOnly start, int baseVersion, string? reason = null, string provider = "Bergen voksenopplæring",
        string hours = "15", DateOnly? target = null) => new()
    {
        ["FormToken"] = Guid.NewGuid().ToString(),
        ["BaseVersion"] = baseVersion.ToString(CultureInfo.InvariantCulture),
        ["Input.Goal"] = "Work",
        ["Input.GoalDescription"] = "Fast jobb som elektriker.",
        ["Input.TargetDate"] = Iso(target ?? start.AddMonths(20)),
        ["Input.NorwegianLevel"] = "B1",
        ["Input.Measures[0].Category"] = "Norwegian",
        ["Input.Measures[0].Provider"] = provider,
        ["Input.Measures[0].Start"] = Iso(start),
        ["Input.Measures[0].End"] = Iso(start.AddMonths(12)),
        ["Input.Measures[0].HoursPerWeek"] = hours,
        ["Input.Measures[1].Category"] = "WorkOriented",
        ["Input.Measures[1].Provider"] = "NAV",
        ["Input.Measures[1].Start"] = Iso(start.AddMonths(3)),
        ["Input.Measures[1].End"] = Iso(start.AddMonths(18)),
        ["Input.Measures[1].HoursPerWeek"] = "7,5",
        ["Input.Measures[2].Category"] = "",
        ["Input.Measures[2].Provider"] = "",
        ["Input.Measures[2].Start"] = "",
        ["Input.Measures[2].End"] = "",
        ["Input.Measures[2].HoursPerWeek"] = "",
        ["Input.ReviewDates[0]"] = Iso(start.AddMonths(6)),
        ["Input.ReviewDates[1]"] = "",
        ["Input.Reason"] = reason ?? "",
    };

    /// <summary>
    /// A participant with a random birth date, so the many participants of a test run do not run out of synthetic
    /// national ids for one date (registration refuses a duplicate).
    /// </summary>
    public static Task<TestParticipant> CreatePlanParticipantAsync(this AppFactory app, string municipalityNumber,
        Func<IntroProgram.Domain.Participants.ParticipantDetails, IntroProgram.Domain.Participants.ParticipantDetails>? change = null)
    {
        // Between 21 and 53 years old: eligible (18–55 at the permit date) whatever today is.
        var birth = ParticipantTestData.Today.AddYears(-53).AddDays(Random.Shared.Next(0, 365 * 32));
        return app.CreateParticipantAsync(municipalityNumber, d =>
        {
            var withBirth = d with { BirthDate = birth, NationalId = TestNationalIds.For(birth) };
            return change is null ? withBirth : change(withBirth);
        });
    }

    public static Task<List<AuditEvent>> AuditAsync(this AppFactory app, TestParticipant participant, string recordType) =>
        app.InTenantAsync(participant.TenantId, db => db.AuditEvents.AsNoTracking()
            .Where(e => e.ParticipantId == participant.Id && e.RecordType == recordType).OrderBy(e => e.Id).ToListAsync());
}
