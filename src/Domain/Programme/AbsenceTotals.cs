namespace IntroProgram.Domain.Programme;

/// <param name="ScheduledHours">Hours the participant was scheduled to attend.</param>
/// <param name="UnexcusedHours">Scheduled hours missed without a valid reason.</param>
/// <param name="ExcusedHours">Scheduled hours missed with a valid reason (illness, approved appointments).</param>
public sealed record AbsenceTotals(decimal ScheduledHours, decimal UnexcusedHours, decimal ExcusedHours)
{
    public static AbsenceTotals None { get; } = new(0m, 0m, 0m);
}
