using System.Collections.Concurrent;
using InferenceBox.Platform.Progress;
using InferenceBox.Platform.Provisioning.Graph;
using InferenceBox.Platform.Provisioning.Ports;
using InferenceBox.Platform.Manifests;

namespace InferenceBox.Specs.Tests.Provisioning;

public sealed class RecordingProgress : IProgressChannel
{
    public ConcurrentQueue<ProgressEvent> Events { get; } = new();
    public void Report(ProgressEvent progressEvent) => Events.Enqueue(progressEvent);
    public IEnumerable<string> Lines => Events.Select(e => e.ToString());
}

/// <summary>A phase whose satisfaction and behaviour the test decides; records when it ran.</summary>
public sealed class FakePhase(string name, int estimateSeconds = 10, params string[] dependsOn) : IPhase
{
    public string Name { get; } = name;
    public IReadOnlyList<string> DependsOn { get; } = dependsOn;
    public string Budget => "helm-release";
    public TimeSpan Estimate { get; } = TimeSpan.FromSeconds(estimateSeconds);
    public bool Satisfied { get; set; }
    public Func<CancellationToken, Task> Body { get; set; } = _ => Task.CompletedTask;
    public int Runs;

    public Task<bool> IsSatisfiedAsync(CancellationToken ct) => Task.FromResult(Satisfied);
    public async Task RunAsync(CancellationToken ct) { Interlocked.Increment(ref Runs); await Body(ct); }
}

/// <summary>
/// Records every command. Answers like the real tools for a cluster whose state the test sets: which releases are
/// deployed (helm list), whether the Kind cluster exists, what docker info says. Releases named in
/// <see cref="Rendezvous"/> wait in `helm upgrade` until all of them have started: proof of concurrency.
/// </summary>
public sealed class RecordingToolRunner : IToolRunner
{
    public ConcurrentQueue<string> Commands { get; } = new();
    public ConcurrentDictionary<string, string> Deployed { get; } = new(); // release -> chart-version
    public bool ClusterExists { get; set; }
    public ToolResult DockerInfo { get; set; } = new(0, """{"NCPU":8,"MemTotal":17179869184}""", "");
    public string CrdsYaml { get; set; } = "";
    public HashSet<string> Rendezvous { get; } = [];
    public ConcurrentDictionary<string, string> FailReleases { get; } = new(); // release -> stderr
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _arrived = new();

    public async Task<ToolResult> RunAsync(string tool, IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken ct, string? standardInput = null)
    {
        var line = $"{tool} {string.Join(' ', arguments)}";
        Commands.Enqueue(line);
        switch (tool, arguments.FirstOrDefault())
        {
            case ("docker", "info"): return DockerInfo;
            case ("kind", "get"): return Ok(ClusterExists ? "inference-in-a-box\n" : "No kind clusters found.\n");
            case ("kind", "create"): ClusterExists = true; return Ok("");
            case ("helm", "list"):
                var release = arguments[arguments.ToList().IndexOf("--filter") + 1].Trim('^', '$');
                return Ok(Deployed.TryGetValue(release, out var chart) ? $$"""[{"name":"{{release}}","status":"deployed","chart":"{{chart}}"}]""" : "[]");
            case ("helm", "show"): return Ok(CrdsYaml);
            case ("helm", "pull"):
                // What helm writes for an OCI reference: <dir>/<name>-<tag>.tgz (bytes of our own, see PulledBytes).
                var (reference, pulledVersion, dir) = (arguments[1], Option(arguments, "--version")!, Option(arguments, "-d")!);
                var archive = Path.Combine(dir, $"{reference.Split('/')[^1]}-{pulledVersion}.tgz");
                File.WriteAllBytes(archive, PulledBytes(reference, pulledVersion));
                return Ok($"Pulled: {reference}:{pulledVersion}\n");
            case ("helm", "upgrade"):
                var name = arguments[2];
                if (FailReleases.TryGetValue(name, out var error)) return new ToolResult(1, "", error);
                // The archive's version, as helm reads it from the chart inside (here: the name helm pull gave it).
                Deployed[name] = "chart-" + Path.GetFileNameWithoutExtension(arguments[3]).Split('-')[^1];
                if (Rendezvous.Contains(name)) await MeetAsync(name);
                return Ok("");
            default: return Ok("");
        }
    }

