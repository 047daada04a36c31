using System.Security.Cryptography;
using System.Text;
using IntroProgram.Domain.Programme;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace IntroProgram.Infrastructure.Participants;

public sealed class ParticipantDataOptions
{
    /// <summary>
    /// Secret key for the national-id lookup hash (at least 32 characters). It must be the same on every node and must
    /// never change: changing it makes every stored hash unfindable. Keep it in a secret store, not in the image.
    /// </summary>
    public string NationalIdLookupKey { get; set; } = "";

    /// <summary>Accept synthetic test numbers (month + 80). Development, demo and test environments only.</summary>
    public bool AllowSyntheticNationalIds { get; set; }
}

/// <summary>
/// Keeps national ids out of the database in clear: a keyed hash (per municipality) for duplicate checks and exact
/// search, and an encrypted copy for certificates, using the data-protection keys every node shares.
/// </summary>
public sealed class NationalIdProtector
{
    private readonly byte[] _lookupKey;
    private readonly IDataProtector _protector;

    public NationalIdProtector(IOptions<ParticipantDataOptions> options, IDataProtectionProvider dataProtection)
    {
        var key = options.Value.NationalIdLookupKey;
        if (string.IsNullOrEmpty(key) || key.Length < 32)
        {
            throw new InvalidOperationException("ParticipantData:NationalIdLookupKey must be set to a secret of at least 32 characters.");
        }
        _lookupKey = Encoding.UTF8.GetBytes(key);
        _protector = dataProtection.CreateProtector("IntroProgram.Participants.NationalId.v1");
        AllowSynthetic = options.Value.AllowSyntheticNationalIds;
    }

    public bool AllowSynthetic { get; }

    public bool TryParse(string? input, out NationalId? id, out string? errorCode)
    {
        var ok = NationalId.TryParse(input, AllowSynthetic, out var parsed, out var error);
        id = parsed;
        errorCode = error;
        return ok;
    }

    /// <summary>The same id hashes differently in two municipalities, so hashes cannot be joined across tenants.</summary>
    public byte[] Hash(Guid tenantId, NationalId id)
    {
        Span<byte> input = stackalloc byte[16 + 11];
        tenantId.TryWriteBytes(input);
        Encoding.ASCII.GetBytes(id.Value, input[16..]);
        return HMACSHA256.HashData(_lookupKey, input);
    }

    public string Protect(NationalId id) => _protector.Protect(id.Value);

    public string Unprotect(string protectedValue) => _protector.Unprotect(protectedValue);
}
