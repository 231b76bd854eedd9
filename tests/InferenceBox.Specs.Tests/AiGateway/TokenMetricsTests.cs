using InferenceBox.Specs.Support.AiGateway;
using InferenceBox.Specs.Support.Metrics;
using InferenceBox.Platform.Waiting;

namespace InferenceBox.Specs.Tests.AiGateway;

/// <summary>
/// The token-metrics check on a real Prometheus scraping the ext_proc's series: the rise since a noted baseline is exactly what
/// the answers reported, per token type, whatever was counted before; a usage counted twice or not at all is caught.
/// </summary>
public sealed class TokenMetricsTests(ExtProcPrometheus extProc, ITestOutputHelper output) : IClassFixture<ExtProcPrometheus>
{
    private static readonly HttpClient Http = new();
    private PrometheusDriver Driver => new(extProc.Url, new WaitBudgets(0.3), Http, new InferenceBox.Specs.Support.Diagnostics.ScenarioTimeline(), pollInterval: TimeSpan.FromMilliseconds(250));

    private static IReadOnlyList<Support.Gateway.GatewayExchange> Answers(params (int Prompt, int Completion)[] usages) =>
        usages.Select((u, i) => RecordedAnswers.Served(DateTimeOffset.UnixEpoch.AddSeconds(i), u.Prompt, u.Completion, 500, 30)).ToList();

    private async Task<IReadOnlyList<string>> CheckAsync(string model, Action<ReportedTokens> gatewayRecords, params (int, int)[] usages)
    {
        var ct = TestContext.Current.CancellationToken;
        extProc.Record(model, new ChatUsage(40, 60, 100)); // counted before the scenario: never part of the rise
        await Driver.WaitForIncreaseAsync($"count({TokenMetrics.Metric}_sum{{gen_ai_request_model=\"{model}\"}})", 0, 3, ct);
        var baseline = await Driver.NoteBaselineAsync([.. TokenMetrics.Sums(model), .. TokenMetrics.Counts(model)], ct);
        var reported = ReportedTokens.Of(Answers(usages));
        gatewayRecords(reported);

        var (sums, counts) = await TokenMetrics.RiseAsync(Driver, baseline, model, reported, ct);

        output.WriteLine($"{reported}: {string.Join(", ", sums.Samples)}; {string.Join(", ", counts.Samples)}");
        return TokenMetrics.Problems(reported, sums, counts);
    }

    [Fact]
    public async Task The_counters_rise_by_exactly_what_the_answers_reported()
    {
        (int, int)[] usages = [(34, 8), (35, 9), (34, 16)];
        var problems = await CheckAsync("tenant-b/qwen-chat", _ => { foreach (var (p, c) in usages) extProc.Record("tenant-b/qwen-chat", new(p, c, p + c)); }, usages);

        problems.Should().BeEmpty();
    }

    [Fact]
    public async Task A_usage_counted_twice_is_caught()
    {
        (int, int)[] usages = [(34, 8), (35, 9)];
        var problems = await CheckAsync("tenant-c/qwen-chat", _ =>
        {
            foreach (var (p, c) in usages) extProc.Record("tenant-c/qwen-chat", new(p, c, p + c));
            extProc.Record("tenant-c/qwen-chat", new(35, 9, 44));
        }, usages);

        problems.Should().Contain(p => p.Contains("_sum{gen_ai_token_type=\"total\"} rose by 130, the answers reported 86 total tokens"))
            .And.Contain(p => p.Contains("_count{gen_ai_token_type=\"input\"} rose by 3, for 2 answers"));
    }
}
