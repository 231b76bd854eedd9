using Reqnroll;
using Reqnroll.UnitTestProvider;

namespace ReqnrollXunit.Fixture;

/// <summary>A hook that skips its scenario at run time with a reason, as the suite does for opt-in profiles.</summary>
[Binding]
public sealed class SkipHook(IUnitTestRuntimeProvider runtime)
{
    [BeforeScenario("skipped-by-hook")]
    public void Skip() => runtime.TestIgnore("skipped at run time: needs the full profile");
}
