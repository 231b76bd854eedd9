using System.Text.Json.Nodes;
using InferenceBox.Platform.Manifests;
using InferenceBox.Specs.Tests.Models;

namespace InferenceBox.Specs.Tests.Gateway;

/// <summary>
/// Issue 13, header-based routing: on tenant-a's sklearn-iris path, <c>x-model-version: v1|v2</c> picks one revision
/// through KServe's tag routing (tags prev/latest), any other value is refused by the gateway itself, and the model has
/// tag routing on.
/// </summary>
public sealed class HeaderRoutingManifestTests
{
    private static readonly string Manifests = ManifestFiles.FolderOf(RepoPaths.Root);

    private static IReadOnlyList<JsonObject> Rules() =>
        ManifestLoader.Load(Manifests).Objects.Single(o => o is { Kind: "HTTPRoute", Name: "tenant-a-models" }).Body["spec"]!["rules"]!
            .AsArray().OfType<JsonObject>().ToList();

    private static string? HeaderMatch(JsonObject rule, string type) =>
        (rule["matches"] as JsonArray ?? []).OfType<JsonObject>().SelectMany(m => m["headers"] as JsonArray ?? [])
        .OfType<JsonObject>().Where(h => (string?)h["name"] == "x-model-version" && ((string?)h["type"] ?? "Exact") == type)
        .Select(h => (string?)h["value"]).FirstOrDefault();

    [Theory]
    [InlineData("v1", "prev-sklearn-iris-predictor.tenant-a.svc.cluster.local")]
    [InlineData("v2", "latest-sklearn-iris-predictor.tenant-a.svc.cluster.local")]
    public void A_version_header_rewrites_to_its_tag_host(string version, string host)
    {
        var rule = Rules().Single(r => HeaderMatch(r, "Exact") == version);
        (rule["filters"] as JsonArray ?? []).OfType<JsonObject>().Select(f => (string?)f["urlRewrite"]?["hostname"])
            .Should().Contain(host);
    }

    [Fact]
    public void Any_other_version_is_answered_by_the_gateway_itself()
    {
        var rule = Rules().Single(r => HeaderMatch(r, "RegularExpression") is not null);
        rule["backendRefs"].Should().BeNull("an unknown version must not reach any revision");
        (rule["filters"] as JsonArray ?? []).OfType<JsonObject>().Select(f => (string?)f["extensionRef"]?["kind"])
            .Should().Contain("HTTPRouteFilter");
    }

    [Fact]
    public void The_model_has_tag_routing_on()
    {
        var isvc = ManifestLoader.Load(Manifests, "inference/tenant-a").Objects.Single(o => o.Kind == "InferenceService");
        ((string?)isvc.Body["metadata"]?["annotations"]?["serving.kserve.io/enable-tag-routing"]).Should().Be("true");
    }
}
