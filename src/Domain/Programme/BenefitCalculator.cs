namespace IntroProgram.Domain.Programme;

/// <summary>Unexcused absence on one day, to be deducted from the benefit.</summary>
public readonly record struct UnexcusedAbsence(DateOnly Date, decimal Hours);

/// <summary>What the benefit for one participant and one calendar month depends on.</summary>
public sealed record BenefitMonthInput
{
    public required int Year { get; init; }

    public required int Month { get; init; }

    public required DateOnly BirthDate { get; init; }

    public required DateOnly ProgrammeStart { get; init; }

    /// <summary>Last programme day (completion or stop); null while the programme runs.</summary>
    public DateOnly? ProgrammeEnd { get; init; }

    /// <summary>Leave during which no benefit is paid. Leave with benefit is simply not listed.</summary>
    public IReadOnlyList<LeavePeriod> LeaveWithoutBenefit { get; init; } = [];

    /// <summary>Unexcused absence; entries outside the month or on days without benefit are not deducted.</summary>
    public IReadOnlyList<UnexcusedAbsence> UnexcusedAbsence { get; init; } = [];
}

/// <summary>The figures for the days of a month paid at one rate (one G value, reduced or full).</summary>
/// <param name="BaseAmount">G in force on these days.</param>
/// <param name="IsReduced">The participant was under the age limit on these days.</param>
/// <param name="YearlyAmount">Yearly benefit at this rate, rounded to øre.</param>
/// <param name="MonthlyAmount">One twelfth of the yearly benefit: what a whole month pays, rounded to øre.</param>
/// <param name="HourlyRate">Yearly benefit divided by the rule set's yearly hours, rounded to øre.</param>
/// <param name="Days">Benefit days in the month paid at this rate.</param>
/// <param name="Amount">The pay for these days: yearly × days / (12 × days in month), rounded to øre.</param>
public sealed record BenefitRate(
    decimal BaseAmount,
    bool IsReduced,
    decimal YearlyAmount,
    decimal MonthlyAmount,
    decimal HourlyRate,
    int Days,
    decimal Amount);

/// <summary>The benefit basis for one participant and month, with every figure a caseworker needs to check it.</summary>
public sealed class BenefitMonth
{
    internal BenefitMonth(
        int year,
        int month,
        IReadOnlyList<string> errors,
        IReadOnlyList<BenefitRate> rates,
        decimal unexcusedHoursDeducted,
        decimal deduction)
    {
        Year = year;
        Month = month;
        DaysInMonth = DateTime.DaysInMonth(year, month);
        Errors = errors;
        Rates = rates;
        BenefitDays = rates.Sum(r => r.Days);
        GrossAmount = rates.Sum(r => r.Amount);
        UnexcusedHoursDeducted = unexcusedHoursDeducted;
        Deduction = deduction;
    }

    public int Year { get; }

    public int Month { get; }

    public int DaysInMonth { get; }

    /// <summary>Codes from <see cref="ErrorCodes"/>; when not empty, every amount is 0.</summary>
    public IReadOnlyList<string> Errors { get; }

    public bool IsValid => Errors.Count == 0;

    /// <summary>One row per rate used in the month, in date order (a month has two when G changes or the participant turns 25).</summary>
    public IReadOnlyList<BenefitRate> Rates { get; }

    /// <summary>Days in the programme and not on leave without benefit.</summary>
    public int BenefitDays { get; }

    /// <summary>Benefit before deductions: the sum of <see cref="BenefitRate.Amount"/>.</summary>
    public decimal GrossAmount { get; }

    public decimal UnexcusedHoursDeducted { get; }

    /// <summary>Unexcused hours × the hourly rate of each absence day, rounded to øre and never more than the gross amount.</summary>
    public decimal Deduction { get; }

    public decimal PayableAmount => GrossAmount - Deduction;
}

