using InferenceBox.Platform.Manifests;
using System.Net;
using System.Text.Json.Nodes;
using InferenceBox.Platform.Schemas;
using InferenceBox.Specs.Tests.Schemas;

namespace InferenceBox.Specs.Tests.Identity;

/// <summary>
/// What the gateway makes public of the issuer, read from manifests/: two exact paths, rewritten to endpoints the real
/// issuer serves, nothing else routed to it from anywhere, and a per-address rate limit on the token route that is
/// valid against the pinned Envoy Gateway v1.4.2 schema. (Envoy Gateway's behaviour on them needs a cluster.)
/// </summary>
public sealed class IssuerPublicSurfaceTests(IssuerFixture fixture) : IClassFixture<IssuerFixture>
{
    private static readonly IReadOnlyList<ManifestObject> Objects =
        ManifestLoader.Load(ManifestFiles.FolderOf(TestPaths.RepoRoot)).Objects;

    private static IEnumerable<ManifestObject> Routes => Objects.Where(o => o.Kind == "HTTPRoute");

    private static bool ToIssuer(ManifestObject route) => Rules(route).Any(r =>
        r["backendRefs"]?.AsArray().Any(b => (string?)b?["name"] == "jwt-issuer") == true);

    private static IEnumerable<JsonObject> Rules(ManifestObject route) => route.Body["spec"]?["rules"]?.AsArray().OfType<JsonObject>() ?? [];

    [Fact]
    public void Only_the_JWKS_and_the_token_endpoint_are_routed_to_the_issuer_each_by_an_exact_path()
    {
        var routed = Routes.Where(ToIssuer).SelectMany(route => Rules(route).SelectMany(rule => rule["matches"]!.AsArray().Select(m => (
            Route: route.Name, Type: (string?)m!["path"]?["type"], Path: (string?)m["path"]?["value"], Method: (string?)m["method"],
            Rewrite: (string?)rule["filters"]?[0]?["urlRewrite"]?["path"]?["replaceFullPath"])))).ToList();

        routed.Should().BeEquivalentTo(new[]
        {
            (Route: (string?)"jwt-issuer", Type: (string?)"Exact", Path: (string?)"/issuer/.well-known/jwks.json", Method: (string?)"GET", Rewrite: (string?)"/.well-known/jwks.json"),
            (Route: (string?)"jwt-issuer-token", Type: (string?)"Exact", Path: (string?)"/issuer/token", Method: (string?)"POST", Rewrite: (string?)"/token"),
        }, "nothing else of the issuer (/metrics, /health, the old /tokens) may be reachable through the gateway");
    }

    [Theory]
    [InlineData("GET", "/.well-known/jwks.json", HttpStatusCode.OK)]
    [InlineData("POST", "/token", HttpStatusCode.Unauthorized)] // served: it asks for client authentication
    public async Task Each_rewritten_path_is_an_endpoint_the_real_issuer_serves(string method, string path, HttpStatusCode expected)
    {
        using var http = fixture.Issuer.Http();
        using var content = new FormUrlEncodedContent([new("grant_type", "client_credentials")]);
        using var response = await http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = method == "POST" ? content : null },
            TestContext.Current.CancellationToken);
        response.StatusCode.Should().Be(expected);
    }

    [Fact]
    public void The_token_route_is_rate_limited_per_client_address_with_a_valid_local_policy()
    {
        var policy = Objects.Should().ContainSingle(o => o.Kind == "BackendTrafficPolicy" && o.File == "gateway/rate-limit-issuer.yaml").Subject;

        new SchemaValidator(TestPaths.PinnedStore).Validate(policy).Should().BeEmpty("the pinned envoy-gateway-v1.4.2 schema accepts it");
        var target = policy.Body["spec"]!["targetRefs"]!.AsArray().Should().ContainSingle().Subject!;
        ((string?)target["kind"], (string?)target["name"], policy.Namespace).Should().Be(("HTTPRoute", "jwt-issuer-token", "auth-system"));
        Routes.Should().Contain(r => r.Name == "jwt-issuer-token" && r.Namespace == "auth-system");
        var rateLimit = policy.Body["spec"]!["rateLimit"]!;
        ((string?)rateLimit["type"]).Should().Be("Local", "Distinct sourceCIDR works for Local limits in v1.4.2; no Redis needed");
        rateLimit["local"]!["rules"]!.AsArray().Should().NotBeEmpty().And.OnlyContain(rule =>
            (string?)rule!["clientSelectors"]![0]!["sourceCIDR"]!["type"] == "Distinct" && (long?)rule["limit"]!["requests"] <= 60,
            "every rule counts each client address on its own, a few requests a second at most");
    }
}
