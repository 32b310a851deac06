using BenchmarkDotNet.Running;

// The shipped binary runs with TieredPGO off (RxLog.csproj); BenchmarkDotNet's generated host would not inherit that,
// so pass it as an environment variable unless the command line sets its own (--envVars DOTNET_TieredPGO:1 to compare).
if (!args.Any(a => a.Equals("--envVars", StringComparison.OrdinalIgnoreCase)))
{
    args = [.. args, "--envVars", "DOTNET_TieredPGO:0"];
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
