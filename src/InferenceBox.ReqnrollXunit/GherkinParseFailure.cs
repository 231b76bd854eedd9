using Gherkin;

namespace InferenceBox.ReqnrollXunit;

/// <summary>A feature file that does not parse or fails Reqnroll's checks: reported as one failing test case naming file(line:col).</summary>
public sealed class GherkinParseFailure : Exception
{
    public GherkinParseFailure(string file, IReadOnlyList<ParserException> errors)
        : this(file, errors.Select(e => (Strip(e.Message), (long?)e.Location?.Line, (long?)e.Location?.Column)).ToList()) { }

    private GherkinParseFailure(string file, IReadOnlyList<(string Message, long? Line, long? Column)> problems)
        : base(string.Join(Environment.NewLine, problems.Select(p => $"{file}{(p.Line is null ? "" : $"({p.Line}:{p.Column})")}: {p.Message}")))
    {
        Problems = problems;
    }

    /// <summary>Each problem: Reqnroll's or the parser's message and where it is.</summary>
    public IReadOnlyList<(string Message, long? Line, long? Column)> Problems { get; }

    public override string? StackTrace => null;

    // The parser puts its own "(line:col): " in front of the message; keep only ours.
    private static string Strip(string message)
    {
        var close = message.IndexOf("): ", StringComparison.Ordinal);
        return message.StartsWith('(') && close > 0 ? message[(close + 3)..] : message;
    }
}
