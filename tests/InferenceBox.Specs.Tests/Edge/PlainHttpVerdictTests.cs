using InferenceBox.Specs.Support.Gateway;
using InferenceBox.Specs.Support.Gateway.Tls;

namespace InferenceBox.Specs.Tests.Edge;

/// <summary>The plain-HTTP judge on answers of every kind: only a redirect to the same path and query over HTTPS passes.</summary>
public sealed class PlainHttpVerdictTests
{
    private const string Path = "/tenant-a/sklearn-iris/v1/models/sklearn-iris:predict?probe=plain-http";
    private static readonly Uri Https = new("https://127.0.0.1:8443" + Path);

    private static GatewayExchange Answer(int status, string body = "", string? location = null) =>
        new("POST", new Uri("http://127.0.0.1:8080" + Path), status,
            location is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["location"] = location }, body, TimeSpan.Zero, "id", null);

    [Fact]
    public void A_301_to_the_same_path_and_query_over_https_passes() =>
        PlainHttpVerdict.Problems(Answer(301, location: Https.ToString()), Https).Should().BeEmpty();

    [Theory]
    [InlineData(401, "Jwt is missing", null, "a route with the gateway's token checks is served over plain HTTP")]
    [InlineData(403, "RBAC: access denied", null, "a route with the gateway's token checks is served over plain HTTP")]
    [InlineData(200, "{\"predictions\": [1, 1]}", null, "something answered over plain HTTP")]
    [InlineData(404, "", null, "not a redirect")]
    [InlineData(301, "", "http://127.0.0.1:8443" + Path, "redirecting to http://127.0.0.1:8443")]
    [InlineData(301, "", "https://127.0.0.1:8443/", "redirecting to https://127.0.0.1:8443/, not to")]
    [InlineData(301, "", "https://127.0.0.1:8443/tenant-a/sklearn-iris/v1/models/sklearn-iris:predict", "not to")]
    [InlineData(302, "", null, "without an absolute Location (none)")]
    public void Anything_else_fails_and_says_why(int status, string body, string? location, string expected) =>
        PlainHttpVerdict.Problems(Answer(status, body, location), Https).Should().ContainSingle().Which.Should().Contain(expected);
}
