using InferenceBox.Specs.Support.Diagnostics;
using InferenceBox.Platform.Models;
using InferenceBox.Platform.Run;
using InferenceBox.Platform.Waiting;

namespace InferenceBox.Specs.Support.Gateway.Tls;

/// <summary>
/// The gateway's edge as the @tls scenarios see it: TLS handshakes with the gateway's HTTPS address (trusting the
/// platform's CA, or as a client with only the machine's trust store), and calls without a token to its plain HTTP
/// address. Keeps what it saw for the Then steps and the scenario's timeline.
/// </summary>
public sealed class EdgeTlsDriver(GatewayTrust trust, GatewayDriver gateway, RunContext run, ScenarioTimeline timeline)
{
    private readonly TlsProbe _probe = new(run.Budgets.TlsHandshake);

    public GatewayTrust Trust => trust;

    public TlsHandshake? WithCa { get; private set; }
    public TlsHandshake? WithSystemTrust { get; private set; }
    public IReadOnlyList<GatewayExchange> PlainHttp { get; private set; } = [];

    public async Task<TlsHandshake> HandshakeTrustingThePlatformCaAsync(CancellationToken ct = default) =>
        WithCa = Recorded(await _probe.WithPlatformCaAsync(run.Settings.GatewayUrl, trust, ct));

    /// <summary>The same handshake with the AI gateway (INFERENCEBOX_AI_GATEWAY_URL): its certificate is from the same CA.</summary>
    public async Task<TlsHandshake> HandshakeWithTheAiGatewayAsync(CancellationToken ct = default) =>
        WithCa = Recorded(await _probe.WithPlatformCaAsync(run.Settings.AiGatewayUrl, trust, ct));

    public async Task<TlsHandshake> HandshakeWithSystemTrustAsync(CancellationToken ct = default) =>
        WithSystemTrust = Recorded(await _probe.WithSystemTrustAsync(run.Settings.GatewayUrl, ct));

    /// <summary>
    /// The V1 probe of each default catalog model, and the issuer's token request, over plain HTTP without a token or
    /// credentials: what a client that forgot the https would send first.
    /// </summary>
    public async Task<IReadOnlyList<GatewayExchange>> CallOverPlainHttpAsync(IEnumerable<CatalogModel> models, bool issuerToo, CancellationToken ct = default)
    {
        var answers = new List<GatewayExchange>();
        foreach (var model in models)
            answers.Add(await gateway.SendPlainHttpAsync(HttpMethod.Post,
                GatewayDriver.ModelPath(model.Tenant, model.Name, KServePayloads.V1Path(model.Name)) + "?probe=plain-http",
                new StringContent(KServePayloads.V1Request(model.ProbeInput ?? [[0.0]]), System.Text.Encoding.UTF8, "application/json"), ct));
        if (issuerToo)
            answers.Add(await gateway.SendPlainHttpAsync(HttpMethod.Post, run.Settings.IssuerUrl.AbsolutePath.TrimEnd('/') + "/token",
                new FormUrlEncodedContent([new("grant_type", "client_credentials")]), ct));
        return PlainHttp = answers;
    }

    /// <summary>The HTTPS URL the gateway should redirect <paramref name="plain"/> to: same path and query on INFERENCEBOX_GATEWAY_URL.</summary>
    public Uri HttpsFor(GatewayExchange plain) => new(run.Settings.GatewayUrl, plain.Url.PathAndQuery);

    private TlsHandshake Recorded(TlsHandshake handshake)
    {
        timeline.Record("tls", handshake.ToString());
        return handshake;
    }
}
