using System.Globalization;
using System.Text;
using InferenceBox.Specs.Support.AiGateway;
using InferenceBox.Specs.Tests.Metrics;

namespace InferenceBox.Specs.Tests.AiGateway;

/// <summary>
/// The loopback Prometheus scraping what the AI Gateway's ext_proc serves on aigw-metrics: histogram gen_ai.client.token.usage
/// (envoyproxy/ai-gateway@v0.2.1 internal/metrics/genai.go: unit {token}, buckets 1, 4, 16, … 67108864) through OpenTelemetry's
/// Prometheus exporter, which writes the series as upstream's own test reads them (tests/extproc/testupstream_test.go:
/// `gen_ai_server_time_per_output_token_seconds_bucket{gen_ai_operation_name="chat",gen_ai_request_model="something",
/// gen_ai_system_name="aws.bedrock",otel_scope_name="envoyproxy/ai-gateway",otel_scope_version="",le="0.01"} 1`; no unit
/// suffix for {token}, as tests/e2e/token_ratelimit_test.go queries gen_ai_client_token_usage_sum). Each recorded usage adds
/// one observation per token type, as RecordTokenUsage does (internal/metrics/chat_completion_metrics.go).
/// </summary>
public sealed class ExtProcPrometheus : LoopbackPrometheus
{
    private static readonly double[] Bounds = [1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864];
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Model, string Type), List<double>> _observations = new();

    public void Record(string model, ChatUsage usage)
    {
        lock (_gate)
            foreach (var (type, value) in new[] { ("input", usage.PromptTokens), ("output", usage.CompletionTokens), ("total", usage.TotalTokens) })
            {
                if (!_observations.TryGetValue((model, type), out var list)) _observations[(model, type)] = list = [];
                list.Add(value);
            }
    }

    protected override string Exposition()
    {
        var text = new StringBuilder("# HELP gen_ai_client_token_usage Number of tokens processed.\n# TYPE gen_ai_client_token_usage histogram\n");
        lock (_gate)
            foreach (var ((model, type), values) in _observations)
            {
                var labels = $"gen_ai_operation_name=\"chat\",gen_ai_request_model=\"{model}\",gen_ai_system_name=\"openai\",gen_ai_token_type=\"{type}\"," +
                             "otel_scope_name=\"envoyproxy/ai-gateway\",otel_scope_version=\"\"";
                foreach (var bound in Bounds)
                    text.Append($"gen_ai_client_token_usage_bucket{{{labels},le=\"{bound.ToString(CultureInfo.InvariantCulture)}\"}} {values.Count(v => v <= bound)}\n");
                text.Append($"gen_ai_client_token_usage_bucket{{{labels},le=\"+Inf\"}} {values.Count}\n");
                text.Append($"gen_ai_client_token_usage_sum{{{labels}}} {values.Sum().ToString(CultureInfo.InvariantCulture)}\n");
                text.Append($"gen_ai_client_token_usage_count{{{labels}}} {values.Count}\n");
            }
        return text.ToString();
    }
}
