using System.Text.Json.Nodes;
using InferenceBox.Platform.Manifests;
using InferenceBox.Platform.Settings;
using InferenceBox.Specs.Tests.Models;

namespace InferenceBox.Specs.Tests.AiGateway;

/// <summary>
/// Issue 13's TLS rule on the AI gateway (issue 12): its route carries bearer tokens, so it is served over HTTPS only, with
/// a certificate of the platform's own CA for the names the suite calls it by, and the suite calls it over https.
/// The AI Gateway controller's HTTPRoute has no sectionName (envoyproxy/ai-gateway@v0.2.1
/// internal/controller/ai_gateway_route.go: parentRefs carry name and namespace only): every listener of the Gateway that
/// admits its namespace serves it, so no plain HTTP listener may admit it.
/// </summary>
public sealed class AiGatewayTlsManifestTests
{
    private static readonly IReadOnlyList<ManifestObject> All = ManifestLoader.Load(ManifestFiles.FolderOf(RepoPaths.Root)).Objects;

    private static List<JsonObject> Listeners() =>
        (All.Single(o => o is { Kind: "Gateway", Name: "ai-gateway" }).Body["spec"]!["listeners"] as JsonArray)!.OfType<JsonObject>().ToList();

    [Fact]
    public void The_AI_gateway_listens_on_HTTPS_only()
    {
        Listeners().Select(l => $"{l["name"]}: {l["protocol"]}").Should().AllSatisfy(l => l.Should().EndWith(": HTTPS"),
            "a plain HTTP listener that admits envoy-gateway-system would serve the generated route, bearer tokens and all");
    }

    [Fact]
    public void Its_certificate_is_issued_by_the_platform_CA_for_localhost_and_127_0_0_1()
    {
        var secret = (string?)Listeners().Single()["tls"]?["certificateRefs"]?[0]?["name"];
        var certificate = All.Single(o => o.Kind == "Certificate" && o.Namespace == "envoy-gateway-system" && (string?)o.Body["spec"]?["secretName"] == secret);
        var spec = certificate.Body["spec"]!;
        ((string?)spec["issuerRef"]?["name"]).Should().Be("inferencebox-ca", "the suite trusts exactly the platform's CA, for both gateways");
        (spec["dnsNames"] as JsonArray)!.Select(n => (string?)n).Should().Contain("localhost");
        (spec["ipAddresses"] as JsonArray)!.Select(n => (string?)n).Should().Contain("127.0.0.1");
    }

    [Fact]
    public void The_suite_calls_the_AI_gateway_over_https_by_default() =>
        new InferenceBoxSettings().AiGatewayUrl.Scheme.Should().Be("https");
}
