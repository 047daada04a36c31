using IntroProgram.Infrastructure;
using IntroProgram.Infrastructure.Data;
using IntroProgram.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace IntroProgram.Migrations;

/// <summary>Used only by `dotnet ef migrations add`; no database is contacted to add a migration.</summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext(string[] args)
    {
        var connection = Environment.GetEnvironmentVariable("ConnectionStrings__Owner")
            ?? "Host=127.0.0.1;Database=introprogram;Username=introprogram_owner";
        var options = DependencyInjection.ConfigureDbContext(new DbContextOptionsBuilder<AppDbContext>(), connection);
        return new AppDbContext((DbContextOptions<AppDbContext>)options.Options, new TenantContext());
    }
}
