using Gherkin;

namespace InferenceBox.ReqnrollXunit;

/// <summary>A feature file that does not parse: reported as one failing test case naming file(line:col).</summary>
public sealed class GherkinParseFailure : Exception
{
    public GherkinParseFailure(string file, IReadOnlyList<ParserException> errors)
        : base(string.Join(Environment.NewLine, errors.Select(e => Describe(file, e)))) { }

    public GherkinParseFailure(string file, string problem) : base($"{file}(1:1): {problem}") { }

    private static string Describe(string file, ParserException error)
    {
        var where = error.Location is { } l ? $"({l.Line}:{l.Column})" : "";
        // The parser puts its own "(line:col): " in front of the message; keep only ours.
        var message = error.Message;
        var close = message.IndexOf("): ", StringComparison.Ordinal);
        if (message.StartsWith('(') && close > 0) message = message[(close + 3)..];
        return $"{file}{where}: {message}";
    }
}
