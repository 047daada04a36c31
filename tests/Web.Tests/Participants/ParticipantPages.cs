using System.Globalization;
using System.Net;
using IntroProgram.Domain.Participants;
using IntroProgram.Infrastructure.Data;
using IntroProgram.Infrastructure.Tenancy;
using IntroProgram.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IntroProgram.Web.Tests.Participants;

/// <summary>Form fields, fresh municipalities and database look-ups shared by the participant tests.</summary>
internal static class ParticipantPages
{
    /// <summary>
    /// Valid details with a random birth date (and a national id for it), so participants created by many tests in
    /// the same municipality do not collide on the national id.
    /// </summary>
    public static ParticipantDetails Details(Func<ParticipantDetails, ParticipantDetails>? change = null)
    {
        var birth = new DateOnly(1976, 1, 1).AddDays(Random.Shared.Next(0, 24 * 365)); // 25–50 years old at the permit date
        var details = ParticipantTestData.ValidDetails(birthDate: birth) with { FamilyName = UniqueName("Deltaker") };
        return change is null ? details : change(details);
    }

    /// <summary>A synthetic name nobody else's test uses: letters only, so it also works as a search text.</summary>
    public static string UniqueName(string prefix) =>
        prefix + string.Concat(Enumerable.Range(0, 8).Select(_ => (char)('a' + Random.Shared.Next(26))));

    public static Task<TestParticipant> CreateAsync(this AppFactory app, string municipality, Func<ParticipantDetails, ParticipantDetails>? change = null)
    {
        var details = Details(change);
        return app.CreateParticipantAsync(municipality, _ => details);
    }

    public static Dictionary<string, string> Fields(ParticipantDetails d, Guid? formToken = null)
    {
        var fields = new Dictionary<string, string>
        {
            ["Input.GivenName"] = d.GivenName ?? "",
            ["Input.FamilyName"] = d.FamilyName ?? "",
            ["Input.BirthDate"] = Iso(d.BirthDate),
            ["Input.NationalId"] = d.NationalId ?? "",
            ["Input.Gender"] = d.Gender.ToString(),
            ["Input.CountryOfOrigin"] = d.CountryOfOrigin ?? "",
            ["Input.PreferredLanguage"] = d.PreferredLanguage ?? "",
            ["Input.SocialStudiesLanguage"] = d.SocialStudiesLanguage ?? "",
            ["Input.PermitDate"] = Iso(d.PermitDate),
            ["Input.SettlementDate"] = Iso(d.SettlementDate),
            ["Input.ProgrammeStart"] = Iso(d.ProgrammeStart),
            ["Input.EducationBackground"] = d.EducationBackground.ToString(),
            ["Input.EndGoal"] = d.EndGoal ?? "",
            ["Input.CoordinatorId"] = d.CoordinatorId?.ToString() ?? "",
            ["Input.CaseworkerId"] = d.CaseworkerId?.ToString() ?? "",
        };
        if (d.ResearchOptOut)
        {
            fields["Input.ResearchOptOut"] = "true";
        }
        fields["FormToken"] = (formToken ?? Guid.NewGuid()).ToString();
        return fields;
    }

    private static string Iso(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    public static Guid ParticipantIdFrom(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith("/participants/", location, StringComparison.Ordinal);
        return Guid.Parse(location["/participants/".Length..]);
    }

    public static async Task<string> BodyAsync(HttpResponseMessage response) =>
        TestClient.Decode(await response.Content.ReadAsStringAsync());

    public static Task<Participant?> ParticipantAsync(this AppFactory app, Guid tenantId, Guid id) =>
        app.InTenantAsync(tenantId, db => db.Participants.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id));

    public static Task<int> CountByFamilyNameAsync(this AppFactory app, Guid tenantId, string familyName) =>
        app.InTenantAsync(tenantId, db => db.Participants.CountAsync(p => p.FamilyName == familyName));

    /// <summary>A new municipality with one coordinator, signed in: its lists contain only what the test creates.</summary>
    public static async Task<(string Number, Guid TenantId, TestUser Coordinator, TestClient Client)> FreshMunicipalityAsync(this AppFactory app)
    {
        var number = await app.CreateMunicipalityAsync();
        var coordinator = await app.CreateUserAsync(number, "coordinator");
        var client = app.CreateTestClient();
        await client.LoginOkAsync(coordinator.Email);
        return (number, coordinator.TenantId!.Value, coordinator, client);
    }
}
