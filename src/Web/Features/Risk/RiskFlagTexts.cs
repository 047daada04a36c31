using System.Globalization;
using System.Text.Json;
using IntroProgram.Domain.Participants;
using Microsoft.Extensions.Localization;

namespace IntroProgram.Web.Features.Risk;

/// <summary>A flag as shown to staff: who, what, how serious, and why in plain words with the numbers.</summary>
public sealed record RiskFlagView(
    Guid Id, Guid ParticipantId, string? ParticipantName, string Rule, RiskSeverity Severity, string Title, string Explanation,
    DateTimeOffset FirstSeenAt, DateTimeOffset? AcknowledgedAt, string? AcknowledgedBy, string? AcknowledgementNote);

public static class RiskFlagTexts
{
    /// <summary>
    /// Fills the rule's sentence ("Risk.{rule}.Explanation") with the flag's facts, dates and numbers written the way
    /// the reader's language writes them.
    /// </summary>
    public static string Explain(IStringLocalizer t, string rule, string factsJson)
    {
        var facts = JsonSerializer.Deserialize<Dictionary<string, string>>(factsJson) ?? [];
        var text = t["Risk." + rule + ".Explanation"].Value;
        foreach (var (key, value) in facts)
        {
            text = text.Replace("{" + key + "}", Format(value), StringComparison.Ordinal);
        }
        return text;
    }

    public static string Title(IStringLocalizer t, string rule)
    {
        var title = t["Risk." + rule + ".Title"];
        return title.ResourceNotFound ? rule : title.Value;
    }

    public static RiskFlagView View(IStringLocalizer t, RiskFlag flag, string? participantName, string? acknowledgedBy) =>
        new(flag.Id, flag.ParticipantId, participantName, flag.Rule, flag.Severity, Title(t, flag.Rule), Explain(t, flag.Rule, flag.Facts),
            flag.FirstSeenAt, flag.AcknowledgedAt, acknowledgedBy, flag.AcknowledgementNote);

    private static string Format(string value)
    {
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date.ToString("d", CultureInfo.CurrentCulture);
        }
        if (decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var number))
        {
            return number.ToString("#,0.##", CultureInfo.CurrentCulture);
        }
        return value;
    }
}
