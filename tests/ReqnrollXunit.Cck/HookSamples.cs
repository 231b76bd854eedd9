using Reqnroll;
using Reqnroll.UnitTestProvider;

namespace ReqnrollXunit.Cck;

// Step definitions and hooks for the Compatibility Kit's hook samples, written for Reqnroll from each sample's .ts file.
// A tag on a hook attribute is OR-ed with a class-level [Scope] (reqnroll/Reqnroll@v3.3.3:Reqnroll/Bindings/Discovery/
// BindingSourceProcessor.cs, ProcessHookAttribute: each scope is a binding of its own), so a hook limited to a tag AND a
// feature carries one method-level [Scope] with both.

[Binding, Scope(Feature = "Hooks - Attachments")]
public sealed class HooksAttachmentSteps(IReqnrollOutputHelper output)
{
    [BeforeScenario] public void Before() => output.AddAttachment(KitFiles.Of("hooks-attachment", "cucumber.svg"));
    [When("a step passes")] public void Passes() { }
    [AfterScenario] public void After() => output.AddAttachment(KitFiles.Of("hooks-attachment", "cucumber.svg"));
}

[Binding]
public sealed class HooksConditionalSteps
{
    private const string Feature = "Hooks - Conditional execution";

    [BeforeScenario, Scope(Feature = Feature, Tag = "passing-hook")] public void PassingBefore() { }

    [BeforeScenario, Scope(Feature = Feature, Tag = "fail-before")]
    public void FailingBefore() => throw new InvalidOperationException("Exception in conditional hook");

    [When("a step passes"), Scope(Feature = Feature)] public void Passes() { }

    [AfterScenario, Scope(Feature = Feature, Tag = "fail-after")]
    public void FailingAfter() => throw new InvalidOperationException("Exception in conditional hook");

    [AfterScenario, Scope(Feature = Feature, Tag = "passing-hook")] public void PassingAfter() { }
}

/// <summary>Reqnroll hooks have no names; the sample's named hooks are plain ones (Reqnroll's own test ignores the name).</summary>
[Binding, Scope(Feature = "Hooks - Named")]
public sealed class HooksNamedSteps
{
    [BeforeScenario] public void NamedBefore() { }
    [When("a step passes")] public void Passes() { }
    [AfterScenario] public void NamedAfter() { }
}

[Binding, Scope(Feature = "Hooks - With Undefined Steps")]
public sealed class HooksUndefinedSteps
{
    [BeforeScenario] public void Before() { }
    [AfterScenario] public void After() { }
}

/// <summary>The only test-run hooks of this project. Unscoped: a class-level [Scope] would scope them to a feature, and
/// a test-run hook runs outside any feature, so it would never run.</summary>
[Binding]
public sealed class GlobalHooks
{
    [BeforeTestRun] public static void BeforeAll1() { }
    [BeforeTestRun] public static void BeforeAll2() { }
    [AfterTestRun] public static void AfterAll1() { }
    [AfterTestRun] public static void AfterAll2() { }
}

[Binding, Scope(Feature = "Global hooks")]
public sealed class GlobalHooksSteps
{
    [When("a step passes")] public void Passes() { }
    [When("a step fails")] public void Fails() => throw new InvalidOperationException("Exception in step");
}

/// <summary>The sample's "return 'skipped'" is Reqnroll's IUnitTestRuntimeProvider.TestIgnore.</summary>
[Binding]
public sealed class SkippedSteps(IUnitTestRuntimeProvider runtime)
{
    private const string Feature = "Skipping scenarios";

    [BeforeScenario, Scope(Feature = Feature, Tag = "skip")] public void SkipBefore() => runtime.TestIgnore("Skipped before scenario");
    [Given("a step that does not skip"), Scope(Feature = Feature)] public void DoesNotSkip() { }
    [Given("a step that is skipped"), Scope(Feature = Feature)] public void IsSkipped() { }
    [Given("I skip a step"), Scope(Feature = Feature)] public void Skip() => runtime.TestIgnore("Skipped");
}
