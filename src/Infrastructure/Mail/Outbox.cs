using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IntroProgram.Infrastructure.Mail;

public sealed record OutgoingMessage(string To, string Subject, string Body);

/// <summary>Sends messages to people. The product has no mail server of its own; see <see cref="FolderOutbox"/>.</summary>
public interface IOutbox
{
    Task SendAsync(OutgoingMessage message, CancellationToken ct = default);
}

public sealed class OutboxOptions
{
    public string Path { get; set; } = ".local/outbox";
}

/// <summary>
/// Development and test stand-in for e-mail: every message becomes a file in a folder. The log line names the file,
/// never the address, so personal data stays out of logs.
/// </summary>
public sealed class FolderOutbox(IOptions<OutboxOptions> options, TimeProvider clock, ILogger<FolderOutbox> logger) : IOutbox
{
    public async Task SendAsync(OutgoingMessage message, CancellationToken ct = default)
    {
        var folder = Path.GetFullPath(options.Value.Path);
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, $"{clock.GetUtcNow():yyyyMMdd-HHmmss}-{Guid.NewGuid():N}.txt");
        var text = $"To: {message.To}\nSubject: {message.Subject}\n\n{message.Body}\n";
        await File.WriteAllTextAsync(file, text, ct);
        logger.LogInformation("Message written to the outbox as {File}", Path.GetFileName(file));
    }
}
