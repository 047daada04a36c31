using IntroProgram.Domain.Participants;
using IntroProgram.Domain.Programme;
using static IntroProgram.Domain.Tests.Programme.TestDates;

namespace IntroProgram.Domain.Tests.Participants;

public class ParticipantRegistrationTests
{
    private static readonly DateOnly Today = D("2026-11-24");
    private static readonly RuleSet Rules = StandardRuleSets.IntroductionAct2003;

    private static ParticipantDetails Valid => new()
    {
        GivenName = "Amal",
        FamilyName = "Testesen",
        BirthDate = D("1990-01-01"),
        NationalId = "01019012480",
        Gender = Gender.Female,
        CountryOfOrigin = "SY",
        PreferredLanguage = "ar",
        PermitDate = D("2026-06-01"),
        SettlementDate = D("2026-07-01"),
        ProgrammeStart = D("2026-08-01"),
    };

    private static IReadOnlyList<FieldError> Check(ParticipantDetails input)
    {
        NationalId.TryParse(input.NationalId, allowSyntheticTestNumbers: true, out var id, out var error);
        return ParticipantRegistration.Validate(input, id, error, input.PermitDate is null ? null : Rules, Today);
    }

    [Fact]
    public void A_complete_registration_has_no_errors()
    {
        Assert.Empty(Check(Valid));
    }

    [Theory]
    [InlineData(nameof(ParticipantDetails.GivenName))]
    [InlineData(nameof(ParticipantDetails.FamilyName))]
    public void A_blank_name_is_refused_on_its_field(string field)
    {
        var input = field == nameof(ParticipantDetails.GivenName) ? Valid with { GivenName = "  " } : Valid with { FamilyName = "" };
        Assert.Contains(new FieldError(field, ParticipantErrors.Required), Check(input));
    }

    [Fact]
    public void A_name_over_100_characters_is_refused()
    {
        Assert.Contains(new FieldError(ParticipantFields.GivenName, ParticipantErrors.TooLong), Check(Valid with { GivenName = new string('a', 101) }));
    }

    [Fact]
    public void A_birth_date_that_differs_from_the_national_id_is_refused()
    {
        Assert.Contains(new FieldError(ParticipantFields.BirthDate, ParticipantErrors.BirthDateMismatch), Check(Valid with { BirthDate = D("1990-01-02") }));
    }

    [Fact]
    public void A_bad_national_id_is_reported_on_its_field_with_the_parser_code()
    {
        Assert.Contains(new FieldError(ParticipantFields.NationalId, ErrorCodes.NationalIdInvalidChecksum), Check(Valid with { NationalId = "01019012481" }));
    }

    [Fact]
    public void Age_17_at_the_permit_date_is_refused_on_the_birth_date()
    {
        // Born 2008-06-02: still 17 on 2026-06-01, the day before the 18th birthday.
        var birth = D("2008-06-02");
        var errors = Check(Valid with { BirthDate = birth, NationalId = null, PermitDate = D("2026-06-01") });
        Assert.Contains(new FieldError(ParticipantFields.BirthDate, ErrorCodes.ParticipantTooYoung), errors);
    }

    [Fact]
    public void Age_56_at_the_permit_date_is_refused_on_the_birth_date()
    {
        var errors = Check(Valid with { BirthDate = D("1970-06-01"), NationalId = null, PermitDate = D("2026-06-01") });
        Assert.Contains(new FieldError(ParticipantFields.BirthDate, ErrorCodes.ParticipantTooOld), errors);
    }

    [Fact]
    public void A_start_before_settlement_is_refused_on_the_start()
    {
        Assert.Contains(new FieldError(ParticipantFields.ProgrammeStart, ErrorCodes.ParticipantStartBeforeSettlement),
            Check(Valid with { ProgrammeStart = D("2026-06-30") }));
    }

    [Fact]
    public void A_settlement_before_the_permit_is_refused_on_the_settlement_date()
    {
        Assert.Contains(new FieldError(ParticipantFields.SettlementDate, ErrorCodes.ParticipantPermitAfterSettlement),
            Check(Valid with { SettlementDate = D("2026-05-31"), ProgrammeStart = null }));
    }

    [Fact]
    public void A_permit_date_in_the_future_is_refused()
    {
        Assert.Contains(new FieldError(ParticipantFields.PermitDate, ParticipantErrors.DateInFuture), Check(Valid with { PermitDate = Today.AddDays(1) }));
    }

