using System.Collections.Concurrent;

namespace InferenceBox.Platform.Emulator.Http;

/// <summary>
/// One request the emulator answered: method, path, query, content type, status code, and for a refusal its
/// reason, message and the layer that refused (validation, admission:&lt;plugin&gt;, fault, ...).
/// </summary>
public sealed record RequestRecord(string Method, string Path, string Query, string? ContentType, int Status, string? Reason = null,
    string? Message = null, string? Layer = null)
{
    public override string ToString() =>
        $"{Method} {Path}{Query} → {Status}{(Reason is null ? "" : " " + Reason)}{(Layer is null ? "" : $" [{Layer}]")}{(Message is null ? "" : ": " + Message)}";
}

/// <summary>The requests answered so far, oldest first (a watch is recorded when it opens).</summary>
public sealed class RequestLog
{
    private readonly ConcurrentQueue<RequestRecord> _records = new();

    public IReadOnlyList<RequestRecord> All => _records.ToArray();

    internal void Add(RequestRecord record) => _records.Enqueue(record);
}
