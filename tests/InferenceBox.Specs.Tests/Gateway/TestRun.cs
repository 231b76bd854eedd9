using InferenceBox.Platform.Progress;
using InferenceBox.Platform.Run;
using InferenceBox.Platform.Settings;

namespace InferenceBox.Specs.Tests.Gateway;

/// <summary>A RunContext for offline tests, pointing the gateway (and the AI gateway) at a stub and shrinking budgets.</summary>
public static class TestRun
{
    public static RunContext For(Uri gateway, double timeoutScale = 0.1, Uri? aiGateway = null, TimeProvider? clock = null) => new(
        new InferenceBoxSettings { GatewayUrl = gateway, AiGatewayUrl = aiGateway ?? new InferenceBoxSettings().AiGatewayUrl, TimeoutScale = timeoutScale },
        new NoProgress(), "run-20261126-test", Path.Combine(Path.GetTempPath(), "ibx-tests", Guid.NewGuid().ToString("N")), clock);

    private sealed class NoProgress : IProgressChannel
    {
        public void Report(ProgressEvent progressEvent) { }
    }
}

/// <summary>Throws a transport fault (no HTTP status) for the first N requests, then lets them through.</summary>
public sealed class FlakyTransport(int failures, HttpMessageHandler inner) : DelegatingHandler(inner)
{
    private int _attempts;
    public int Attempts => _attempts;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct) =>
        Interlocked.Increment(ref _attempts) <= failures
            ? throw new HttpRequestException("Connection refused (simulated)", new System.Net.Sockets.SocketException(111))
            : base.SendAsync(request, ct);
}
