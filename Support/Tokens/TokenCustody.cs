using InferenceBox.Specs.Support.Gateway;
using InferenceBox.Platform.Run;
using InferenceBox.Platform.Waiting;

namespace InferenceBox.Specs.Support.Tokens;

/// <summary>
/// The token-custody scenarios' driver: asks the issuer's public token endpoint (INFERENCEBOX_ISSUER_URL, through the
/// gateway) as a given client, sends bursts, requests the paths that must not be public, and waits, bounded by the
/// rate-limit-window budget, until a drained client is served again. Tokens go to the session, never to a report.
/// </summary>
public sealed class TokenCustody(RunContext run, IssuerClient issuer, GatewayDriver gateway, ClientSession session)
{
    public async Task AskAsync(TokenAsk ask, CancellationToken ct = default)
    {
        session.LastAnswer = await issuer.RequestTokenAsync(session.Credentials, ask, ct);
        session.Token = session.LastAnswer.AccessToken;
    }

    /// <summary><paramref name="count"/> token requests sent together, each recorded.</summary>
    public async Task BurstAsync(int count, CancellationToken ct = default) =>
        session.Burst = await Task.WhenAll(Enumerable.Range(0, count).Select(_ => issuer.RequestTokenAsync(session.Credentials, TokenAsk.Default, ct)));

    public async Task GetThroughGatewayAsync(string path, CancellationToken ct = default) =>
        session.LastExchange = await gateway.SendAsync(HttpMethod.Get, path, bearerToken: null, ct: ct);

    /// <summary>
    /// Waits until <paramref name="client"/> obtains a token again; the token is kept as the session's. The verdict holds
    /// the token endpoint's answer (whose text never shows the token), or the last refusal.
    /// </summary>
    public async Task<WaitOutcome<TokenAnswer>> ServedAgainAsync(ClientCredentials client, CancellationToken ct = default)
    {
        var outcome = await WaitOutcome.Of(Poll.UntilAsync(run.Budgets, WaitBudgets.Names.RateLimitWindow,
            $"{client} to be served by {issuer.BaseUrl}token again after the burst", TimeSpan.FromSeconds(3), async token =>
            {
                var answer = await issuer.RequestTokenAsync(client, TokenAsk.Default, token);
                return answer.HasToken ? WaitVerdict<TokenAnswer>.Reached(answer) : WaitVerdict<TokenAnswer>.NotYet(answer.ToString());
            }, ct));
        if (outcome.Value is { } served) session.Token = served.AccessToken;
        return outcome;
    }
}
