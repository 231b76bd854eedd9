using System.Reflection;
using Xunit.Sdk;
using Xunit.v3;

namespace InferenceBox.ReqnrollXunit;

/// <summary>
/// The test class of one feature, as the official generator makes one per feature file: named
/// "&lt;namespace of the folder&gt;.&lt;FeatureName&gt;Feature" (reqnroll/Reqnroll@v3.3.3:Reqnroll.Generator/Generation/UnitTestFeatureGenerator.cs,
/// TestClassNameFormat "{0}Feature"; Reqnroll.Generator/TestGenerator.cs, GetTargetNamespace). It runs the generated
/// entry class, with the feature's class fixture (which ends the feature) and the feature's scenario order.
/// </summary>
public sealed class FeatureTestClass : IXunitTestClass, IXunitSerializable
{
    private XunitTestClass _inner = null!;
    private string _name = "";
    private string _feature = "";

    [Obsolete("Called by the de-serializer")]
    public FeatureTestClass() { }

    public FeatureTestClass(Type entryClass, IXunitTestCollection collection, string name, string feature)
    {
        _name = name;
        _feature = feature;
        _inner = new XunitTestClass(entryClass, collection, TestIds.Of("class", feature));
    }

    /// <summary>The feature file (project-relative path) this class runs.</summary>
    public string FeaturePath => _feature;

    public string TestClassName => _name;
    public string? TestClassNamespace => _name.Contains('.') ? _name[.._name.LastIndexOf('.')] : null;
    public string TestClassSimpleName => _name[(_name.LastIndexOf('.') + 1)..];
    public string UniqueID => _inner.UniqueID;
    public IReadOnlyDictionary<string, IReadOnlyCollection<string>> Traits => _inner.Traits;
    public Type Class => _inner.Class;
    public IReadOnlyCollection<IBeforeAfterTestAttribute> BeforeAfterTestAttributes => _inner.BeforeAfterTestAttributes;
    public IReadOnlyCollection<Type> ClassFixtureTypes => _inner.ClassFixtureTypes;
    public IReadOnlyCollection<ConstructorInfo>? Constructors => _inner.Constructors;
    public int MetadataToken => _inner.MetadataToken;
    public IReadOnlyCollection<MethodInfo> Methods => _inner.Methods;
    public IXunitTestCollection TestCollection => _inner.TestCollection;
    ICoreTestCollection ICoreTestClass.TestCollection => TestCollection;
    ITestCollection ITestClass.TestCollection => TestCollection;
    public ITestCaseOrderer? TestCaseOrderer => PickleOrderer.Instance;
    public ITestMethodOrderer? TestMethodOrderer => PickleOrderer.Instance;
    public bool DisableParallelization => _inner.DisableParallelization;

    public void Serialize(IXunitSerializationInfo info)
    {
        info.AddValue("inner", _inner);
        info.AddValue("name", _name);
        info.AddValue("feature", _feature);
    }

    public void Deserialize(IXunitSerializationInfo info)
    {
        _inner = info.GetValue<XunitTestClass>("inner")!;
        _name = info.GetValue<string>("name")!;
        _feature = info.GetValue<string>("feature")!;
    }
}

/// <summary>The test method of one scenario (one per Scenario Outline, as the official generator's row test), named as
/// Reqnroll.Generator/Generation/UnitTestMethodGenerator.cs names it: the scenario name as an identifier.</summary>
public sealed class ScenarioTestMethod : IXunitTestMethod, IXunitSerializable
{
    private XunitTestMethod _inner = null!;
    private string _name = "";
    private int _order;

    [Obsolete("Called by the de-serializer")]
    public ScenarioTestMethod() { }

    public ScenarioTestMethod(FeatureTestClass testClass, MethodInfo entryMethod, string name, int order)
    {
        _name = name;
        _order = order;
        _inner = new XunitTestMethod(testClass, entryMethod, [], TestIds.Of("method", $"{testClass.FeaturePath}#{name}"));
    }

    /// <summary>Where the scenario stands in its file, for running a feature's scenarios in file order.</summary>
    public int Order => _order;

    public string MethodName => _name;
    public string UniqueID => _inner.UniqueID;
    public IReadOnlyDictionary<string, IReadOnlyCollection<string>> Traits => _inner.Traits;
    public IReadOnlyCollection<IBeforeAfterTestAttribute> BeforeAfterTestAttributes => _inner.BeforeAfterTestAttributes;
    public IReadOnlyCollection<IDataAttribute> DataAttributes => _inner.DataAttributes;
    public IReadOnlyCollection<IFactAttribute> FactAttributes => _inner.FactAttributes;
    public bool IsGenericMethodDefinition => _inner.IsGenericMethodDefinition;
    public int MetadataToken => _inner.MetadataToken;
    public MethodInfo Method => _inner.Method;
    public int MethodArity => _inner.MethodArity;
    int? ITestMethodMetadata.MethodArity => MethodArity;
    public IReadOnlyCollection<ParameterInfo> Parameters => _inner.Parameters;
    public Type ReturnType => _inner.ReturnType;
    public ITestCaseOrderer? TestCaseOrderer => PickleOrderer.Instance;
    public IXunitTestClass TestClass => _inner.TestClass;
    ICoreTestClass ICoreTestMethod.TestClass => TestClass;
    ITestClass ITestMethod.TestClass => TestClass;
    public object?[] TestMethodArguments => _inner.TestMethodArguments;
    public bool DisableParallelization => _inner.DisableParallelization;

    public string GetDisplayName(string baseDisplayName, string? label, object?[]? testMethodArguments, Type[]? methodGenericTypes) =>
        _inner.GetDisplayName(baseDisplayName, label, testMethodArguments, methodGenericTypes);

    public MethodInfo MakeGenericMethod(Type[] genericTypes) => _inner.MakeGenericMethod(genericTypes);

    public Type[]? ResolveGenericTypes(object?[] arguments) => _inner.ResolveGenericTypes(arguments);

    public object?[] ResolveMethodArguments(object?[] arguments) => _inner.ResolveMethodArguments(arguments);

    public void Serialize(IXunitSerializationInfo info)
    {
        info.AddValue("inner", _inner);
        info.AddValue("name", _name);
        info.AddValue("order", _order);
    }

    public void Deserialize(IXunitSerializationInfo info)
    {
        _inner = info.GetValue<XunitTestMethod>("inner")!;
        _name = info.GetValue<string>("name")!;
        _order = info.GetValue<int>("order");
    }
}
