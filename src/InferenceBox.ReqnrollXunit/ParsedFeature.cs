using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using Gherkin;
using Gherkin.CucumberMessages;
using Gherkin.CucumberMessages.Pickles;
using Io.Cucumber.Messages.Types;
using Reqnroll;
using Reqnroll.Formatters.RuntimeSupport;
using Reqnroll.Parser;

namespace InferenceBox.ReqnrollXunit;

/// <summary>
/// One feature file, parsed once per process by the Gherkin parser Reqnroll uses, in the default language of
/// reqnroll.json (reqnroll/Reqnroll@v3.3.3:Reqnroll.Generator/TestGenerator.cs, ParseReqnrollDocument), and checked
/// as Reqnroll checks it. Holds the one <see cref="FeatureInfo"/> of the feature (the runtime compares them by
/// reference) and its pickles. A file without a Feature has no scenarios, as Reqnroll generates nothing for it.
/// </summary>
public sealed class ParsedFeature : IFeatureLevelCucumberMessages
{
    private static readonly ConcurrentDictionary<(Assembly, string), Lazy<ParsedFeature>> Cache = new();
    private readonly GherkinAstIndex? _index;

    public string RelativePath { get; }
    public string Title { get; } = "";
    public GherkinParseFailure? ParseError { get; }
    public FeatureInfo? Info { get; }
    public IReadOnlyList<Pickle> PickleList { get; } = [];
    public Source Source { get; }
    public GherkinDocument GherkinDocument { get; } = null!;
    public IEnumerable<Pickle> Pickles => PickleList;
    public bool HasMessages => Info is not null;

    public static ParsedFeature Get(Assembly testAssembly, string relativePath) =>
        Cache.GetOrAdd((testAssembly, relativePath), key => new Lazy<ParsedFeature>(() => new ParsedFeature(key.Item1, key.Item2))).Value;

    private ParsedFeature(Assembly testAssembly, string relativePath)
    {
        RelativePath = relativePath;
        var text = FeatureFiles.Read(testAssembly, relativePath);
        Source = new Source(RelativePath, text, SourceMediaType.TEXT_X_CUCUMBER_GHERKIN_PLAIN);
        var language = BridgeSettings.For(testAssembly).Reqnroll.FeatureLanguage.Name;
        Gherkin.Ast.GherkinDocument ast;
        try
        {
            ast = new Parser().Parse(new TokenScanner(new StringReader(text)), new TokenMatcher(new ReqnrollGherkinDialectProvider(language)));
        }
        catch (CompositeParserException e) { ParseError = new GherkinParseFailure(RelativePath, e.Errors.ToList()); return; }
        catch (ParserException e) { ParseError = new GherkinParseFailure(RelativePath, [e]); return; }
        if (ast.Feature is null) return;
        if (SemanticChecks.Of(ast.Feature) is { Count: > 0 } semantic)
        {
            ParseError = new GherkinParseFailure(RelativePath, semantic);
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
            CultureInfo.GetCultureInfo(string.IsNullOrEmpty(feature.Language) ? language : feature.Language),
            Path.GetDirectoryName(RelativePath)?.Replace('\\', '/') ?? "",
            feature.Name, feature.Description, ProgrammingLanguage.CSharp,
            feature.Tags.Select(t => t.Name.TrimStart('@')).ToArray(), this);
    }

    public GherkinAstIndex Index => _index ?? throw new InvalidOperationException(ParseError?.Message ?? $"{RelativePath} has no feature");
}