    [Fact]
    public void A_start_more_than_a_year_ahead_is_refused()
    {
        Assert.Contains(new FieldError(ParticipantFields.ProgrammeStart, ParticipantErrors.StartTooFarAhead),
            Check(Valid with { ProgrammeStart = Today.AddYears(1).AddDays(1) }));
    }

    [Theory]
    [InlineData("sy")]
    [InlineData("ZZ")]
    [InlineData("SYR")]
    public void An_unknown_country_code_is_refused(string code)
    {
        Assert.Contains(new FieldError(ParticipantFields.CountryOfOrigin, ParticipantErrors.InvalidCountry), Check(Valid with { CountryOfOrigin = code }));
    }

    [Fact]
    public void An_unknown_language_is_refused()
    {
        Assert.Contains(new FieldError(ParticipantFields.PreferredLanguage, ParticipantErrors.InvalidLanguage), Check(Valid with { PreferredLanguage = "xx" }));
    }

    [Fact]
    public void Missing_dates_are_each_reported()
    {
        var errors = Check(Valid with { BirthDate = null, PermitDate = null, SettlementDate = null, NationalId = null });
        Assert.Contains(new FieldError(ParticipantFields.BirthDate, ParticipantErrors.Required), errors);
        Assert.Contains(new FieldError(ParticipantFields.PermitDate, ParticipantErrors.Required), errors);
        Assert.Contains(new FieldError(ParticipantFields.SettlementDate, ParticipantErrors.Required), errors);
    }
}

public class ParticipantStatusRulesTests
{
    [Theory]
    [InlineData(ParticipantStatus.Registered, ParticipantStatus.Active, true)]
    [InlineData(ParticipantStatus.Registered, ParticipantStatus.Exited, true)]
    [InlineData(ParticipantStatus.Registered, ParticipantStatus.OnLeave, false)]
    [InlineData(ParticipantStatus.Registered, ParticipantStatus.Completed, false)]
    [InlineData(ParticipantStatus.Active, ParticipantStatus.OnLeave, true)]
    [InlineData(ParticipantStatus.OnLeave, ParticipantStatus.Active, true)]
    [InlineData(ParticipantStatus.Active, ParticipantStatus.Completed, true)]
    [InlineData(ParticipantStatus.OnLeave, ParticipantStatus.Stopped, true)]
    [InlineData(ParticipantStatus.Stopped, ParticipantStatus.Active, true)]
    [InlineData(ParticipantStatus.Completed, ParticipantStatus.Active, false)]
    [InlineData(ParticipantStatus.Exited, ParticipantStatus.Active, false)]
    [InlineData(ParticipantStatus.Active, ParticipantStatus.Registered, false)]
    public void Status_changes_follow_the_life_cycle(ParticipantStatus from, ParticipantStatus to, bool allowed)
    {
        Assert.Equal(allowed, ParticipantStatusRules.CanChange(from, to));
    }
}

public class ParticipantWeekTests
{
    [Theory]
    [InlineData("2026-11-23", "2026-11-23")] // Monday
    [InlineData("2026-11-25", "2026-11-23")]
    [InlineData("2026-11-29", "2026-11-23")] // Sunday belongs to the week before
    [InlineData("2027-01-01", "2026-12-28")] // across the new year
    public void Weeks_start_on_monday(string date, string monday)
    {
        Assert.Equal(D(monday), ParticipantWeek.StartOf(D(date)));
    }
}

public class ParticipantTotalsTests
{
    [Fact]
    public void Hours_and_absence_add_up_and_scheduled_time_includes_absence()
    {
        var totals = new ParticipantTotals();
        totals.AddHours(HourCategory.Norwegian, 10m);
        totals.AddHours(HourCategory.ExtraNorwegian, 2m);
        totals.AddHours(HourCategory.Norwegian, -1.5m);
        totals.AddAbsence(excused: false, 3m);
        totals.AddAbsence(excused: true, 1m);
        Assert.Equal(8.5m, totals.Hours.Norwegian);
        Assert.Equal(2m, totals.Hours.ExtraNorwegian);
        Assert.Equal(new AbsenceTotals(14.5m, 3m, 1m), totals.Absence);
    }
}
