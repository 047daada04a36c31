using IntroProgram.Domain.Programme;
using static IntroProgram.Domain.Tests.Programme.TestDates;

namespace IntroProgram.Domain.Tests.Programme;

public class ParticipantAgeTests
{
    [Theory]
    [InlineData("2000-06-15", "2018-06-15", 18)] // on the birthday
    [InlineData("2000-06-15", "2018-06-14", 17)] // the day before
    [InlineData("2000-06-15", "2018-12-31", 18)]
    [InlineData("2000-12-31", "2019-01-01", 18)]
    [InlineData("2000-01-01", "2000-01-01", 0)]
    public void Age_counts_completed_years(string birthDate, string date, int expected)
    {
        Assert.Equal(expected, ParticipantAge.YearsOn(D(birthDate), D(date)));
    }

    [Theory]
    [InlineData("2004-02-29", "2022-02-27", 17)]
    [InlineData("2004-02-29", "2022-02-28", 18)] // common year: a year older on 28 February
    [InlineData("2004-02-29", "2022-03-01", 18)]
    [InlineData("2004-02-29", "2024-02-28", 19)] // leap year: still 19 on 28 February
    [InlineData("2004-02-29", "2024-02-29", 20)] // and 20 on the 29th
    public void A_29_february_birthday_falls_on_28_february_in_common_years(string birthDate, string date, int expected)
    {
        Assert.Equal(expected, ParticipantAge.YearsOn(D(birthDate), D(date)));
    }

    [Fact]
    public void Someone_born_on_1_march_turns_a_year_older_on_1_march_in_a_leap_year()
    {
        Assert.Equal(19, ParticipantAge.YearsOn(D("2004-03-01"), D("2024-02-29")));
    }
}
