using Gherkin;
using Gherkin.CucumberMessages;
using Gherkin.CucumberMessages.Pickles;
using Io.Cucumber.Messages.Types;
using Reqnroll;
using Reqnroll.Formatters.RuntimeSupport;
using System.Collections.Concurrent;
using System.Globalization;

namespace InferenceBox.ReqnrollXunit;

/// <summary>
/// One feature file, parsed once per process by the Gherkin parser Reqnroll itself uses. Holds the single
/// <see cref="FeatureInfo"/> instance of the feature (the runtime compares them by reference) and its pickles.
/// </summary>
public sealed class ParsedFeature : IFeatureLevelCucumberMessages
{
    private static readonly ConcurrentDictionary<string, Lazy<ParsedFeature>> Cache = new();

    public string RelativePath { get; }
    public string Title { get; } = "";
    public GherkinParseFailure? ParseError { get; }
    public FeatureInfo? Info { get; }
    public IReadOnlyList<Pickle> PickleList { get; } = [];
    public Source Source { get; }
    public GherkinDocument GherkinDocument { get; } = null!;
    public IEnumerable<Pickle> Pickles => PickleList;
    public bool HasMessages => ParseError is null;
    private readonly GherkinAstIndex? _index;

    /// <summary>The feature at <paramref name="relativePath"/> (from the test assembly's folder), parsed once.</summary>
    public static ParsedFeature Get(string relativePath) =>
        Cache.GetOrAdd(relativePath, p => new Lazy<ParsedFeature>(() => new ParsedFeature(p))).Value;

    public static string BaseDirectory => Path.GetDirectoryName(typeof(ParsedFeature).Assembly.Location)!;

    private ParsedFeature(string relativePath)
    {
        RelativePath = relativePath.Replace('\\', '/');
        var text = File.ReadAllText(Path.Combine(BaseDirectory, RelativePath));
        Source = new Source(RelativePath, text, SourceMediaType.TEXT_X_CUCUMBER_GHERKIN_PLAIN);
        Gherkin.Ast.GherkinDocument ast;
        try
        {
            ast = new Parser().Parse(new StringReader(text));
        }
        catch (CompositeParserException e)
        {
            ParseError = new GherkinParseFailure(RelativePath, e.Errors.ToList());
            return;
        }
        catch (ParserException e)
        {
            ParseError = new GherkinParseFailure(RelativePath, [e]);
            return;
        }
        if (ast.Feature is null)
        {
            ParseError = new GherkinParseFailure(RelativePath, "the file has no Feature");
            return;
        }
        // GUID ids keep messages unique across all features of the run, as the formatters require.
        var ids = new GuidIdGenerator();
        GherkinDocument = new AstMessagesConverter(ids).ConvertGherkinDocumentToEventArgs(ast, RelativePath);
        PickleList = new PickleCompiler(ids).Compile(GherkinDocument);
        _index = new GherkinAstIndex(GherkinDocument);
        var feature = GherkinDocument.Feature;
        Title = feature.Name;
        Info = new FeatureInfo(
            CultureInfo.GetCultureInfo(string.IsNullOrEmpty(feature.Language) ? "en-US" : feature.Language),
            Path.GetDirectoryName(RelativePath)?.Replace('\\', '/') ?? "",
            feature.Name, feature.Description, ProgrammingLanguage.CSharp,
            feature.Tags.Select(t => t.Name.TrimStart('@')).ToArray(), this);
    }

    public GherkinAstIndex Index => _index ?? throw new InvalidOperationException(ParseError?.Message);
}
