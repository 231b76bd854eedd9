namespace InferenceBox.ReqnrollXunit.Tests;

/// <summary>
/// The Cucumber Compatibility Kit as the bridge's conformance suite: each sample of tests/ReqnrollXunit.Cck/Samples.txt is
/// run through the bridge (feature files as the npm package ships them, step definitions written in that project), and
/// the statuses of every test case's steps and hooks (and of the test-run hooks) must equal those of the kit's expected messages.
/// Samples left out, and why, are in tests/ReqnrollXunit.Cck/Excluded.md.
/// </summary>
public sealed class CompatibilityKitTests : IClassFixture<CompatibilityKitTests.KitRun>
{
    private static readonly string Project = Path.Combine(FixtureSuite.RepositoryRoot(), "tests", "ReqnrollXunit.Cck");
    private readonly KitRun _run;

    public CompatibilityKitTests(KitRun run) => _run = run;

    public static TheoryData<string> Samples => new(File.ReadAllLines(Path.Combine(Project, "Samples.txt")).Where(l => l.Trim().Length > 0));

    [Theory]
    [MemberData(nameof(Samples))]
    public void A_sample_gives_the_statuses_the_kit_expects(string sample)
    {
        var expectedFile = Directory.GetFiles(Path.Combine(Project, "node_modules", "@cucumber", "compatibility-kit", "features", sample), "*.ndjson").Single();
        var expected = CompatibilityKit.Read(expectedFile);
        var expectedCases = expected.Pickles[sample].Select(o => o.ToString()).ToList();
        var actualCases = _run.Outcomes.Pickles[sample].Select(o => o.ToString()).ToList();
        expectedCases.Should().NotBeEmpty();
        actualCases.Should().Equal(expectedCases);
        // Test-run hooks belong to the run, not to a feature: the kit project's only ones are global-hooks' (GlobalHooks
        // in tests/ReqnrollXunit.Cck), so they are compared for the sample that expects them.
        if (expected.TestRunHooks.Count > 0) _run.Outcomes.TestRunHooks.Should().Equal(expected.TestRunHooks);
    }

    /// <summary>Builds the kit project and runs it once with Reqnroll's message formatter on.</summary>
    public sealed class KitRun : IAsyncLifetime
    {
        private readonly string _work = Path.Combine(Path.GetTempPath(), "reqnroll-xunit-cck-" + Guid.NewGuid().ToString("N")[..8]);

        public CompatibilityKit.Outcomes Outcomes { get; private set; } = null!;

        public async ValueTask InitializeAsync()
        {
            Directory.CreateDirectory(_work);
            var project = Path.Combine(Project, "ReqnrollXunit.Cck.csproj");
            await FixtureSuite.BuildAsync(project);
            var messages = Path.Combine(_work, "messages.ndjson");
            await FixtureSuite.RunProjectAsync(project, _work, "cck",
                new Dictionary<string, string?> { ["REQNROLL_FORMATTERS_MESSAGE"] = $"outputFilePath={messages}" });
            Outcomes = CompatibilityKit.Read(messages);
        }

        public ValueTask DisposeAsync()
        {
            try { Directory.Delete(_work, recursive: true); } catch (IOException) { }
            return ValueTask.CompletedTask;
        }
    }
}
