using System.Text.Json.Nodes;
using InferenceBox.Platform.Manifests;
using InferenceBox.Platform.Provisioning.Preflight;
using InferenceBox.Platform.Settings;
using InferenceBox.Specs.Tests.Models;
using InferenceBox.Platform.Gateway;
using InferenceBox.Platform.Gateway.Tls;

namespace InferenceBox.Specs.Tests.Gateway;

/// <summary>
/// Issue 13, TLS at the edge, as the repository states it: the model gateway terminates TLS with a certificate
/// cert-manager issues, every route with a backend attaches to the HTTPS listener only, kind maps the HTTPS port on
/// 127.0.0.1, and the suite's default gateway and issuer URLs are https.
/// </summary>
public sealed class EdgeTlsManifestTests
{
    private static readonly string Manifests = ManifestFiles.FolderOf(RepoPaths.Root);

    private static IReadOnlyList<ManifestObject> All() => ManifestLoader.Load(Manifests).Objects;

    private static JsonObject ModelGateway() => All().Single(o => o is { Kind: "Gateway", Name: "inference-gateway" }).Body;

    [Fact]
    public void The_model_gateway_has_an_HTTPS_listener_with_a_certificate_cert_manager_issues()
    {
        var https = (ModelGateway()["spec"]!["listeners"] as JsonArray)!.OfType<JsonObject>()
            .Where(l => (string?)l["protocol"] == "HTTPS").ToList();
        https.Should().ContainSingle("the gateway terminates TLS on one HTTPS listener");
        var secret = (string?)https[0]["tls"]?["certificateRefs"]?[0]?["name"];
        All().Where(o => o.Kind == "Certificate" && o.Namespace == "envoy-gateway-system")
            .Select(o => (string?)o.Body["spec"]?["secretName"]).Should().Contain(secret, "a cert-manager Certificate writes the listener's Secret");
    }

    [Fact]
    public void Every_route_with_a_backend_attaches_to_the_HTTPS_listener_only()
    {
        var listeners = (ModelGateway()["spec"]!["listeners"] as JsonArray)!.OfType<JsonObject>()
            .ToDictionary(l => (string)l["name"]!, l => (string?)l["protocol"]);
        var plain = All().Where(o => o.Kind == "HTTPRoute")
            .Where(r => (r.Body["spec"]?["rules"] as JsonArray ?? []).Any(rule => rule?["backendRefs"] is JsonArray { Count: > 0 }))
            .SelectMany(r => (r.Body["spec"]?["parentRefs"] as JsonArray ?? []).OfType<JsonObject>()
                .Where(p => (string?)p["name"] == "inference-gateway")
                .Where(p => listeners.GetValueOrDefault((string?)p["sectionName"] ?? "") != "HTTPS")
                .Select(p => $"{r.Identity} on listener {(string?)p["sectionName"] ?? "(all)"}"))
            .ToList();
        plain.Should().BeEmpty("bearer tokens travel only over TLS: a route with a backend on the plain HTTP listener would take them");
    }

    [Fact]
    public void Kind_maps_the_HTTPS_entry_point_on_loopback()
    {
        var kind = File.ReadAllText(Path.Combine(Manifests, "kind", "cluster.yaml"));
        kind.Should().Contain("{containerPort: 30443, hostPort: 8443, listenAddress: \"127.0.0.1\", protocol: TCP}");
    }

    [Fact]
    public void The_suite_reads_the_CA_from_the_Secret_the_listener_serves()
    {
        var https = (ModelGateway()["spec"]!["listeners"] as JsonArray)!.OfType<JsonObject>().Single(l => (string?)l["protocol"] == "HTTPS");
        ((string?)https["tls"]?["certificateRefs"]?[0]?["name"]).Should().Be(GatewayCaSources.SecretName);
    }

    [Fact]
    public void The_port_preflight_checks_every_host_port_kind_maps_the_HTTPS_one_among_them()
    {
        var ports = HostChecks.KindPorts(Manifests);
        ports.Keys.Should().Contain([8443, 8080, 8081]);
        ports[8443].Should().Contain("gateway, HTTPS").And.Contain("containerPort 30443");
    }

    [Fact]
    public void The_suite_calls_the_gateway_and_the_issuer_over_https_by_default()
    {
        var settings = new InferenceBoxSettings();
        settings.GatewayUrl.Should().Be(new Uri("https://127.0.0.1:8443"));
        settings.IssuerUrl.Should().Be(new Uri("https://127.0.0.1:8443/issuer"));
    }
}
