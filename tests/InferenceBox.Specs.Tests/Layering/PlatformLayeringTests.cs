using InferenceBox.Platform.Provisioning;

namespace InferenceBox.Specs.Tests.Layering;

/// <summary>
/// The layering of issue 15: the platform library is the bottom layer. The compiler already forbids it to use the specs
/// (they reference it); this pins the other half, that it uses no test framework and not the runner bridge, so the
/// command line runs it without a test host and the bridge stays deletable as one unit.
/// </summary>
public sealed class PlatformLayeringTests
{
    private static readonly string[] Forbidden = ["Reqnroll", "xunit", "FluentAssertions", "InferenceBox.ReqnrollXunit", "InferenceBox.Specs"];

    [Fact]
    public void ThePlatformLibraryReferencesNoTestFrameworkNorTheBridgeNorTheSpecs()
    {
        var library = typeof(Provisioner).Assembly;
        library.GetName().Name.Should().Be("InferenceBox.Platform", "the provisioner is the platform library's");

        var references = library.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        references.Should().Contain("KubernetesClient", "the list is the library's real references");
        references.Where(name => Forbidden.Any(f => name.Equals(f, StringComparison.OrdinalIgnoreCase) ||
                                                    name.StartsWith(f + ".", StringComparison.OrdinalIgnoreCase)))
            .Should().BeEmpty("the platform library must not depend on the specs' test frameworks or on the runner bridge");
    }
}
