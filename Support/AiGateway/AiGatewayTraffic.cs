using InferenceBox.Specs.Support.Diagnostics;
using InferenceBox.Specs.Support.Gateway;
using InferenceBox.Specs.Support.Metrics;
using InferenceBox.Platform.Models;
using InferenceBox.Platform.Run;
using InferenceBox.Platform.Waiting;

namespace InferenceBox.Specs.Support.AiGateway;

/// <summary>
/// Tenants talking to their chat models through the AI gateway, as the AI gateway scenarios describe it. Tokens come from
/// the tenants' holder (<see cref="TenantTraffic"/>, "Given tenant-b holds a valid token"); every answer is kept in order for
/// the Then steps; nothing here asserts. Prompts are fixed, greedy and seeded (<see cref="ChatRequest.Ask"/>).
/// </summary>
public sealed class AiGatewayTraffic(AiGatewayDriver gateway, TenantTraffic tenants, RunContext run, ScenarioTimeline timeline)
{
    /// <summary>A short question and a short answer: few tokens, so the scenarios stay well inside the budget.</summary>
    public const string Question = "Reply with one short sentence: what is the capital of France?";
    public const int QuestionMaxTokens = 16;
    /// <summary>An answer that runs to its token limit, for spending the budget in a few answers.</summary>
    public const string LongTask = "Count from 1 to 100, separated by commas.";
    public const int LongTaskMaxTokens = 48;

    private static readonly Lazy<ChatModelCatalog> LazyCatalog = new(() => ChatModelCatalog.Load(ChatModelCatalog.BesideAssembly));
    private readonly Dictionary<string, List<GatewayExchange>> _spent = new();
    private readonly PrometheusDriver _prometheus = new(run, timeline);
    private CounterBaseline? _counters;
    private int _answersBeforeCounters;

    public static ChatModelCatalog Catalog => LazyCatalog.Value;

    /// <summary>Every answer of the AI gateway in this scenario, in order.</summary>
    public IReadOnlyList<GatewayExchange> Answers => gateway.Exchanges;

    public GatewayExchange Last => Answers.LastOrDefault()
        ?? throw new InvalidOperationException("No call went through the AI gateway in this scenario: a When step must make one first.");

    /// <summary>The caller asks a model (by name) the short question, with its token (null: none).</summary>
    public Task<GatewayExchange> AskAsync(string? caller, string model, CancellationToken ct = default) =>
        gateway.ChatAsync(ChatRequest.Ask(model, Question, QuestionMaxTokens), caller is null ? null : tenants.TokenOf(caller), ct);

    public Task<GatewayExchange> ListModelsAsync(string caller, CancellationToken ct = default) =>
        gateway.ListModelsAsync(tenants.TokenOf(caller), ct);

    /// <summary>The answers a tenant got while spending its budget (<see cref="SpendBudgetAsync"/>).</summary>
    public IReadOnlyList<GatewayExchange> SpentBy(string tenant) => _spent.TryGetValue(tenant, out var answers) ? answers
        : throw new InvalidOperationException($"{tenant} has not spent its budget in this scenario: a When step must do it first.");

    /// <summary>The tenant asks its own model for long answers until its budget refuses it (<see cref="BudgetSpender"/>).</summary>
    public Task SpendBudgetAsync(string tenant, CancellationToken ct = default)
    {
        var model = Catalog.OfTenant(tenant).Model;
        return BudgetSpender.SpendAsync(token => gateway.ChatAsync(ChatRequest.Ask(model, LongTask, LongTaskMaxTokens), tenants.TokenOf(tenant), token),
            _spent[tenant] = [], TokenBudget.PerTenant, run.Budgets, tenant, ct);
    }

    /// <summary>
    /// Asks until the tenant's own model serves it (again, once its refused window has passed), within "rate-limit-window";
    /// the verdict holds the answer that was served, or the last refusal.
    /// </summary>
    public Task<WaitOutcome<GatewayExchange>> ServedAsync(string tenant, CancellationToken ct = default) =>
        WaitOutcome.Of(Poll.UntilAsync(run.Budgets, WaitBudgets.Names.RateLimitWindow, $"{tenant} to be served by its chat model again", TimeSpan.FromSeconds(5),
            async token => await AskAsync(tenant, Catalog.OfTenant(tenant).Model, token) is { StatusCode: 200 } served
                ? WaitVerdict<GatewayExchange>.Reached(served)
                : WaitVerdict<GatewayExchange>.NotYet($"answered {Last.StatusCode}"), ct));

    /// <summary>Notes the model's token counters in Prometheus, after a scrape newer than now (<see cref="PrometheusDriver.NoteBaselineAsync"/>).</summary>
    public async Task NoteTokenCountersAsync(string model, CancellationToken ct = default)
    {
        _answersBeforeCounters = Answers.Count;
        _counters = await _prometheus.NoteBaselineAsync([.. TokenMetrics.Sums(model), .. TokenMetrics.Counts(model)], ct);
    }

    /// <summary>The answers since the token counters were noted: what they must rise by.</summary>
    public IReadOnlyList<GatewayExchange> AnswersSinceCountersNoted => Answers.Skip(_answersBeforeCounters).ToList();

    /// <summary>The rises of the model's token counters since they were noted (<see cref="TokenMetrics.RiseAsync"/>).</summary>
    public Task<(PrometheusResult Sums, PrometheusResult Counts)> TokenCounterRiseAsync(string model, ReportedTokens reported, CancellationToken ct = default) =>
        TokenMetrics.RiseAsync(_prometheus, _counters ?? throw new InvalidOperationException(
            "The token counters were not noted before the answers: add the step that notes them."), model, reported, ct);
}
