using Npgsql;

namespace IntroProgram.Web.Tests.Support;

/// <summary>
/// A throw-away database on the local PostgreSQL that ./build.sh test starts, created fresh for one test project run.
/// </summary>
public static class TestDatabase
{
    public static (string Owner, string App) Create(string name)
    {
        var owner = Environment.GetEnvironmentVariable("ConnectionStrings__Owner");
        var app = Environment.GetEnvironmentVariable("ConnectionStrings__App");
        if (string.IsNullOrEmpty(owner) || string.IsNullOrEmpty(app))
        {
            throw new InvalidOperationException(
                "ConnectionStrings__Owner and ConnectionStrings__App are not set: run the tests with ./build.sh test.");
        }
        using (var connection = new NpgsqlConnection(owner))
        {
            connection.Open();
            using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
            drop.ExecuteNonQuery();
            using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            create.ExecuteNonQuery();
        }
        return (
            new NpgsqlConnectionStringBuilder(owner) { Database = name, Pooling = false }.ConnectionString,
            new NpgsqlConnectionStringBuilder(app) { Database = name }.ConnectionString);
    }
}
