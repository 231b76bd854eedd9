using InferenceBox.ReqnrollXunit;
using InferenceBox.Platform.Run;

namespace InferenceBox.Specs.Hooks;

/// <summary>
/// The one place a platform failure with a known cause (<see cref="IKnownCause"/>) becomes the runner bridge's
/// <see cref="IRunStartFailure"/>: the bridge prints its cause and fix once and reports every scenario not run. The
/// platform library does not know the bridge, so the run hook wraps what it throws here.
/// </summary>
public sealed class KnownRunStartFailure(IKnownCause known, Exception inner) : Exception(inner.Message, inner), IRunStartFailure
{
    public string Cause => known.Cause;

    public string Fix => known.Fix;

    public override string? StackTrace => null;
}