/// <summary>
/// Introduksjonsstønad for one participant and month. Choices, so a caseworker can reproduce every figure:
/// <list type="bullet">
/// <item>Each day is paid at the G in force and the participant's age on that day, so a G change or a 25th
/// birthday mid-month takes effect on the exact day rather than from the next month.</item>
/// <item>Part months are paid by calendar days: yearly × days / (12 × days in the month).</item>
/// <item>Absence is deducted at the published (rounded) hourly rate, so "7.5 h × 89.39 kr" in a decision letter
/// adds up exactly.</item>
/// <item>Every amount is computed from exact values and rounded once to øre, halves away from zero
/// (<see cref="Money.RoundToOre"/>).</item>
/// </list>
/// </summary>
public static class BenefitCalculator
{
    /// <exception cref="ArgumentOutOfRangeException">The year or month is not a calendar month.</exception>
    public static BenefitMonth CalculateMonth(BenefitMonthInput input, RuleSet ruleSet, BaseAmountTable baseAmounts)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(input.Month, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(input.Month, 12);
        ArgumentOutOfRangeException.ThrowIfLessThan(input.Year, 1);

        var daysInMonth = DateTime.DaysInMonth(input.Year, input.Month);
        var keyOfDay = new Dictionary<DateOnly, RateKey>();
        var daysPerKey = new Dictionary<RateKey, int>();
        var keysInOrder = new List<RateKey>();

        for (var dayOfMonth = 1; dayOfMonth <= daysInMonth; dayOfMonth++)
        {
            var day = new DateOnly(input.Year, input.Month, dayOfMonth);
            if (!IsBenefitDay(day, input))
            {
                continue;
            }

            if (baseAmounts.AmountOn(day) is not { } g)
            {
                return Failed(input, ErrorCodes.BenefitNoBaseAmount);
            }

            var key = new RateKey(g, ParticipantAge.YearsOn(input.BirthDate, day) < ruleSet.ReducedBenefitAgeLimit);
            keyOfDay[day] = key;
            if (daysPerKey.TryAdd(key, 1))
            {
                keysInOrder.Add(key);
            }
            else
            {
                daysPerKey[key]++;
            }
        }

        if (input.UnexcusedAbsence.Any(a => a.Hours <= 0m))
        {
            return Failed(input, ErrorCodes.BenefitInvalidAbsenceHours);
        }

        var rates = new Dictionary<RateKey, BenefitRate>();
        foreach (var key in keysInOrder)
        {
            rates[key] = RateFor(key, daysPerKey[key], daysInMonth, ruleSet);
        }

        var hoursDeducted = 0m;
        var deduction = 0m;
        foreach (var absence in input.UnexcusedAbsence)
        {
            if (keyOfDay.TryGetValue(absence.Date, out var key))
            {
                hoursDeducted += absence.Hours;
                deduction += absence.Hours * rates[key].HourlyRate;
            }
        }

        var orderedRates = keysInOrder.Select(k => rates[k]).ToList().AsReadOnly();
        var gross = orderedRates.Sum(r => r.Amount);
        // Benefit cannot go negative: absence can at most cancel the month's pay.
        var cappedDeduction = Math.Min(Money.RoundToOre(deduction), gross);
        return new BenefitMonth(input.Year, input.Month, [], orderedRates, hoursDeducted, cappedDeduction);
    }

    private static bool IsBenefitDay(DateOnly day, BenefitMonthInput input) =>
        day >= input.ProgrammeStart
        && (input.ProgrammeEnd is null || day <= input.ProgrammeEnd.Value)
        && !input.LeaveWithoutBenefit.Any(l => l.Contains(day));

    private static BenefitRate RateFor(RateKey key, int days, int daysInMonth, RuleSet ruleSet)
    {
        var yearly = ruleSet.BenefitBaseAmountMultiplier * key.BaseAmount;
        if (key.IsReduced)
        {
            yearly = ruleSet.ReducedBenefitFactor.ApplyTo(yearly);
        }

        return new BenefitRate(
            key.BaseAmount,
            key.IsReduced,
            YearlyAmount: Money.RoundToOre(yearly),
            MonthlyAmount: Money.RoundToOre(yearly / 12m),
            HourlyRate: Money.RoundToOre(yearly / ruleSet.BenefitHoursPerYear),
            Days: days,
            Amount: Money.RoundToOre(yearly * days / (12m * daysInMonth)));
    }

    private static BenefitMonth Failed(BenefitMonthInput input, string errorCode) =>
        new(input.Year, input.Month, [errorCode], [], 0m, 0m);

    private readonly record struct RateKey(decimal BaseAmount, bool IsReduced);
}
