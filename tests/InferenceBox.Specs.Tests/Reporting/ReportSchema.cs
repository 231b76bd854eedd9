using System.Text.Json;
using InferenceBox.Platform.Run;
using Json.Schema;

namespace InferenceBox.Specs.Tests.Reporting;

/// <summary>docs/conformance-report.schema.json, evaluated by JsonSchema.Net (draft 2020-12, formats checked).</summary>
public static class ReportSchema
{
    public static string SchemaFile => Path.Combine(RunPaths.RequireRepositoryRoot(), "docs", "conformance-report.schema.json");

    private static readonly Lazy<JsonSchema> Schema = new(() => JsonSchema.FromText(File.ReadAllText(SchemaFile)));

    /// <summary>Every violation, as "instance location: keyword: message"; empty when the report is valid.</summary>
    public static IReadOnlyList<string> Errors(string reportJson)
    {
        var results = Schema.Value.Evaluate(JsonDocument.Parse(reportJson).RootElement,
            new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        if (results.IsValid) return [];
        return (results.Details ?? []).Prepend(results)
            .SelectMany(d => (d.Errors ?? new Dictionary<string, string>()).Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value}"))
            .Distinct().ToList();
    }
}
