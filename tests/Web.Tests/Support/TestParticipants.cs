using System.Globalization;
using IntroProgram.Domain.Participants;
using IntroProgram.Domain.Programme;
using IntroProgram.Infrastructure;
using IntroProgram.Infrastructure.Data;
using IntroProgram.Infrastructure.Ledger;
using IntroProgram.Infrastructure.Participants;
using IntroProgram.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IntroProgram.Web.Tests.Support;

public sealed record TestParticipant(Guid Id, Guid TenantId, string NationalId, ParticipantDetails Details);

/// <summary>Synthetic national ids (month + 80) that pass both check digits; no real person has one.</summary>
public static class TestNationalIds
{
    private static readonly int[] K1 = [3, 7, 6, 1, 8, 9, 4, 5, 2];
    private static readonly int[] K2 = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];

    /// <summary>Every id this test process has handed out: none is handed out twice.</summary>
    private static readonly HashSet<string> Issued = [];

    /// <summary>True for an id made by <see cref="For"/> in this process (a test's own choice of id is never replaced).</summary>
    public static bool IsIssued(string nationalId)
    {
        lock (Issued)
        {
            return Issued.Contains(nationalId);
        }
    }

    public static string For(DateOnly birthDate)
    {
        while (true)
        {
            // Individual numbers 000–499 mean 1900–1999, 500–999 with years 00–39 mean 2000–2039.
            var individual = birthDate.Year < 2000 ? Random.Shared.Next(0, 500) : Random.Shared.Next(500, 1000);
            var digits = string.Create(CultureInfo.InvariantCulture,
                $"{birthDate.Day:00}{birthDate.Month + 80:00}{birthDate.Year % 100:00}{individual:000}");
            if (TryCheckDigits(digits, out var withChecks))
            {
                lock (Issued)
                {
                    if (Issued.Add(withChecks))
                    {
                        return withChecks;
                    }
                }
            }
        }
    }

    private static bool TryCheckDigits(string nine, out string eleven)
    {
        eleven = "";
        var k1 = Check(nine, K1);
        if (k1 == 10)
        {
            return false;
        }
        var ten = nine + k1.ToString(CultureInfo.InvariantCulture);
        var k2 = Check(ten, K2);
        if (k2 == 10)
        {
            return false;
        }
        eleven = ten + k2.ToString(CultureInfo.InvariantCulture);
        return true;
    }

    private static int Check(string digits, int[] weights)
    {
        var sum = 0;
        for (var i = 0; i < weights.Length; i++)
        {
            sum += (digits[i] - '0') * weights[i];
        }
        var k = 11 - (sum % 11);
        return k == 11 ? 0 : k;
    }
}

/// <summary>
/// A test's own participants and their hours, registered through the app's own services in one municipality's scope
/// (shared by the Web and the browser tests, which each host the app their own way).
/// </summary>
public static class TestParticipants
{
    /// <summary>A valid, active participant (programme started 60 days before the test clock's today).</summary>
    public static ParticipantDetails ValidDetails(string? nationalId = null, DateOnly? birthDate = null)
    {
        var today = TestClock.Today;
        // A random birth date spreads the synthetic ids, so participants created across the suite never collide.
        var birth = birthDate ?? new DateOnly(1975, 1, 1).AddDays(Random.Shared.Next(0, 365 * 25));
        return new ParticipantDetails
        {
            GivenName = "Testa",
            FamilyName = "Deltaker" + Random.Shared.Next(1000, 9999).ToString(CultureInfo.InvariantCulture),
            BirthDate = birth,
            NationalId = nationalId ?? TestNationalIds.For(birth),
            Gender = Gender.Female,
            CountryOfOrigin = "SY",
            PreferredLanguage = "ar",
            PermitDate = today.AddDays(-120),
            SettlementDate = today.AddDays(-90),
            ProgrammeStart = today.AddDays(-60),
        };
    }

    public static async Task<Guid> MunicipalityIdAsync(this IServiceProvider services, string number)
    {
        await using var scope = services.GetRequiredService<TenantScopeFactory>().ForTenant(null);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.Municipalities.Where(m => m.Number == number).Select(m => m.Id).SingleAsync();
    }

    public static async Task<TestParticipant> CreateParticipantAsync(this IServiceProvider services, string municipalityNumber,
        Func<ParticipantDetails, ParticipantDetails>? change = null)
    {
        var tenant = await services.MunicipalityIdAsync(municipalityNumber);
        var details = ValidDetails();
        if (change is not null)
        {
            details = change(details);
        }
        await using var scope = services.GetRequiredService<TenantScopeFactory>().ForTenant(tenant);
        var registry = scope.ServiceProvider.GetRequiredService<ParticipantRegistry>();
        var result = await registry.RegisterAsync(details, Guid.NewGuid(), null);
        // A made-up id can still match one of the demo seed's (both are synthetic): then the test gets another one.
        for (var retry = 0; retry < 5 && result.Errors.Any(e => e.Code == ParticipantErrors.DuplicateNationalId)
                            && TestNationalIds.IsIssued(details.NationalId!); retry++)
        {
            details = details with { NationalId = TestNationalIds.For(details.BirthDate!.Value) };
            result = await registry.RegisterAsync(details, Guid.NewGuid(), null);
        }
        if (result.Status != CommandStatus.Done)
        {
            throw new InvalidOperationException("The test participant was refused: "
                + string.Join(", ", result.Errors.Select(e => e.Field + ":" + e.Code)));
        }
        return new TestParticipant(result.Id!.Value, tenant, details.NationalId!, details);
    }

    /// <summary>Logs hours through the ledger service; fails the test when the ledger refuses.</summary>
    public static async Task<Guid> LogHoursAsync(this IServiceProvider services, TestParticipant participant, DateOnly date, HourCategory category, decimal hours)
    {
        await using var scope = services.GetRequiredService<TenantScopeFactory>().ForTenant(participant.TenantId);
        var ledger = scope.ServiceProvider.GetRequiredService<HourLedger>();
        var result = await ledger.LogAsync(participant.Id, new HourEntryInput(date, category, hours, null), Guid.NewGuid(), null);
        Assert.True(result.Status == CommandStatus.Done, string.Join(", ", result.Errors.Select(e => e.Field + ":" + e.Code)));
        return result.Id!.Value;
    }
}
