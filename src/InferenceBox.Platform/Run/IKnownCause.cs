namespace InferenceBox.Platform.Run;

/// <summary>
/// A failure with a known cause the user can fix (an invalid setting, preflight's problems, no CA to trust, a refused
/// rehearsal): its cause and its fix, meant to be printed once, without a stack trace. The platform says only this; who
/// runs it decides how to show it (the command line prints the two; the specs' run hook hands them to the runner bridge).
/// </summary>
public interface IKnownCause
{
    /// <summary>What is wrong, in one or a few lines.</summary>
    string Cause { get; }

    /// <summary>What to do about it: the fix, and any other way to run.</summary>
    string Fix { get; }
}
