using IntroProgram.Domain.Programme;
using static IntroProgram.Domain.Tests.Programme.TestDates;

namespace IntroProgram.Domain.Tests.Programme;

public class BenefitCalculatorTests
{
    private static readonly RuleSet Rules = StandardRuleSets.IntroductionAct2003;
    private const string ThirtyYearOld = "1995-01-01";

    private static BenefitMonthInput Input(
        int year,
        int month,
        string birthDate = ThirtyYearOld,
        string programmeStart = "2024-01-01") => new()
    {
        Year = year,
        Month = month,
        BirthDate = D(birthDate),
        ProgrammeStart = D(programmeStart),
    };

    private static BenefitMonth Calculate(BenefitMonthInput input, BaseAmountTable? table = null) =>
        BenefitCalculator.CalculateMonth(input, Rules, table ?? BaseAmountTable.Default);

    [Fact]
    public void Worked_example_24_year_old_with_7_5_unexcused_hours_in_march_2025()
    {
        // G from 1 May 2024 is 124 028. Yearly: 2 G × 2/3 = 165 370.666… → 165 370.67.
        // Monthly: 165 370.666… / 12 = 13 780.888… → 13 780.89. Hourly: / 1 850 = 89.389… → 89.39.
        // Deduction: 7.5 h × 89.39 = 670.425 → 670.43. Payable: 13 780.89 − 670.43 = 13 110.46.
        var result = Calculate(Input(2025, 3, birthDate: "2000-10-10") with
        {
            UnexcusedAbsence = [new UnexcusedAbsence(D("2025-03-12"), 4m), new UnexcusedAbsence(D("2025-03-13"), 3.5m)],
        });

        var rate = Assert.Single(result.Rates);
        Assert.True(rate.IsReduced);
        Assert.Equal(124_028m, rate.BaseAmount);
        Assert.Equal(165_370.67m, rate.YearlyAmount);
        Assert.Equal(13_780.89m, rate.MonthlyAmount);
        Assert.Equal(89.39m, rate.HourlyRate);
        Assert.Equal(13_780.89m, result.GrossAmount);
        Assert.Equal(7.5m, result.UnexcusedHoursDeducted);
        Assert.Equal(670.43m, result.Deduction);
        Assert.Equal(13_110.46m, result.PayableAmount);
    }

    [Fact]
    public void Worked_example_30_year_old_starting_on_the_16th_of_a_30_day_month()
    {
        // June 2025, G 130 160: yearly 260 320, monthly 21 693.33. Days 16–30 are 15 of 30:
        // 260 320 × 15 / (12 × 30) = 10 846.666… → 10 846.67 (not half the rounded monthly amount, 10 846.665).
        var result = Calculate(Input(2025, 6, programmeStart: "2025-06-16"));

        Assert.Equal(30, result.DaysInMonth);
        Assert.Equal(15, result.BenefitDays);
        Assert.Equal(21_693.33m, Assert.Single(result.Rates).MonthlyAmount);
        Assert.Equal(10_846.67m, result.PayableAmount);
    }

    [Fact]
    public void Worked_example_30_year_old_starting_mid_march_with_leave_without_benefit_and_absence()
    {
        // March 2025, G 124 028: yearly 248 056, hourly 248 056 / 1 850 = 134.08. In the programme 10–31 March (22 days),
        // minus 20–24 March on leave without benefit: 17 of 31 days, 248 056 × 17 / (12 × 31) = 11 335.89.
        // 3 unexcused hours on 12 March: 3 × 134.08 = 402.24. The 2 hours on 21 March fall in the leave: not deducted.
        var result = Calculate(Input(2025, 3, programmeStart: "2025-03-10") with
        {
            LeaveWithoutBenefit = [new LeavePeriod(D("2025-03-20"), D("2025-03-24"))],
            UnexcusedAbsence = [new UnexcusedAbsence(D("2025-03-12"), 3m), new UnexcusedAbsence(D("2025-03-21"), 2m)],
        });

        Assert.Equal(17, result.BenefitDays);
        Assert.Equal(134.08m, Assert.Single(result.Rates).HourlyRate);
        Assert.Equal(11_335.89m, result.GrossAmount);
        Assert.Equal(3m, result.UnexcusedHoursDeducted);
        Assert.Equal(402.24m, result.Deduction);
        Assert.Equal(10_933.65m, result.PayableAmount);
    }

    [Fact]
    public void A_whole_month_pays_one_twelfth_of_2_g()
    {
        Assert.Equal(21_693.33m, Calculate(Input(2025, 6)).PayableAmount);
    }

    [Fact]
    public void The_hourly_rate_is_the_yearly_amount_divided_by_1850()
    {
        // 260 320 / 1 850 = 140.713…
        Assert.Equal(140.71m, Assert.Single(Calculate(Input(2025, 6)).Rates).HourlyRate);
    }

    [Theory]
    [InlineData(4, 124_028, 20_671.33)] // G changes on 1 May: April still uses the 2024 G
    [InlineData(5, 130_160, 21_693.33)]
    public void The_base_amount_in_force_in_the_month_is_used(int month, decimal expectedG, decimal expectedAmount)
    {
        var result = Calculate(Input(2025, month));

        Assert.Equal(expectedG, Assert.Single(result.Rates).BaseAmount);
        Assert.Equal(expectedAmount, result.PayableAmount);
    }

    [Fact]
    public void A_participant_under_25_gets_two_thirds()
    {
        Assert.True(Assert.Single(Calculate(Input(2025, 6, birthDate: "2001-01-01")).Rates).IsReduced);
    }

