namespace InferenceBox.Specs.Support.Provisioning.Preflight;

/// <summary>Preflight refused the run: every problem, each with its fix.</summary>
public sealed class PreflightException(IReadOnlyList<string> problems)
    : Exception("Preflight failed:" + Environment.NewLine + string.Join(Environment.NewLine, problems.Select(p => "- " + p)))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
