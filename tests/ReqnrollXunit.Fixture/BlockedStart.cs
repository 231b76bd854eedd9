using InferenceBox.ReqnrollXunit;
using Reqnroll;

namespace ReqnrollXunit.Fixture;

/// <summary>A run that cannot start for a known reason, the way a suite's preflight refuses a run (FIXTURE_BLOCK_START=1).</summary>
[Binding]
public sealed class BlockedStart
{
    [BeforeTestRun]
    public static void RefuseWhenAsked()
    {
        if (Environment.GetEnvironmentVariable("FIXTURE_BLOCK_START") == "1")
            throw new FixtureCannotStart();
    }
}

public sealed class FixtureCannotStart() : Exception("The fixture's engine is not reachable."), IRunStartFailure
{
    public string Cause => "The fixture's engine is not reachable.";

    public string Fix => "Start the engine, or unset FIXTURE_BLOCK_START.";
}
