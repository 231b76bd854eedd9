using InferenceBox.Platform.Run;

namespace InferenceBox.Platform.Provisioning.Preflight;

/// <summary>
/// Preflight refused the run: every problem, each with its fix. A known cause
/// (<see cref="IKnownCause"/>; the run hook hands it to the runner bridge): printed once, and every scenario reported not run.
/// </summary>
public sealed class PreflightException(IReadOnlyList<string> problems)
    : Exception("Preflight failed:" + Environment.NewLine + string.Join(Environment.NewLine, problems.Select(p => "- " + p))), IKnownCause
{
    public const string AttachCommand = "INFERENCEBOX_MODE=attach INFERENCEBOX_KUBE_CONTEXT=<context> dotnet test InferenceBox.Specs.csproj";

    public IReadOnlyList<string> Problems { get; } = problems;

    public string Cause => Message;

    public string Fix => "Each problem above says how to fix it; then run again." + Environment.NewLine +
                         "To test an existing cluster instead: " + AttachCommand;

    public override string? StackTrace => null;
}
