namespace IntroProgram.Domain.Participants;

/// <summary>
/// The status life-cycle: registered → active ⇄ on leave → completed / stopped / exited. A stopped programme can be
/// resumed by a new decision; completed and exited are final.
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

    /// <summary>Hours and absence may be logged while the programme runs (and on leave, for days before it began).</summary>
    public static bool AcceptsHours(ParticipantStatus status) =>
        status is ParticipantStatus.Active or ParticipantStatus.OnLeave;

    public static bool IsEnded(ParticipantStatus status) =>
        status is ParticipantStatus.Completed or ParticipantStatus.Stopped or ParticipantStatus.Exited;
}
