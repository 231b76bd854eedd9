using System.Security.Cryptography;
using System.Text;
using Xunit.Sdk;
using Xunit.v3;

namespace InferenceBox.ReqnrollXunit;

/// <summary>
/// Turns every pickle of every feature file into one xUnit test case: one per scenario and per Scenario
/// Outline example row, named "Feature: Scenario [example values]", with Category traits from all tags,
/// skipped for @ignore, and one test collection per feature (features in parallel, scenarios in sequence).
/// </summary>
public sealed class ScenarioDiscoverer : IXunitTestCaseDiscoverer
{
    public const string FeaturesFolder = "Features";
    public const string SerialTag = "serial";

    public ValueTask<IReadOnlyCollection<IXunitTestCase>> Discover(
        ITestFrameworkDiscoveryOptions discoveryOptions, IXunitTestMethod testMethod, IFactAttribute factAttribute)
    {
        var root = ParsedFeature.BaseDirectory;
        var folder = Path.Combine(root, FeaturesFolder);
        var files = Directory.Exists(folder)
            ? Directory.GetFiles(folder, "*.feature", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            : Enumerable.Empty<string>();
        var cases = new List<IXunitTestCase>();
        foreach (var file in files)
            cases.AddRange(CasesOf(ParsedFeature.Get(Path.GetRelativePath(root, file)), testMethod));
        return new(cases);
    }

    private static IEnumerable<IXunitTestCase> CasesOf(ParsedFeature feature, IXunitTestMethod template)
    {
        var assembly = template.TestClass.TestCollection.TestAssembly;
        var title = feature.ParseError is null ? feature.Title : feature.RelativePath;
        // A feature tagged @serial shares something with others (a model, a quota): it runs alone.
        var serial = feature.Info?.Tags.Contains(SerialTag) == true;
        var collection = new XunitTestCollection(assembly, null, serial, $"Feature: {title}", Id("collection", feature.RelativePath));
        var testClass = new XunitTestClass(template.TestClass.Class, collection, Id("class", feature.RelativePath));
        // One test method per feature: xUnit v3 orders test cases within a method, so this keeps file order.
        var method = new XunitTestMethod(testClass, template.Method, [], Id("method", feature.RelativePath));

        if (feature.ParseError is not null)
        {
            yield return Case(method, feature, -1, $"{feature.RelativePath}: Gherkin parse error", null,
                new() { ["Category"] = ["parse-error"] }, 1);
            yield break;
        }
        for (var index = 0; index < feature.PickleList.Count; index++)
        {
            var pickle = feature.PickleList[index];
            var tags = pickle.Tags.Select(t => t.Name.TrimStart('@')).ToHashSet(StringComparer.Ordinal);
            var example = feature.Index.ExampleOf(pickle);
            var name = $"{feature.Title}: {pickle.Name}" +
                       (example is { } e ? $" [{string.Join(", ", e.Cells.Select(c => c.Value))}]" : "");
            var skip = tags.Contains("ignore") ? "Tagged @ignore" : null;
            yield return Case(method, feature, index, name, skip,
                new() { ["Category"] = tags }, feature.Index.LineOf(pickle));
        }
    }

    private static XunitTestCase Case(XunitTestMethod method, ParsedFeature feature,
        int pickleIndex, string name, string? skip, Dictionary<string, HashSet<string>> traits, int line)
    {
        object?[] arguments = [feature.RelativePath, pickleIndex];
        var key = $"{feature.RelativePath}#{pickleIndex}";
        return new XunitTestCase(method, name, Id("case", key), @explicit: false, skipReason: skip, traits: traits,
            testMethodArguments: arguments, sourceFilePath: Path.Combine(ParsedFeature.BaseDirectory, feature.RelativePath),
            sourceLineNumber: line);
    }

    private static string Id(string kind, string key) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"inferencebox:{kind}:{key}")))[..32];
}
