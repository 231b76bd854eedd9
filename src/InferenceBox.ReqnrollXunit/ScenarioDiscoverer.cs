using Reqnroll.Tracing;
using Xunit.Sdk;
using Xunit.v3;

namespace InferenceBox.ReqnrollXunit;

/// <summary>
/// Turns the feature files of the test project into xUnit test cases, as the official generator turns them into test
/// code (reqnroll/Reqnroll@v3.3.3:Reqnroll.Generator/Generation/UnitTestMethodGenerator.cs with the xUnit v3 provider,
/// Plugins/Reqnroll.xUnit3.Generator.ReqnrollPlugin/XUnit3TestGeneratorProvider.cs): one class per feature, one method
/// per scenario or outline, one case per scenario and per outline row (rows of an @ignore'd Examples block are not
/// generated), traits FeatureTitle, Description and Category (every tag, examples tags included). Display names stay
/// "Feature: Scenario [example values]". A feature file that does not parse, or fails Reqnroll's semantic checks,
/// becomes one failing case naming file(line:col).
/// </summary>
public sealed class ScenarioDiscoverer : IXunitTestCaseDiscoverer
{
    public const string NonParallelizableCollection = "ReqnrollNonParallelizableFeatures";

    public ValueTask<IReadOnlyCollection<IXunitTestCase>> Discover(
        ITestFrameworkDiscoveryOptions discoveryOptions, IXunitTestMethod testMethod, IFactAttribute factAttribute)
    {
        var assembly = testMethod.TestClass.Class.Assembly;
        var settings = BridgeSettings.For(assembly);
        var cases = new List<IXunitTestCase>();
        XunitTestCollection? shared = null;
        foreach (var file in FeatureFiles.Of(assembly))
        {
            var feature = ParsedFeature.Get(assembly, file);
            if (feature.Info is null && feature.ParseError is null) continue; // no Feature: Reqnroll generates nothing
            var nonParallel = feature.Info is { } info && settings.IsNonParallelizable(info.Tags);
            var collection = nonParallel
                ? shared ??= new XunitTestCollection(testMethod.TestClass.TestCollection.TestAssembly, null, true,
                    NonParallelizableCollection, TestIds.Of("collection", NonParallelizableCollection))
                : new XunitTestCollection(testMethod.TestClass.TestCollection.TestAssembly, null, false,
                    $"Feature: {feature.Title}", TestIds.Of("collection", file));
            var testClass = new FeatureTestClass(testMethod.TestClass.Class, collection, ClassName(settings, feature), file);
            cases.AddRange(CasesOf(feature, testClass, testMethod, settings));
        }
        return new(cases);
    }

    private static IEnumerable<IXunitTestCase> CasesOf(ParsedFeature feature, FeatureTestClass testClass, IXunitTestMethod entry, BridgeSettings settings)
    {
        if (feature.ParseError is not null)
        {
            var method = new ScenarioTestMethod(testClass, entry.Method, "GherkinParseError", 0);
            yield return ScenarioTestCase.Create(method, feature, -1, $"{feature.RelativePath}: Gherkin parse error", null,
                Traits(feature.RelativePath, "Gherkin parse error", ["parse-error"]), 1, settings);
            yield break;
        }
        var methods = new Dictionary<string, ScenarioTestMethod>();
        var featureIgnored = HasIgnoreTag(feature.Info!.Tags);
        for (var index = 0; index < feature.PickleList.Count; index++)
        {
            var pickle = feature.PickleList[index];
            var scenario = feature.Index.ScenarioOf(pickle);
            var example = feature.Index.ExampleOf(pickle);
            if (example is { } row && HasIgnoreTag(row.Examples.Tags.Select(t => t.Name.TrimStart('@')))) continue;
            if (!methods.TryGetValue(scenario.Id, out var method))
                methods[scenario.Id] = method = new ScenarioTestMethod(testClass, entry.Method, scenario.Name.ToIdentifier(), index);
            var tags = pickle.Tags.Select(t => t.Name.TrimStart('@')).ToList();
            var name = $"{feature.Title}: {pickle.Name}" + (example is { } e ? $" [{string.Join(", ", e.Cells.Select(c => c.Value))}]" : "");
            var ignored = featureIgnored || HasIgnoreTag(tags) ? "Ignored" : null;
            yield return ScenarioTestCase.Create(method, feature, index, name, ignored,
                Traits(feature.Title, scenario.Name, tags), feature.Index.LineOf(pickle), settings);
        }
    }

    /// <summary>TagHelper.ContainsIgnoreTag / UnitTestMethodGenerator: "@Ignore", compared ignoring case.</summary>
    public static bool HasIgnoreTag(IEnumerable<string> tags) =>
        tags.Any(t => string.Equals(t.TrimStart('@'), "ignore", StringComparison.InvariantCultureIgnoreCase));

    private static Dictionary<string, HashSet<string>> Traits(string featureTitle, string description, IEnumerable<string> categories) => new()
    {
        ["FeatureTitle"] = [featureTitle],
        ["Description"] = [description],
        ["Category"] = categories.ToHashSet(StringComparer.Ordinal),
    };

    /// <summary>Namespace from the root namespace and the folder (TestGenerator.GetTargetNamespace), class "{Feature}Feature".</summary>
    private static string ClassName(BridgeSettings settings, ParsedFeature feature)
    {
        var folder = Path.GetDirectoryName(feature.RelativePath)?.Replace('\\', '/') ?? "";
        var parts = folder.TrimStart('/', '.').Split('/', StringSplitOptions.RemoveEmptyEntries).Select(p => p.ToIdentifier());
        var ns = string.Join(".", new[] { settings.RootNamespace }.Concat(parts));
        var title = feature.ParseError is null ? feature.Title : Path.GetFileNameWithoutExtension(feature.RelativePath);
        return $"{ns}.{title.ToIdentifier()}Feature";
    }
}
