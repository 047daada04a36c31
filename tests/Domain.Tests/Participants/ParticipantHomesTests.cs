using IntroProgram.Domain.Participants;

namespace IntroProgram.Domain.Tests.Participants;

public sealed class ParticipantHomesTests
{
    private static readonly Guid A = new("00000000-0000-0000-0000-00000000000a");
    private static readonly Guid B = new("00000000-0000-0000-0000-00000000000b");

    [Fact]
    public void An_ongoing_programme_wins_over_an_ended_one_that_started_later()
    {
        var ended = new ParticipantHome(A, A, ParticipantStatus.Completed, new DateOnly(2026, 3, 1));
        var ongoing = new ParticipantHome(B, B, ParticipantStatus.OnLeave, new DateOnly(2025, 1, 1));

        Assert.Equal(ongoing, ParticipantHomes.Current([ended, ongoing]));
    }

    [Fact]
    public void Among_ongoing_programmes_the_latest_start_wins_and_one_not_started_counts_as_latest()
    {
        var older = new ParticipantHome(A, A, ParticipantStatus.Active, new DateOnly(2025, 1, 1));
        var newer = new ParticipantHome(B, B, ParticipantStatus.Active, new DateOnly(2026, 1, 1));
        var registered = new ParticipantHome(B, A, ParticipantStatus.Registered, null);

        Assert.Equal(newer, ParticipantHomes.Current([older, newer]));
        Assert.Equal(registered, ParticipantHomes.Current([older, newer, registered]));
    }

    [Fact]
    public void No_home_gives_none_and_equal_homes_always_give_the_same_answer()
    {
        var first = new ParticipantHome(A, A, ParticipantStatus.Exited, new DateOnly(2025, 1, 1));
        var second = new ParticipantHome(B, B, ParticipantStatus.Stopped, new DateOnly(2025, 1, 1));

        Assert.Null(ParticipantHomes.Current([]));
        Assert.Equal(first, ParticipantHomes.Current([second, first]));
        Assert.Equal(first, ParticipantHomes.Current([first, second]));
    }
}
