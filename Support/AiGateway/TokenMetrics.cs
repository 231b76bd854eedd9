using System.Globalization;
using InferenceBox.Specs.Support.Gateway;
using InferenceBox.Specs.Support.Metrics;

namespace InferenceBox.Specs.Support.AiGateway;

/// <summary>Tokens the answers reported, per type, and how many answers reported them.</summary>
public sealed record ReportedTokens(long Input, long Output, long Total, int Answers)
{
    public static ReportedTokens Of(IEnumerable<GatewayExchange> answers)
    {
        var usages = answers.Select(AiGatewayAnswers.UsageOf).OfType<ChatUsage>().ToList();
        return new(usages.Sum(u => (long)u.PromptTokens), usages.Sum(u => (long)u.CompletionTokens), usages.Sum(u => (long)u.TotalTokens), usages.Count);
    }

    public long Of(string tokenType) => tokenType switch { "input" => Input, "output" => Output, _ => Total };

    public override string ToString() => $"{Answers} answers reporting {Input} input, {Output} output, {Total} total tokens";
}

/// <summary>
/// The AI gateway's token metrics as Prometheus holds them. Its ext_proc records, once per response, the response's prompt,
/// completion and total tokens into histogram gen_ai.client.token.usage with gen_ai.token.type input/output/total and
/// gen_ai.request.model = the request's model (envoyproxy/ai-gateway@v0.2.1 internal/metrics/genai.go,
/// chat_completion_metrics.go RecordTokenUsage; responses are processed at the router filter only, the upstream filter skips
/// them: internal/extensionserver/extensionserver.go). Exported by OpenTelemetry's Prometheus exporter as
/// gen_ai_client_token_usage_{sum,count,bucket} (the names upstream's tests/e2e/token_ratelimit_test.go queries). So the
/// _sum of each type rises by exactly the tokens the answers reported, and each _count by the number of answers: tolerance 0.
/// </summary>
public static class TokenMetrics
{
    public const string Metric = "gen_ai_client_token_usage";
    public static readonly IReadOnlyList<string> TokenTypes = ["input", "output", "total"];

    public static IReadOnlyList<string> Sums(string model) => Selectors("_sum", model);

    public static IReadOnlyList<string> Counts(string model) => Selectors("_count", model);

    private static IReadOnlyList<string> Selectors(string suffix, string model) =>
        TokenTypes.Select(t => $"{Metric}{suffix}{{gen_ai_request_model=\"{model}\",gen_ai_token_type=\"{t}\"}}").ToList();

    /// <summary>
    /// Waits (scrape-delta budget) until the model's counters show at least what the answers since
    /// <paramref name="baseline"/> reported, then reads each rise by token type: (the _sum rises, the _count rises).
    /// </summary>
    public static async Task<(PrometheusResult Sums, PrometheusResult Counts)> RiseAsync(PrometheusDriver prometheus, CounterBaseline baseline,
        string model, ReportedTokens reported, CancellationToken ct = default)
    {
        var sums = baseline with { Selectors = Sums(model) };
        var counts = baseline with { Selectors = Counts(model) };
        await prometheus.WaitForRiseAsync(sums, reported.Input + reported.Output + reported.Total, ct);
        await prometheus.WaitForRiseAsync(counts, TokenTypes.Count * reported.Answers, ct);
        return (await prometheus.RiseAsync(sums, "gen_ai_token_type", ct), await prometheus.RiseAsync(counts, "gen_ai_token_type", ct));
    }

    /// <summary>What is wrong with the rises of the _sum and _count series, by token type, given what the answers reported.</summary>
    public static IReadOnlyList<string> Problems(ReportedTokens reported, PrometheusResult sumRise, PrometheusResult countRise)
    {
        var problems = new List<string>();
        foreach (var type in TokenTypes)
        {
            var sum = Rise(sumRise, type);
            var count = Rise(countRise, type);
            if (sum != reported.Of(type))
                problems.Add($"{Metric}_sum{{gen_ai_token_type=\"{type}\"}} rose by {Format(sum)}, the answers reported {reported.Of(type)} {type} tokens");
            if (count != reported.Answers)
                problems.Add($"{Metric}_count{{gen_ai_token_type=\"{type}\"}} rose by {Format(count)}, for {reported.Answers} answers");
        }
        return problems;
    }

    private static double Rise(PrometheusResult result, string type) =>
        result.Samples.Where(s => s.Labels.GetValueOrDefault("gen_ai_token_type") == type).Sum(s => s.Value);

    private static string Format(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
