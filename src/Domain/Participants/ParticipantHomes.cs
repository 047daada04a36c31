namespace IntroProgram.Domain.Participants;

/// <summary>One municipality's participant record for a national id, as far as choosing among several needs.</summary>
public sealed record ParticipantHome(Guid TenantId, Guid ParticipantId, ParticipantStatus Status, DateOnly? ProgrammeStart);

public static class ParticipantHomes
{
    /// <summary>
    /// A person who moved may be a participant in several municipalities. The current programme wins: a record that is
    /// registered, active or on leave before one that is completed, stopped or exited; among equals the latest programme
    /// start (a record not yet started counts as the latest); then the lowest id, so the answer never changes by chance.
    /// </summary>
    public static ParticipantHome? Current(IEnumerable<ParticipantHome> homes) =>
        homes.OrderByDescending(h => IsOngoing(h.Status))
            .ThenByDescending(h => h.ProgrammeStart ?? DateOnly.MaxValue)
            .ThenBy(h => h.ParticipantId)
            .FirstOrDefault();

    public static bool IsOngoing(ParticipantStatus status) =>
        status is ParticipantStatus.Registered or ParticipantStatus.Active or ParticipantStatus.OnLeave;
}
