namespace IntroProgram.Domain.Participants;

/// <summary>
/// The status life-cycle: registered → active ⇄ on leave → completed / stopped / exited. A stopped programme can be
/// resumed by a new decision; completed and exited are final. Whether hours and absence can be logged for a day depends
/// on dates, not on the status: see <see cref="Programme.ProgrammePeriod"/>.
/// </summary>
public static class ParticipantStatusRules
{
    public static bool CanChange(ParticipantStatus from, ParticipantStatus to) => (from, to) switch
    {
        (ParticipantStatus.Registered, ParticipantStatus.Active) => true,
        (ParticipantStatus.Registered, ParticipantStatus.Exited) => true,
        (ParticipantStatus.Active, ParticipantStatus.OnLeave) => true,
        (ParticipantStatus.OnLeave, ParticipantStatus.Active) => true,
        (ParticipantStatus.Active or ParticipantStatus.OnLeave,
            ParticipantStatus.Completed or ParticipantStatus.Stopped or ParticipantStatus.Exited) => true,
        (ParticipantStatus.Stopped, ParticipantStatus.Active) => true,
        _ => false,
    };

    public static bool IsEnded(ParticipantStatus status) =>
        status is ParticipantStatus.Completed or ParticipantStatus.Stopped or ParticipantStatus.Exited;
}
