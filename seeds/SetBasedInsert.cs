using IntroProgram.Domain.Tenancy;
using IntroProgram.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;

namespace IntroProgram.Seeds;

/// <summary>
/// Inserts many rows of one entity with a single <c>INSERT … SELECT FROM unnest(arrays)</c>, on the context's own
/// connection and transaction, so the municipality set for row-level security checks every row as it would for
/// SaveChanges. Tables and columns come from the EF model, so a renamed column cannot be missed. (COPY would be faster
/// still, but PostgreSQL refuses COPY FROM into tables with row-level security.) For seeding only: no change tracking,
/// no interceptors beyond the connection's tenant.
/// </summary>
internal static class SetBasedInsert
{
    public static async Task<int> InsertAsync<T>(AppDbContext db, IReadOnlyCollection<T> rows, CancellationToken ct) where T : class, ITenantOwned
    {
        if (rows.Count == 0)
        {
            return 0;
        }
        var tenant = db.CurrentTenantId ?? throw new TenantMismatchException($"{typeof(T).Name} rows are inserted within a municipality.");
        if (rows.Any(r => r.TenantId != tenant))
        {
            throw new TenantMismatchException($"A {typeof(T).Name} of another municipality cannot be inserted here.");
        }

        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var columns = new List<string>();
        var arrays = new List<string>();
        var parameters = new List<NpgsqlParameter>();
        foreach (var property in entity.GetProperties())
        {
            if (property.IsShadowProperty() || property.ValueGenerated.HasFlag(ValueGenerated.OnUpdate))
            {
                continue;
            }
            var converter = property.GetTypeMapping().Converter;
            var providerType = converter?.ProviderClrType ?? property.ClrType;
            if (converter is not null && property.IsNullable && providerType.IsValueType && Nullable.GetUnderlyingType(providerType) is null)
            {
                providerType = typeof(Nullable<>).MakeGenericType(providerType);
            }
            var values = Array.CreateInstance(providerType, rows.Count);
            var getter = property.GetGetter();
            var i = 0;
            foreach (var row in rows)
            {
                var value = getter.GetClrValue(row);
                values.SetValue(value is not null && converter is not null ? converter.ConvertToProvider(value) : value, i++);
            }
            var name = "p" + parameters.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
            columns.Add(Quote(property.GetColumnName(table)!));
            arrays.Add($"@{name}::{property.GetRelationalTypeMapping().StoreType}[]");
            parameters.Add(new NpgsqlParameter(name, values));
        }
        var sql = $"INSERT INTO {Quote(table.Name)} ({string.Join(", ", columns)}) SELECT * FROM unnest({string.Join(", ", arrays)})";
        return await db.Database.ExecuteSqlRawAsync(sql, parameters, ct);
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
