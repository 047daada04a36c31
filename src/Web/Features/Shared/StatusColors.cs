using IntroProgram.Domain.Participants;

namespace IntroProgram.Web.Features.Shared;

/// <summary>
/// Designsystemet's colour for a status or a severity (the <c>data-color</c> of a tag or an alert). The word is always
/// shown as well: colour adds shape to it, never replaces it.
/// </summary>
public static class StatusColors
{
    public static string Of(RiskSeverity severity) => severity switch
    {
        RiskSeverity.Critical => "danger",
        RiskSeverity.Warning => "warning",
        _ => "info",
    };

    public static string Of(ParticipantStatus status) => status switch
    {
        ParticipantStatus.Active => "success",
        ParticipantStatus.Stopped or ParticipantStatus.OnLeave => "warning",
        ParticipantStatus.Completed or ParticipantStatus.Exited => "neutral",
        _ => "info",
    };
}
