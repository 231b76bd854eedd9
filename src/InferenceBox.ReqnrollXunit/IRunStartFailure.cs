namespace InferenceBox.ReqnrollXunit;

/// <summary>
/// Marks an exception a [BeforeTestRun] hook throws for a known reason the user can fix (no container engine, an
/// invalid setting). The bridge prints its cause and fix once, in one block, without a stack trace, and reports every
/// scenario as not run instead of failing each with the same error.
/// </summary>
public interface IRunStartFailure
{
    /// <summary>What is wrong, in one or a few lines.</summary>
    string Cause { get; }

    /// <summary>What to do about it: the fix, and any other way to run (e.g. the command that attaches elsewhere).</summary>
    string Fix { get; }
}
