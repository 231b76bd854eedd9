namespace InferenceBox.ReqnrollXunit.Tests;

/// <summary>reqnroll.json is honoured, and the project's feature items are found wherever they are.</summary>
[Collection(FixtureSuiteCollection.Name)]
public sealed class ConfigurationTests(FixtureSuite suite)
{
    [Fact]
    public async Task A_feature_without_a_language_line_is_read_in_the_language_of_reqnroll_json()
    {
        // The fixture's reqnroll.json says language.feature = de-DE (reqnroll/Reqnroll@v3.3.3:Reqnroll.Generator/TestGenerator.cs
        // parses with ReqnrollConfiguration.FeatureLanguage as the default dialect).
        var german = (await FullRun.Of(suite)).Case("Deutsch: Ein Zähler");
        german.Outcome.Should().Be("Passed", german.Message);
    }

    [Fact]
    public async Task A_feature_tagged_with_a_configured_non_parallelizable_tag_runs_alone_and_other_tags_do_not()
    {
        // generator.addNonParallelizableMarkerForTags = ["exclusive"]: such a feature is put in a collection that does
        // not run in parallel (reqnroll/Reqnroll@v3.3.3:Plugins/Reqnroll.xUnit3.Generator.ReqnrollPlugin/XUnit3TestGeneratorProvider.cs,
        // SetTestClassNonParallelizable), and xUnit runs such collections after the parallel ones, one at a time.
        var hooks = (await FullRun.Of(suite)).Hooks.ToList();
        var start = hooks.IndexOf("BeforeFeature Exclusive");
        start.Should().BePositive();
        hooks.Where(h => h.StartsWith("AfterFeature ") && h != "AfterFeature Exclusive")
            .Should().OnlyContain(h => hooks.IndexOf(h) < start, "every other feature has ended before the exclusive one starts");
    }

    [Fact]
    public async Task No_report_is_written_when_no_formatter_is_configured()
    {
        var started = DateTime.UtcNow.AddSeconds(-1);
        var run = await suite.RunAsync("no-formatter", null, "--filter", "Category=small");
        run.Names.Should().NotBeEmpty();
        ReportsWrittenSince(FixtureSuite.RepositoryRoot(), started).Should().BeEmpty("the fixture's reqnroll.json configures no formatter");
    }

    [Fact]
    public async Task A_configured_formatter_writes_where_it_is_told()
    {
        var run = await FullRun.Of(suite);
        File.ReadAllText(Path.Combine(FullRun.Reports(run), "messages.ndjson")).Should().Contain("\"testCaseFinished\"").And.Contain("Adding <amount>");
        File.ReadAllText(Path.Combine(FullRun.Reports(run), "report.html")).Should().Contain("Adding");
    }

    [Fact]
    public async Task A_feature_outside_the_Features_folder_is_found()
    {
        var elsewhere = (await FullRun.Of(suite)).Case("Elsewhere: Found anywhere in the project");
        elsewhere.Outcome.Should().Be("Passed", elsewhere.Message);
    }

    private static string[] ReportsWrittenSince(string folder, DateTime since) =>
        Directory.EnumerateFiles(folder, "*.*", SearchOption.AllDirectories)
            .Where(f => (f.EndsWith(".html") || f.EndsWith(".ndjson")) && !f.Contains("node_modules") && File.GetLastWriteTimeUtc(f) >= since)
            .ToArray();
}
