using System.Text.Json.Nodes;
using InferenceBox.Platform.Schemas;
using InferenceBox.Platform.Manifests;

namespace InferenceBox.Specs.Tests.Schemas;

/// <summary>Image references and chart pins against the version lock.</summary>
public sealed class LockAndImageTests
{
    private static readonly VersionLock Lock = new()
    {
        Images = new Dictionary<string, string>
        {
            ["inferencebox/jwt-issuer"] = "0.1.0",
            ["docker.io/istio/proxyv2"] = "1.26.2",
            ["registry.local:5000/team/app"] = "sha256:abc",
            ["nginx"] = "1.27.0",
        },
        Kind = new VersionLock.KindEntry { NodeImage = "kindest/node:v1.33.1@sha256:0" },
    };

    [Theory]
    [InlineData("registry.local:5000/team/app:1.2@sha256:abc", "registry.local:5000/team/app", "1.2", "sha256:abc")]
    [InlineData("registry.local:5000/team/app", "registry.local:5000/team/app", null, null)]
    [InlineData("nginx:1.27.0", "nginx", "1.27.0", null)]
    public void ImageReferencesSplitIntoRepositoryTagAndDigest(string image, string repository, string? tag, string? digest) =>
        ImageReference.Parse(image).Should().Be(new ImageReference(repository, tag, digest));

    [Theory]
    [InlineData("inferencebox/jwt-issuer:0.1.0", null)]
    [InlineData("istio/proxyv2:1.26.2", null)]
    [InlineData("docker.io/library/nginx:1.27.0", null)]
    [InlineData("registry.local:5000/team/app@sha256:abc", null)]
    [InlineData("inferencebox/jwt-issuer:latest", "floating tag latest")]
    [InlineData("inferencebox/jwt-issuer", "has no tag or digest")]
    [InlineData("inferencebox/jwt-issuer:0.2.0", "versions.yaml pins inferencebox/jwt-issuer to 0.1.0")]
    [InlineData("ghcr.io/other/thing:1.0", "is not listed under images:")]
    public void ImagesMustMatchTheLock(string image, string? problem)
    {
        var found = ImageCheck.Problem(image, Lock);
        if (problem is null) found.Should().BeNull();
        else found.Should().Contain(problem);
    }

    [Fact]
    public void HelmValuesImageTagsAreChecked()
    {
        var values = JsonNode.Parse("""{"global":{"proxy":{"image":{"repository":"docker.io/istio/proxyv2","tag":"1.26.1"}}},"other":{"repository":"x"}}""");

        var errors = ImageCheck.RunOnValues("values/istio.yaml", values, Lock).ToList();

        errors.Should().ContainSingle().Which.Should().Be(new ValidationError("values/istio.yaml", null, ".global.proxy.image.tag",
            "image \"docker.io/istio/proxyv2:1.26.1\" does not match the lock: versions.yaml pins docker.io/istio/proxyv2 to 1.26.2"));
    }

    [Fact]
    public void ChartPinsMustBeExactAndValuesMustBelongToAPinnedRelease()
    {
        var dir = TestPaths.ComposeFixture(null);
        // A release the fixture's lock does not pin (kiali is pinned there since issue 19 item 1).
        File.WriteAllText(Path.Combine(dir, "values", "grafana.yaml"), "adminUser: admin\n");
        File.WriteAllText(Path.Combine(dir, "versions.yaml"),
            File.ReadAllText(Path.Combine(dir, "versions.yaml")).Replace("version: v1.4.2, namespace: envoy-gateway-system", "version: 1.4.x, namespace: envoy-gateway-system"));

        var errors = LockCheck.Run(dir, [], VersionLock.Load(Path.Combine(dir, "versions.yaml"))).ToList();

        errors.Select(e => (e.File, e.Path)).Should().BeEquivalentTo(new[] { ("versions.yaml", ".charts.eg.version"), ("values/grafana.yaml", (string?)null) });
    }
}
