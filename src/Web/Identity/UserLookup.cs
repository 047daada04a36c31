using Microsoft.AspNetCore.Identity;
using Npgsql;

namespace IntroProgram.Web.Identity;

public sealed record UserHome(Guid UserId, Guid? TenantId);

/// <summary>
/// Finds which municipality a user belongs to before anyone is signed in, through the database function
/// app_find_login: it maps an e-mail address or a user id to that user's id and municipality, and nothing else (no
/// password hash, no security stamp). The app role reads no user row before the municipality is known.
/// </summary>
public sealed class UserLookup(NpgsqlDataSource database, ILookupNormalizer normalizer)
{
    public Task<UserHome?> FindByEmailAsync(string email) => FindAsync(normalizer.NormalizeEmail(email.Trim()));

    public Task<UserHome?> FindByIdAsync(Guid userId) => FindAsync(userId.ToString());

    private async Task<UserHome?> FindAsync(string key)
    {
        await using var command = database.CreateCommand("SELECT user_id, tenant_id FROM app_find_login($1)");
        command.Parameters.Add(new NpgsqlParameter { Value = key });
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? new UserHome(reader.GetGuid(0), reader.IsDBNull(1) ? null : reader.GetGuid(1)) : null;
    }
}
