using Xunit.Sdk;
using Xunit.v3;

namespace InferenceBox.ReqnrollXunit;

/// <summary>Keeps a feature's scenarios in file order: its methods by their first scenario, a method's cases by pickle.</summary>
public sealed class PickleOrderer : ITestCaseOrderer, ITestMethodOrderer
{
    public static PickleOrderer Instance { get; } = new();

    public IReadOnlyCollection<TTestCase> OrderTestCases<TTestCase>(IReadOnlyCollection<TTestCase> testCases)
        where TTestCase : notnull, ITestCase =>
        testCases.OrderBy(c => c is ScenarioTestCase s ? s.PickleIndex : 0).ToList();

    public IReadOnlyCollection<TTestMethod?> OrderTestMethods<TTestMethod>(IReadOnlyCollection<TTestMethod?> testMethods)
        where TTestMethod : notnull, ITestMethod =>
        testMethods.OrderBy(m => m is ScenarioTestMethod s ? s.Order : 0).ToList();
}
