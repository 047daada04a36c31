using IntroProgram.Domain.Participants;
using IntroProgram.Domain.Programme;
using Npgsql;
using NpgsqlTypes;

namespace IntroProgram.Infrastructure.Participants;

/// <summary>
/// Which active municipalities have a participant with a national id, for ID-porten sign-in, before anyone is signed in.
/// The lookup hash is keyed per municipality, so the id is hashed once for each municipality and the database
/// function app_find_participant_homes looks in each with that municipality bound: no municipality's rows are read
/// outside its own row-level security, and the answer holds no more than the municipality, the record id and what
/// <see cref="ParticipantHomes.Current"/> needs.
/// </summary>
public sealed class ParticipantHomeFinder(NpgsqlDataSource database, NationalIdProtector protector)
{
    public async Task<IReadOnlyList<ParticipantHome>> FindAsync(NationalId id, CancellationToken ct = default)
    {
        var tenants = new List<Guid>();
        await using (var list = database.CreateCommand("SELECT id FROM municipalities WHERE is_active ORDER BY id"))
        await using (var reader = await list.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                tenants.Add(reader.GetGuid(0));
            }
        }
        if (tenants.Count == 0)
        {
            return [];
        }
        var hashes = tenants.Select(t => protector.Hash(t, id)).ToArray();
        await using var command = database.CreateCommand(
            "SELECT tenant_id, participant_id, status, programme_start FROM app_find_participant_homes($1, $2)");
        command.Parameters.Add(new NpgsqlParameter { Value = tenants.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
        command.Parameters.Add(new NpgsqlParameter { Value = hashes, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea });
        var homes = new List<ParticipantHome>();
        await using var rows = await command.ExecuteReaderAsync(ct);
        while (await rows.ReadAsync(ct))
        {
            homes.Add(new ParticipantHome(rows.GetGuid(0), rows.GetGuid(1), (ParticipantStatus)rows.GetInt32(2),
                rows.IsDBNull(3) ? null : rows.GetFieldValue<DateOnly>(3)));
        }
        return homes;
    }
}
