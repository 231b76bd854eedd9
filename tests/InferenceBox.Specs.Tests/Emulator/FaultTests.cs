using InferenceBox.Platform.Emulator.Faults;
using k8s;
using Microsoft.Extensions.Time.Testing;

namespace InferenceBox.Specs.Tests.Emulator;

/// <summary>
/// Faults on demand, scoped and counted, with the texts the real failures carry
/// (kubernetes/apiserver@v0.32.5 pkg/admission/plugin/webhook/*/dispatcher.go, pkg/util/webhook/error.go,
/// pkg/util/proxy/proxy.go; kubernetes/apimachinery@v0.32.5 pkg/api/errors/errors.go).
/// </summary>
public sealed class FaultTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string ConfigMap = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: default}";

    [Fact]
    public async Task A_5xx_strikes_only_the_matching_requests_and_only_as_often_as_asked()
    {
        await using var api = await Emulators.StartAsync();
        var client = api.CreateClient();
        var fault = api.Faults.Add(Fault.ServiceUnavailable(), new FaultScope(Kind: "ConfigMap", Verb: "patch"), times: 2);

        var first = await Errors.RefusalAsync(() => client.ApplyAsync(api, ConfigMap));
        var second = await Errors.RefusalAsync(() => client.ApplyAsync(api, ConfigMap));
        var secret = await client.ApplyAsync(api, "apiVersion: v1\nkind: Secret\nmetadata: {name: s, namespace: default}");
        var third = await client.ApplyAsync(api, ConfigMap);

        first.Code.Should().Be(503);
        first.Status.Text("reason").Should().Be("ServiceUnavailable");
        first.Status.Text("message").Should().Be("the server is currently unable to handle the request");
        second.Code.Should().Be(503);
        secret["metadata"]!["name"]!.ToString().Should().Be("s", "a Secret is out of the fault's scope");
        third["metadata"]!["name"]!.ToString().Should().Be("c", "the fault struck twice, as asked");
        fault.Struck.Should().Be(2);
        api.Requests.All.Count(r => r.Layer == "fault").Should().Be(2);
    }

    [Fact]
    public async Task A_dropped_connection_surfaces_as_a_transport_error_in_the_client()
    {
        await using var api = await Emulators.StartAsync();
        var client = api.CreateClient();
        api.Faults.Add(Fault.ConnectionReset(), new FaultScope(Kind: "configmaps", Verb: "get"));

        var act = () => client.CoreV1.ReadNamespacedConfigMapAsync("c", "default", cancellationToken: Ct);

        await act.Should().ThrowAsync<HttpRequestException>();
        await client.ApplyAsync(api, ConfigMap);
        (await client.CoreV1.ReadNamespacedConfigMapAsync("c", "default", cancellationToken: Ct)).Metadata.Name.Should().Be("c");
    }

    [Fact]
    public async Task Latency_holds_a_request_until_the_emulators_clock_has_moved()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-01T00:00:00Z"));
        await using var api = await Emulators.StartAsync(o => o with { Time = clock });
        api.Faults.Add(Fault.Latency(TimeSpan.FromSeconds(20)), new FaultScope(Kind: "Namespace", Verb: "list"));

        var listing = api.CreateClient().CoreV1.ListNamespaceAsync(cancellationToken: Ct);
        await api.Faults.StruckAsync(1, Ct);
        var stillWaiting = !listing.IsCompleted;
        clock.Advance(TimeSpan.FromSeconds(20));

        stillWaiting.Should().BeTrue();
        (await listing).Items.Should().NotBeEmpty();
    }

    [Theory]
    [InlineData(Fault.WebhookCause.NoEndpoints, "no endpoints available for service \"kserve-webhook-server-service\"")]
    [InlineData(Fault.WebhookCause.ConnectionRefused, "dial tcp 10.96.0.100:443: connect: connection refused")]
    [InlineData(Fault.WebhookCause.UnknownAuthority, "tls: failed to verify certificate: x509: certificate signed by unknown authority")]
    public async Task A_webhook_that_cannot_be_called_fails_the_write_with_the_dispatchers_text(Fault.WebhookCause cause, string why)
    {
        await using var api = await Emulators.StartAsync();
        api.Faults.Add(Fault.WebhookCallFailed("inferenceservice.kserve-webhook-server.defaulter", "kserve", "kserve-webhook-server-service",
            "/mutate-serving-kserve-io-v1beta1-inferenceservice", cause), new FaultScope(Kind: "ConfigMap"));

        var (code, status) = await Errors.RefusalAsync(() => api.CreateClient().ApplyAsync(api, ConfigMap));

        code.Should().Be(500);
        status.Text("reason").Should().Be("InternalError");
        status.Text("message").Should().Be("Internal error occurred: failed calling webhook \"inferenceservice.kserve-webhook-server.defaulter\": " +
            "failed to call webhook: Post \"https://kserve-webhook-server-service.kserve.svc:443/mutate-serving-kserve-io-v1beta1-inferenceservice?timeout=10s\": " + why);
    }
}
