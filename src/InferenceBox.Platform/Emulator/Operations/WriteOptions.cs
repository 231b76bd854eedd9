using System.Text.Json.Nodes;

namespace InferenceBox.Platform.Emulator.Operations;

/// <summary>
/// The options of one write, from its query string: <c>fieldManager</c>, <c>force</c>, <c>dryRun</c>,
/// <c>fieldValidation</c> (Strict, Warn — the server's default, kubernetes/apiserver@v0.32.5
/// pkg/endpoints/handlers/rest.go <c>fieldValidation</c> — or Ignore), and the caller's User-Agent.
/// </summary>
public sealed record WriteOptions(string? FieldManager = null, bool Force = false, bool DryRun = false, string FieldValidation = "", string UserAgent = "")
{
    /// <summary>The manager name, or the User-Agent's product (rest.go, <c>managerOrUserAgent</c>).</summary>
    public string Manager => !string.IsNullOrEmpty(FieldManager) ? FieldManager
        : UserAgent.Split('/')[0] is { Length: > 0 } agent ? agent[..Math.Min(agent.Length, 128)] : "unknown";

    public string Validation => FieldValidation.Length == 0 ? "Warn" : FieldValidation;
}

/// <summary>What a write produced: the object as stored (or as it would be, on a dry run), whether it was created, warnings.</summary>
public sealed record WriteResult(JsonObject Object, bool Created, IReadOnlyList<string> Warnings);
