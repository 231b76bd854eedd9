using System.Xml.Linq;
using CliWrap;
using CliWrap.Buffered;

namespace InferenceBox.ReqnrollXunit.Tests;

/// <summary>One result of a fixture run, read from its TRX file (a test may have more than one: a class cleanup
/// failure is reported as an extra failed result of each of the class's tests).</summary>
public sealed record CaseResult(string Name, string ClassName, string MethodName, string Outcome, string Message, string Output);

/// <summary>A finished `dotnet test` of a fixture project: its results, the hooks it fired, what it printed.</summary>
public sealed record FixtureRun(IReadOnlyList<CaseResult> Results, IReadOnlyList<string> Hooks, string ConsoleOutput, int ExitCode, string WorkDir)
{
    /// <summary>The one result of the test named <paramref name="name"/>.</summary>
    public CaseResult Case(string name) => Results.Where(c => c.Name == name).ToList() switch
    {
        [var only] => only,
        [] => throw new InvalidOperationException($"No case named '{name}'. Cases: {string.Join(" | ", Results.Select(c => c.Name))}"),
        var many => throw new InvalidOperationException($"{many.Count} results named '{name}': {string.Join(" | ", many.Select(c => c.Outcome + " " + c.Message))}"),
    };

    public IReadOnlyList<CaseResult> All(string name) => Results.Where(c => c.Name == name).ToList();

    public IEnumerable<string> Names => Results.Select(c => c.Name).Distinct();
}

/// <summary>One build of the fixture project, shared by every class that runs it (two builds at once would collide).</summary>
[CollectionDefinition(Name)]
public sealed class FixtureSuiteCollection : ICollectionFixture<FixtureSuite>
{
    public const string Name = "bridge fixture suite";
}

/// <summary>Builds tests/ReqnrollXunit.Fixture once and runs it the way a user would, with `dotnet test` and a TRX logger.</summary>
public sealed class FixtureSuite : IAsyncLifetime
{
    private static readonly XNamespace Trx = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";
    private readonly string _project = Path.Combine(RepositoryRoot(), "tests", "ReqnrollXunit.Fixture", "ReqnrollXunit.Fixture.csproj");
    private readonly string _work = Path.Combine(Path.GetTempPath(), "reqnroll-xunit-fixture-" + Guid.NewGuid().ToString("N")[..8]);

    public string ProjectDirectory => Path.GetDirectoryName(_project)!;

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_work);
        await BuildAsync(_project);
    }

    public static async Task BuildAsync(string project)
    {
        var build = await Dotnet(["build", project, "-nologo", "-v", "q", "-c", Configuration], new Dictionary<string, string?>());
        if (build.ExitCode != 0) throw new InvalidOperationException($"Building {project} failed:\n{build.StandardOutput}\n{build.StandardError}");
    }

    /// <summary>Runs the fixture; <paramref name="environment"/> adds variables (null removes one).</summary>
    public Task<FixtureRun> RunAsync(string label, IReadOnlyDictionary<string, string?>? environment = null, params string[] extraArguments) =>
        RunProjectAsync(_project, _work, label, environment, extraArguments);

    public static async Task<FixtureRun> RunProjectAsync(string project, string work, string label,
        IReadOnlyDictionary<string, string?>? environment, params string[] extraArguments)
    {
        var trx = Path.Combine(work, label + ".trx");
        var hooks = Path.Combine(work, label + ".hooks.log");
        var env = new Dictionary<string, string?>(environment ?? new Dictionary<string, string?>())
        {
            ["FIXTURE_HOOK_LOG"] = hooks,
        };
        var result = await Dotnet(["test", project, "--no-build", "-c", Configuration, "--logger", $"trx;LogFileName={trx}",
            "--logger", "console;verbosity=normal", .. extraArguments], env);
        var cases = File.Exists(trx) ? ReadTrx(trx) : [];
        var fired = File.Exists(hooks) ? File.ReadAllLines(hooks) : [];
        return new FixtureRun(cases, fired, result.StandardOutput + result.StandardError, result.ExitCode, work);
    }

    public async Task<string> ListAsync()
    {
        var result = await Dotnet(["test", _project, "--no-build", "-c", Configuration, "--list-tests"], new Dictionary<string, string?>());
        return result.StandardOutput;
    }

    public string NewFolder(string label)
    {
        var folder = Path.Combine(_work, label);
        Directory.CreateDirectory(folder);
        return folder;
    }

    private static IReadOnlyList<CaseResult> ReadTrx(string path)
    {
        var document = XDocument.Load(path);
        var methods = document.Descendants(Trx + "UnitTest").ToDictionary(
            t => (string)t.Attribute("id")!,
            t => t.Element(Trx + "TestMethod") is { } m ? ((string)m.Attribute("className")!, (string)m.Attribute("name")!) : ("", ""));
        return document.Descendants(Trx + "UnitTestResult").Select(r =>
        {
            var (className, methodName) = methods.GetValueOrDefault((string)r.Attribute("testId")!, ("", ""));
            return new CaseResult((string)r.Attribute("testName")!, className, methodName, (string)r.Attribute("outcome")!,
                r.Descendants(Trx + "Message").FirstOrDefault()?.Value ?? "",
                r.Descendants(Trx + "StdOut").FirstOrDefault()?.Value ?? "");
        }).ToList();
    }

    /// <summary>The configuration this test assembly was built in; the fixture is built and run in the same.</summary>
    public static string Configuration =>
#if DEBUG
        "Debug";
#else
        "Release";
#endif

    private static Task<BufferedCommandResult> Dotnet(string[] arguments, IReadOnlyDictionary<string, string?> environment)
    {
        var env = new Dictionary<string, string?>
        {
            ["FIXTURE_DRY_RUN"] = null,
            ["FIXTURE_BLOCK_START"] = null,
            ["REQNROLL_FORMATTERS"] = null,
            ["REQNROLL_FORMATTERS_HTML"] = null,
            ["REQNROLL_FORMATTERS_MESSAGE"] = null,
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["REQNROLL_TELEMETRY_ENABLED"] = "0",
        };
        foreach (var (name, value) in environment) env[name] = value;
        return Cli.Wrap("dotnet").WithArguments(arguments).WithEnvironmentVariables(env)
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync(TestContext.Current.CancellationToken);
    }

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "InferenceBox.Specs.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException($"No folder above {AppContext.BaseDirectory} holds InferenceBox.Specs.sln.");
    }

    public ValueTask DisposeAsync()
    {
        try { Directory.Delete(_work, recursive: true); } catch (IOException) { }
        return ValueTask.CompletedTask;
    }
}

/// <summary>The full run of the fixture (every feature, Reqnroll's HTML and message formatters on), done once and shared.</summary>
public static class FullRun
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static FixtureRun? _run;

    public static async Task<FixtureRun> Of(FixtureSuite suite)
    {
        await Gate.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            if (_run is not null) return _run;
            var reports = suite.NewFolder("full-reports");
            return _run = await suite.RunAsync("full", new Dictionary<string, string?>
            {
                ["REQNROLL_FORMATTERS_HTML"] = $"outputFilePath={Path.Combine(reports, "report.html")}",
                ["REQNROLL_FORMATTERS_MESSAGE"] = $"outputFilePath={Path.Combine(reports, "messages.ndjson")}",
            });
        }
        finally { Gate.Release(); }
    }

    public static string Reports(FixtureRun run) => Path.Combine(run.WorkDir, "full-reports");
}