    private async Task MeetAsync(string name)
    {
        _arrived.GetOrAdd(name, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        var all = Rendezvous.Select(r => _arrived.GetOrAdd(r, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task);
        // Bounded: if the phases ran one after another, the others never arrive and this fails the test.
        await Task.WhenAll(all).WaitAsync(TimeSpan.FromSeconds(10));
    }

    /// <summary>The bytes this fake's <c>helm pull</c> writes for a chart (the fixture's lock pins their SHA-256).</summary>
    public static byte[] PulledBytes(string reference, string version) => System.Text.Encoding.UTF8.GetBytes($"chart {reference} {version}\n");

    private static string? Option(IReadOnlyList<string> arguments, string name) =>
        arguments.ToList().IndexOf(name) is var i and >= 0 && i + 1 < arguments.Count ? arguments[i + 1] : null;

    private static ToolResult Ok(string output) => new(0, output, "");
}

/// <summary>A cluster in memory: a requirement is ready once marked (or once waited on, when the phase installs).</summary>
public sealed class RecordingClusterPort : IClusterPort
{
    public ConcurrentDictionary<string, ReadinessState> States { get; } = new();
    public ConcurrentQueue<string> Applied { get; } = new();
    public ConcurrentQueue<string> Waited { get; } = new();
    public ConcurrentDictionary<string, string> Secrets { get; } = new();
    public ConcurrentDictionary<string, string> Annotations { get; } = new();
    public List<LabelledObject> Labelled { get; } = [];
    public ConcurrentQueue<LabelledObject> Deleted { get; } = new();
    public bool EverythingReady { get; set; }
    public bool ObjectsExist { get; set; }

    public Task<ReadinessState> ProbeAsync(Readiness readiness, CancellationToken ct) => Task.FromResult(
        States.TryGetValue(readiness.Describe, out var s) ? s : new ReadinessState(EverythingReady, EverythingReady ? "ready" : "not found", (readiness as DeploymentAvailable)?.ExpectedVersion));

    public Task WaitAsync(Readiness readiness, string budgetName, TimeSpan budget, CancellationToken ct)
    {
        Waited.Enqueue(readiness.Describe);
        States[readiness.Describe] = new ReadinessState(true, "ready");
        return Task.CompletedTask;
    }

    public Task ApplyAsync(IReadOnlyList<ManifestObject> objects, CancellationToken ct)
    {
        foreach (var o in objects)
        {
            Applied.Enqueue(o.Identity);
            if (o.Kind == "Secret") Secrets[$"{o.Namespace}/{o.Name}"] = o.Json;
        }
        return Task.CompletedTask;
    }

    public Task<bool> ExistsAsync(ManifestObject manifestObject, CancellationToken ct) => Task.FromResult(ObjectsExist);
    /// <summary>
    /// A Secret this fake applied is its manifest: the value is <c>data[key]</c>, base64-decoded, as the API server's
    /// Secret.data holds it (ClusterApi.ReadSecretValueAsync reads data[key]); a missing key is null. A
    /// value a test set directly is returned as it is.
    /// </summary>
    public Task<string?> ReadSecretValueAsync(string ns, string name, string key, CancellationToken ct)
    {
        if (!Secrets.TryGetValue($"{ns}/{name}", out var stored)) return Task.FromResult<string?>(null);
        var manifest = stored.StartsWith('{') ? System.Text.Json.Nodes.JsonNode.Parse(stored) as System.Text.Json.Nodes.JsonObject : null;
        if (manifest?["kind"]?.GetValue<string>() != "Secret") return Task.FromResult<string?>(stored);
        var data = manifest["data"]?[key]?.GetValue<string>();
        return Task.FromResult(data is null ? null : System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(data)));
    }
    public Task<string?> ReadConfigMapValueAsync(string ns, string name, string key, CancellationToken ct) => Task.FromResult<string?>("config");
    public Task<string?> ReadPodTemplateAnnotationAsync(string ns, string deployment, string key, CancellationToken ct) =>
        Task.FromResult(Annotations.TryGetValue($"{ns}/{deployment}/{key}", out var v) ? v : null);
    public Task SetPodTemplateAnnotationAsync(string ns, string deployment, string key, string value, CancellationToken ct)
    {
        Annotations[$"{ns}/{deployment}/{key}"] = value;
        return Task.CompletedTask;
    }
    public Task<IReadOnlyList<LabelledObject>> ListLabelledAsync(string labelSelector, string valueOf, CancellationToken ct) => Task.FromResult<IReadOnlyList<LabelledObject>>(Labelled);
    public Task DeleteAsync(LabelledObject target, CancellationToken ct) { Deleted.Enqueue(target); return Task.CompletedTask; }
}

/// <summary>A weights cache that downloads nothing: a pin is verified once <see cref="EnsureAsync"/> has recorded it.</summary>
public sealed class RecordingWeights(string folder) : InferenceBox.Platform.Models.IModelWeights
{
    public ConcurrentBag<string> Ensured { get; } = [];

    public string FolderOf(InferenceBox.Platform.Models.WeightsPin pin) => Path.Combine(folder, pin.Name, pin.Sha256);

    public Task<bool> IsVerifiedAsync(InferenceBox.Platform.Models.WeightsPin pin, CancellationToken ct) => Task.FromResult(Ensured.Contains(pin.Name));

    public Task EnsureAsync(InferenceBox.Platform.Models.WeightsPin pin, CancellationToken ct)
    {
        Ensured.Add(pin.Name);
        return Task.CompletedTask;
    }
}
