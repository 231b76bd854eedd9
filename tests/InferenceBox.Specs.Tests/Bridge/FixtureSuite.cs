using System.Xml.Linq;
using CliWrap;
using CliWrap.Buffered;
using InferenceBox.Specs.Support.Run;

namespace InferenceBox.Specs.Tests.Bridge;

/// <summary>One result of a fixture run, read from its TRX file.</summary>
public sealed record CaseResult(string Name, string Outcome, string Message, string Output);

/// <summary>A finished `dotnet test` of the bridge fixture suite: its cases and the hooks it fired.</summary>
public sealed record FixtureRun(IReadOnlyList<CaseResult> Cases, IReadOnlyList<string> Hooks, string ConsoleOutput, string ResultsDir)
{
    public CaseResult Case(string name) => Cases.SingleOrDefault(c => c.Name == name)
        ?? throw new InvalidOperationException($"No case named '{name}'. Cases: {string.Join(" | ", Cases.Select(c => c.Name))}");
}

/// <summary>One build of the fixture suite, shared by every class that runs it (two builds at once would collide).</summary>
[CollectionDefinition(Name)]
public sealed class FixtureSuiteCollection : ICollectionFixture<FixtureSuite>
{
    public const string Name = "bridge fixture suite";
}

/// <summary>
/// Builds tests/BridgeFixture once and runs it the way a user would, with `dotnet test` and a TRX logger.
/// </summary>
public sealed class FixtureSuite : IAsyncLifetime
{
    private static readonly XNamespace Trx = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";
    private readonly string _project = Path.Combine(RunPaths.RepositoryRoot(), "tests", "BridgeFixture", "BridgeFixture.csproj");
    private readonly string _work = Path.Combine(Path.GetTempPath(), "bridge-fixture-" + Guid.NewGuid().ToString("N")[..8]);

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_work);
        var build = await Dotnet(["build", _project, "-nologo", "-v", "q"], new Dictionary<string, string?>());
        if (build.ExitCode != 0) throw new InvalidOperationException($"Building the bridge fixture failed:\n{build.StandardOutput}\n{build.StandardError}");
    }

    public async Task<FixtureRun> RunAsync(string label, IReadOnlyDictionary<string, string?>? environment = null, params string[] extraArguments)
    {
        var trx = Path.Combine(_work, label + ".trx");
        var hooks = Path.Combine(_work, label + ".hooks.log");
        var results = Path.Combine(_work, label + "-results");
        var env = new Dictionary<string, string?>(environment ?? new Dictionary<string, string?>())
        {
            ["BRIDGE_FIXTURE_HOOK_LOG"] = hooks,
            ["INFERENCEBOX_RESULTS_DIR"] = results,
        };
        var result = await Dotnet(["test", _project, "--no-build", "--logger", $"trx;LogFileName={trx}", .. extraArguments], env);
        var cases = File.Exists(trx) ? ReadTrx(trx) : [];
        var fired = File.Exists(hooks) ? File.ReadAllLines(hooks) : [];
        return new FixtureRun(cases, fired, result.StandardOutput + result.StandardError, results);
    }

    public async Task<string> ListAsync()
    {
        var result = await Dotnet(["test", _project, "--no-build", "--list-tests"], new Dictionary<string, string?>());
        return result.StandardOutput;
    }

    private static IReadOnlyList<CaseResult> ReadTrx(string path) =>
        XDocument.Load(path).Descendants(Trx + "UnitTestResult").Select(r => new CaseResult(
            (string)r.Attribute("testName")!, (string)r.Attribute("outcome")!,
            r.Descendants(Trx + "Message").FirstOrDefault()?.Value ?? "",
            r.Descendants(Trx + "StdOut").FirstOrDefault()?.Value ?? "")).ToList();

    private static Task<BufferedCommandResult> Dotnet(string[] arguments, IReadOnlyDictionary<string, string?> environment)
    {
        var env = new Dictionary<string, string?>(environment)
        {
            ["INFERENCEBOX_DRY_RUN"] = environment.GetValueOrDefault("INFERENCEBOX_DRY_RUN"),
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["REQNROLL_TELEMETRY_ENABLED"] = "0",
        };
        return Cli.Wrap("dotnet").WithArguments(arguments).WithEnvironmentVariables(env)
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync(TestContext.Current.CancellationToken);
    }

    public ValueTask DisposeAsync()
    {
        try { Directory.Delete(_work, recursive: true); } catch (IOException) { }
        return ValueTask.CompletedTask;
    }
}
