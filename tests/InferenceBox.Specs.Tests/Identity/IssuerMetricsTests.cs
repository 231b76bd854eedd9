using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;

namespace InferenceBox.Specs.Tests.Identity;

/// <summary>/health and /metrics: counts move by exactly what this test did (own issuer, own registry).</summary>
public sealed partial class IssuerMetricsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Metrics_count_tokens_per_tenant_and_requests_per_route_and_status()
    {
        await using var issuer = await LoopbackIssuer.StartAsync(LoopbackIssuer.NewKeyFile());
        using var http = issuer.Http("tenant-b");
        (await http.PostAsJsonAsync("/token", new { grant_type = "client_credentials" }, Ct)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await http.PostAsJsonAsync("/token", new { grant_type = "client_credentials" }, Ct)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await http.PostAsJsonAsync("/token", new { grant_type = "client_credentials", tenant = "tenant-a" }, Ct)).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await http.PostAsJsonAsync("/token", new { grant_type = 1 }, Ct)).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        using var anonymous = issuer.Http();
        (await anonymous.PostAsJsonAsync("/token", new { grant_type = "client_credentials" }, Ct)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        using var metrics = await http.GetAsync("/metrics", Ct);
        metrics.Content.Headers.ContentType!.MediaType.Should().Be("text/plain");
        var text = await metrics.Content.ReadAsStringAsync(Ct);

        Sample(text, """issuer_tokens_issued_total{tenant="tenant-a"}""").Should().Be(0);
        Sample(text, """issuer_tokens_issued_total{tenant="tenant-b"}""").Should().Be(2);
        Sample(text, """issuer_tokens_issued_total{tenant="tenant-c"}""").Should().Be(0);
        Sample(text, """issuer_http_requests_total{route="/token",method="POST",status="200"}""").Should().Be(2);
        Sample(text, """issuer_http_requests_total{route="/token",method="POST",status="400"}""").Should().Be(2);
        Sample(text, """issuer_http_requests_total{route="/token",method="POST",status="401"}""").Should().Be(1);
        Sample(text, """issuer_token_requests_refused_total{error="unauthorized_client"}""").Should().Be(1);
        Sample(text, """issuer_token_requests_refused_total{error="invalid_request"}""").Should().Be(1);
        Sample(text, """issuer_token_requests_refused_total{error="invalid_client"}""").Should().Be(1);
        Sample(text, """issuer_token_requests_refused_total{error="invalid_scope"}""").Should().Be(0);
        text.Should().Contain("# TYPE issuer_tokens_issued_total counter");
    }

    [Fact]
    public async Task Health_answers_healthy()
    {
        await using var issuer = await LoopbackIssuer.StartAsync(LoopbackIssuer.NewKeyFile());
        using var http = issuer.Http();
        using var response = await http.GetAsync("/health", Ct);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync(Ct)).Should().Be("Healthy");
    }

    private static double Sample(string exposition, string series)
    {
        var line = exposition.Split('\n').SingleOrDefault(l => l.StartsWith(series + " ", StringComparison.Ordinal));
        line.Should().NotBeNull($"the exposition should contain {series}:\n{exposition}");
        return double.Parse(Value().Match(line!).Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"\S+$")]
    private static partial Regex Value();
}
