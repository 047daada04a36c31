using IntroProgram.Domain.Ledger;
using IntroProgram.Domain.Programme;
using static IntroProgram.Domain.Tests.Programme.TestDates;

namespace IntroProgram.Domain.Tests.Programme;

public class ProgrammePeriodTests
{
    private static readonly ProgrammePeriod Running = new(D("2025-01-01"), D("2027-12-31"), EndedOn: null);

    [Fact]
    public void Hours_on_the_last_allowed_day_fit_the_programme()
    {
        Assert.Null(Running.CheckLoggedDate(D("2027-12-31")));
    }

    [Fact]
    public void Hours_the_day_after_the_last_allowed_day_are_refused()
    {
        Assert.Equal(LedgerErrors.AfterLatestEnd, Running.CheckLoggedDate(D("2028-01-01")));
    }

    [Fact]
    public void Hours_on_the_day_the_programme_was_ended_fit_the_programme()
    {
        Assert.Null((Running with { EndedOn = D("2026-03-15") }).CheckLoggedDate(D("2026-03-15")));
    }

    [Fact]
    public void Hours_the_day_after_the_programme_was_ended_are_refused_though_it_could_have_run_longer()
    {
        Assert.Equal(LedgerErrors.AfterProgrammeEnd, (Running with { EndedOn = D("2026-03-15") }).CheckLoggedDate(D("2026-03-16")));
    }

    [Fact]
    public void Of_takes_the_start_and_last_allowed_day_from_the_deadlines()
    {
        var deadlines = ProgrammeDeadlines.Calculate(D("2025-01-01"), StandardRuleSets.IntroductionAct2003, approvedExtensionEnd: D("2027-06-30"));

        Assert.Equal(new ProgrammePeriod(D("2025-01-01"), D("2027-06-30"), D("2027-01-15")), ProgrammePeriod.Of(deadlines, D("2027-01-15")));
    }
}
