using IntroProgram.Web.Hosting;

namespace IntroProgram.Web.Tests.Seeds;

/// <summary>
/// The benchmark's code lives in bench/ (the tool and the synthetic generator), not in the assemblies the production
/// image publishes: the web app, and the seeds it carries for the demo.
/// </summary>
public sealed class NoBenchmarkCodeInProductTests
{
    [Fact]
    public void The_published_assemblies_hold_no_benchmark_types_or_commands()
    {
        var product = new[] { typeof(ProductApp).Assembly, typeof(IntroProgram.Seeds.DemoSeeder).Assembly };
        var benchmarkTypes = product.SelectMany(a => a.GetTypes())
            .Where(t => t.FullName!.Contains("Bench", StringComparison.OrdinalIgnoreCase) || t.FullName!.Contains("Synthetic", StringComparison.Ordinal)
                && !t.FullName!.Contains("SyntheticNationalIds", StringComparison.Ordinal))
            .Select(t => t.FullName).ToList();
        Assert.Empty(benchmarkTypes);
        Assert.DoesNotContain(Commands.Names, n => n.StartsWith("bench", StringComparison.Ordinal));
        Assert.DoesNotContain(product, a => a.GetReferencedAssemblies().Any(r => r.Name!.StartsWith("IntroProgram.Bench", StringComparison.Ordinal)));
    }
}
