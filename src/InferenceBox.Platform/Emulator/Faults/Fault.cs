using InferenceBox.Platform.Emulator.Http;

namespace InferenceBox.Platform.Emulator.Faults;

/// <summary>
/// Which requests a fault hits: any field left null matches everything. <see cref="Kind"/> matches a resource's kind
/// or its plural ("InferenceService" or "inferenceservices"); <see cref="Verb"/> is the API verb (get, list, watch,
/// create, update, patch, delete). A server-side apply is a <c>patch</c>.
/// </summary>
public sealed record FaultScope(string? Kind = null, string? Namespace = null, string? Name = null, string? Verb = null, string? Group = null)
{
    public static FaultScope Everything { get; } = new();

    internal bool Matches(RequestInfo? info, Discovery.ApiResource? resource) =>
        (Kind is null || resource is not null && (resource.Kind == Kind || resource.Plural == Kind))
        && (Group is null || resource?.Group == Group)
        && (Namespace is null || info?.Namespace == Namespace)
        && (Name is null || info?.Name == Name)
        && (Verb is null || info?.Verb == Verb);

    public override string ToString() =>
        $"{Verb ?? "any verb"} of {Kind ?? "any kind"}{(Namespace is null ? "" : " in " + Namespace)}{(Name is null ? "" : " named " + Name)}";
}

/// <summary>What goes wrong: made by the factories (<c>Fault.ServiceUnavailable()</c>, <c>Fault.WebhookCallFailed(...)</c>, ...).</summary>
public abstract partial record Fault
{
    /// <summary>The request waits this long (on the emulator's clock), then is answered normally.</summary>
    public sealed record Delayed(TimeSpan Delay) : Fault;

    /// <summary>The request is answered with this Status instead.</summary>
    public sealed record Refused(ApiError Error) : Fault
    {
        public override string ToString() => $"{Error.Code} {Error.Reason}: {Error.Message}";
    }

    /// <summary>The connection is dropped before any response (the client sees a reset / premature end).</summary>
    public sealed record Dropped : Fault;
}

/// <summary>A fault in place: what it does, where, how many more times (null: until removed), and how often it struck.</summary>
public sealed class ScheduledFault(Fault fault, FaultScope scope, int? times)
{
    private int _struck;

    public Fault Fault { get; } = fault;
    public FaultScope Scope { get; } = scope;
    public int? Remaining { get; private set; } = times;
    public int Struck => _struck;

    internal bool TryTake()
    {
        if (Remaining is 0) return false;
        if (Remaining is { } n) Remaining = n - 1;
        _struck++;
        return true;
    }

    public override string ToString() => $"{Fault} on {Scope} ({_struck} so far{(Remaining is null ? "" : $", {Remaining} left")})";
}