    [Fact]
    public void A_participant_turning_25_mid_month_gets_full_benefit_from_the_birthday()
    {
        // Born 16 June 2000: 1–15 June at 2/3 (7 231.11), 16–30 June in full (10 846.67).
        var result = Calculate(Input(2025, 6, birthDate: "2000-06-16"));

        Assert.Collection(
            result.Rates,
            reduced => Assert.Equal((true, 15, 7_231.11m), (reduced.IsReduced, reduced.Days, reduced.Amount)),
            full => Assert.Equal((false, 15, 10_846.67m), (full.IsReduced, full.Days, full.Amount)));
        Assert.Equal(18_077.78m, result.GrossAmount);
    }

    [Fact]
    public void A_participant_turning_25_on_the_first_gets_the_full_month()
    {
        var rate = Assert.Single(Calculate(Input(2025, 6, birthDate: "2000-06-01")).Rates);

        Assert.False(rate.IsReduced);
    }

    [Fact]
    public void Absence_is_deducted_at_the_hourly_rate_of_the_day_it_happened()
    {
        // Reduced rate 93.81 on 10 June, full rate 140.71 on 20 June.
        var result = Calculate(Input(2025, 6, birthDate: "2000-06-16") with
        {
            UnexcusedAbsence = [new UnexcusedAbsence(D("2025-06-10"), 2m), new UnexcusedAbsence(D("2025-06-20"), 2m)],
        });

        Assert.Equal(469.04m, result.Deduction);
    }

    [Fact]
    public void A_base_amount_change_mid_month_applies_from_its_day()
    {
        var table = new BaseAmountTable([new BaseAmount(D("2025-05-01"), 130_160m), new BaseAmount(D("2025-06-16"), 140_000m)]);

        var result = Calculate(Input(2025, 6), table);

        Assert.Equal([130_160m, 140_000m], result.Rates.Select(r => r.BaseAmount));
        Assert.Equal(10_846.67m + 11_666.67m, result.GrossAmount);
    }

    [Fact]
    public void The_benefit_stops_after_the_programme_end()
    {
        Assert.Equal(7_231.11m, Calculate(Input(2025, 6) with { ProgrammeEnd = D("2025-06-10") }).PayableAmount);
    }

    [Fact]
    public void Leave_without_benefit_is_not_paid()
    {
        var result = Calculate(Input(2025, 6) with { LeaveWithoutBenefit = [new LeavePeriod(D("2025-06-11"), D("2025-06-20"))] });

        Assert.Equal(20, result.BenefitDays);
        Assert.Equal(14_462.22m, result.PayableAmount);
    }

    [Fact]
    public void Absence_on_a_day_without_benefit_is_not_deducted()
    {
        var result = Calculate(Input(2025, 6) with
        {
            LeaveWithoutBenefit = [new LeavePeriod(D("2025-06-11"), D("2025-06-20"))],
            UnexcusedAbsence = [new UnexcusedAbsence(D("2025-06-15"), 7.5m)],
        });

        Assert.Equal(0m, result.Deduction);
        Assert.Equal(0m, result.UnexcusedHoursDeducted);
    }

    [Fact]
    public void Absence_in_another_month_is_not_deducted()
    {
        var result = Calculate(Input(2025, 6) with { UnexcusedAbsence = [new UnexcusedAbsence(D("2025-07-01"), 7.5m)] });

        Assert.Equal(0m, result.Deduction);
    }

    [Fact]
    public void Absence_before_the_programme_start_is_not_deducted()
    {
        var result = Calculate(Input(2025, 6, programmeStart: "2025-06-16") with
        {
            UnexcusedAbsence = [new UnexcusedAbsence(D("2025-06-10"), 7.5m)],
        });

        Assert.Equal(0m, result.Deduction);
    }

    [Fact]
    public void Deductions_never_make_the_benefit_negative()
    {
        var result = Calculate(Input(2025, 6) with { UnexcusedAbsence = [new UnexcusedAbsence(D("2025-06-10"), 200m)] });

        Assert.Equal(result.GrossAmount, result.Deduction);
        Assert.Equal(0m, result.PayableAmount);
    }

    [Fact]
    public void A_part_month_in_a_leap_february_is_prorated_over_29_days()
    {
        // G from 1 May 2023: 118 620. 237 240 × 15 / (12 × 29) = 10 225.86.
        var result = Calculate(Input(2024, 2, programmeStart: "2024-02-15"));

        Assert.Equal(29, result.DaysInMonth);
        Assert.Equal(10_225.86m, result.PayableAmount);
    }

    [Fact]
    public void A_month_before_the_programme_pays_nothing()
    {
        var result = Calculate(Input(2025, 6, programmeStart: "2025-07-01"));

        Assert.True(result.IsValid);
        Assert.Equal(0, result.BenefitDays);
        Assert.Equal(0m, result.PayableAmount);
    }

    [Fact]
    public void A_month_without_a_base_amount_is_reported_not_guessed()
    {
        var result = Calculate(Input(2019, 3, programmeStart: "2018-01-01"));

        Assert.Equal([ErrorCodes.BenefitNoBaseAmount], result.Errors);
        Assert.Equal(0m, result.PayableAmount);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-2)]
    public void Non_positive_absence_hours_are_refused(decimal hours)
    {
        var result = Calculate(Input(2025, 6) with { UnexcusedAbsence = [new UnexcusedAbsence(D("2025-06-10"), hours)] });

        Assert.Equal([ErrorCodes.BenefitInvalidAbsenceHours], result.Errors);
        Assert.Equal(0m, result.PayableAmount);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(13)]
    public void An_impossible_month_is_a_programming_error(int month)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Calculate(Input(2025, month)));
    }
}
