using InferenceBox.Specs.Support.Diagnostics;
using InferenceBox.Platform.Models;
using InferenceBox.Specs.Support.Reporting;
using InferenceBox.Platform.Run;
using InferenceBox.Specs.Support.Tokens;
using InferenceBox.Platform.Waiting;

namespace InferenceBox.Specs.Support.Gateway;

/// <summary>
/// Tenants calling models through the gateway, as the tenancy scenarios describe it: each tenant holds a token
/// from the issuer, sends the catalog's probe of a model, bursts, and waits out a rate limit. Keeps the latest
/// answer and each tenant's latest burst for the Then steps. Tokens stay in memory; only their claims are recorded.
/// </summary>
public sealed class TenantTraffic(ModelProber prober, HeldTokens tokens, RunContext run, ScenarioTimeline timeline, ScenarioFacts? facts = null)
{
    private readonly Dictionary<string, IReadOnlyList<GatewayExchange>> _bursts = new();

    /// <summary>The answer to the latest single request.</summary>
    public GatewayExchange Last { get; private set; } = null!;

    public Task HoldValidTokenAsync(string tenant, CancellationToken ct = default) => tokens.ValidAsync(tenant, ct);

    public string TokenOf(string tenant) => tokens.Of(tenant);

    /// <summary>The catalog's probe of <paramref name="owner"/>'s model (<see cref="ModelProber"/>) as <paramref name="caller"/>, kept as <see cref="Last"/>.</summary>
    public async Task<GatewayExchange> SendProbeAsync(string caller, string owner, string model, string? version = null, CancellationToken ct = default,
        IReadOnlyDictionary<string, string>? headers = null) =>
        Last = await prober.SendAsync(owner, model, version, TokenOf(caller), headers, ct);

    /// <summary>The probe with the caller's token in the query string instead of the Authorization header.</summary>
    public async Task<GatewayExchange> SendProbeWithTokenInQueryAsync(string caller, string owner, string model, CancellationToken ct = default) =>
        Last = await prober.SendWithTokenInQueryAsync(owner, model, TokenOf(caller), ct);

    /// <summary>
    /// Makes sure the tenant's model has a running pod (it may scale to zero) and the gateway's route to it has converged:
    /// <see cref="Poll.RequiredConsecutiveSuccesses"/> 200s in a row through the gateway (<see cref="Poll.ConvergeAsync{T}"/>,
    /// within "gateway-converged"), each failed try logged to the timeline.
    /// </summary>
    public async Task MustWarmAsync(string tenant, string model, CancellationToken ct = default)
    {
        await HoldValidTokenAsync(tenant, ct);
        await Poll.ConvergeAsync(run.Budgets, WaitBudgets.Names.GatewayConverged, $"{tenant}/{model} to be warm (200 through the gateway)",
            async token =>
            {
                var answer = await SendProbeAsync(tenant, tenant, model, ct: token);
                return answer.StatusCode == 200
                    ? WaitVerdict<GatewayExchange>.Reached(answer)
                    : WaitVerdict<GatewayExchange>.NotYet($"{answer.StatusCode} {Truncate(answer.Body)}");
            }, what => timeline.Record("traffic", what), ct);
    }

    /// <summary>
    /// How often the trickle of <see cref="KeepingWarmAsync{T}"/> probes: well inside any scale-to-zero window, so the pod
    /// stays; it is a keep-alive beside an action, not a wait, so it has no budget of its own (the action's wait has one).
    /// </summary>
    public static readonly TimeSpan KeepWarmInterval = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Runs <paramref name="action"/> while a trickle of probes (one every <see cref="KeepWarmInterval"/>) keeps the tenant's model from scaling to
    /// zero, so an in-cluster call meets a running pod rather than a cold start or an empty Service.
    /// </summary>
    public async Task<T> KeepingWarmAsync<T>(string tenant, string model, Func<Task<T>> action, CancellationToken ct = default)
    {
        await MustWarmAsync(tenant, model, ct);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var trickle = Task.Run(async () =>
        {
            using var tick = new PeriodicTimer(KeepWarmInterval, run.Budgets.Clock);
            try
            {
                while (await tick.WaitForNextTickAsync(stop.Token)) await prober.SendAsync(tenant, model, null, TokenOf(tenant), ct: stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or GatewayUnreachableException) { }
        }, CancellationToken.None);
        try { return await action(); }
        finally
        {
            await stop.CancelAsync();
            await trickle;
        }
    }

    /// <summary>Sends <paramref name="count"/> probes one after another, as fast as the gateway answers.</summary>
    public async Task<IReadOnlyList<GatewayExchange>> SendBurstAsync(string caller, string owner, string model, int count, CancellationToken ct = default)
    {
        timeline.Record("traffic", $"{caller} bursts {count} probes at {owner}/{model}");
        var answers = new List<GatewayExchange>(count);
        for (var i = 0; i < count; i++) answers.Add(await SendProbeAsync(caller, owner, model, ct: ct));
        _bursts[caller] = answers;
        facts?.Record(RateLimitFact.Of($"{caller} to {owner}/{model}", BurstSummary.Of(answers)));
        timeline.Record("traffic", $"{caller}'s burst: " + string.Join(", ", answers.GroupBy(a => a.StatusCode).Select(g => $"{g.Count()}x{g.Key}")));
        return answers;
    }

    public IReadOnlyList<GatewayExchange> BurstOf(string caller) => _bursts.TryGetValue(caller, out var burst) ? burst
        : throw new InvalidOperationException($"{caller} sent no burst in this scenario.");

    /// <summary>
    /// After a burst, polls (every few seconds, within the rate-limit window budget) until the tenant is served again.
    /// Refused probes cost nothing; the one that passes proves the limit is a window, not a ban. The verdict holds the
    /// answer that passed, or the last refusal.
    /// </summary>
    public Task<WaitOutcome<GatewayExchange>> ServedAgainAsync(string caller, string owner, string model, CancellationToken ct = default) =>
        WaitOutcome.Of(Poll.UntilAsync(run.Budgets, WaitBudgets.Names.RateLimitWindow, $"{caller} to be served by {owner}/{model} again after its burst",
            TimeSpan.FromSeconds(3), async token =>
            {
                var answer = await SendProbeAsync(caller, owner, model, ct: token);
                return answer.StatusCode == 200
                    ? WaitVerdict<GatewayExchange>.Reached(answer)
                    : WaitVerdict<GatewayExchange>.NotYet($"{answer.StatusCode} {Truncate(answer.Body)}");
            }, ct));

    private static string Truncate(string body) => body.Length <= 120 ? body : body[..120] + "…";
}
