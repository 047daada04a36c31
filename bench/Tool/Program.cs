using IntroProgram.Bench;
using IntroProgram.Web.Hosting;

// The product's services and settings (ProductApp), driven by benchmark commands that are not part of the product:
//   bench-data [scale] [seed]      load the synthetic municipalities of one scale
//   bench-risk [scale] [seed]      time the risk evaluation over them
//   bench-certificates [count]     time certificate rendering and issuing
// Run from src/Web (its settings and texts), as `./build.sh bench` does.
string[] names = ["bench-data", "bench-risk", "bench-certificates"];
if (args.Length == 0 || !names.Contains(args[0]))
{
    Console.Error.WriteLine($"Usage: IntroProgram.BenchTool {string.Join(" | ", names)} [arguments]");
    return 2;
}
var app = ProductApp.Build(args);
return args[0] switch
{
    "bench-data" => await BenchmarkCommands.DataAsync(args, app),
    "bench-risk" => await BenchmarkCommands.RiskAsync(args, app),
    _ => await CertificateBenchmark.RunAsync(args, app),
};
