using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using InferenceBox.Platform.Emulator;
using InferenceBox.Platform.Waiting;
using InferenceBox.Specs.Tests.Emulator;
using k8s;
using InferenceBox.Platform.Cluster;

namespace InferenceBox.Specs.Tests.Cluster;

/// <summary>
/// Where the adapter's tests run: the API server emulator by default; and a real cluster too when
/// INFERENCEBOX_TEST_KUBECONTEXT names one of your kubeconfig's contexts (otherwise the "cluster" case is skipped with
/// that reason). Each test gets a namespace of its own, deleted afterwards, and a client that records what it sends.
/// </summary>
public sealed class AdapterTarget : IAsyncDisposable
{
    public const string ContextVariable = "INFERENCEBOX_TEST_KUBECONTEXT";
    public const string Emulator = "emulator", Cluster = "cluster";

    /// <summary>For [Theory, MemberData]: every target.</summary>
    public static TheoryData<string> All => [Emulator, Cluster];

    private readonly List<ObjectRef> _cleanup = [];

    private AdapterTarget(string name, IKubernetes client, RecordingHandler requests, ApiServerEmulator? server)
    {
        Name = name;
        Client = client;
        Requests = requests;
        Server = server;
    }

    public string Name { get; }
    public IKubernetes Client { get; }
    public RecordingHandler Requests { get; }

    /// <summary>The emulator, for what only a test double offers (its clock, its watch window, status as a controller writes it).</summary>
    public ApiServerEmulator? Server { get; }

    public string Namespace { get; } = "adapter-" + Guid.NewGuid().ToString("N")[..8];

    public static async Task<AdapterTarget> StartAsync(string target, Func<EmulatorOptions, EmulatorOptions>? configure = null)
    {
        var requests = new RecordingHandler();
        if (target == Cluster)
        {
            var context = Environment.GetEnvironmentVariable(ContextVariable);
            Assert.SkipWhen(string.IsNullOrWhiteSpace(context),
                $"{ContextVariable} is not set: the adapter's tests ran against the API server emulator only. Set it to a kube context " +
                "(e.g. kind-inference-in-a-box) to run them against that cluster too.");
            var config = KubernetesClientConfiguration.BuildConfigFromConfigFile(KubeClientFactory.KubeconfigPath(null), currentContext: context);
            return new AdapterTarget(target, new Kubernetes(config, requests), requests, null);
        }
        var server = await Emulators.StartAsync(configure);
        return new AdapterTarget(target, new Kubernetes(new KubernetesClientConfiguration { Host = server.Url.ToString().TrimEnd('/') }, requests),
            requests, server);
    }

    public ClusterApi Api(TimeProvider? clock = null, WaitBudgets? budgets = null) => new(Client, budgets ?? new WaitBudgets(), clock);

    /// <summary>This test's namespace, created now and deleted when the test ends.</summary>
    public async Task<string> CreateNamespaceAsync()
    {
        await Api().ApplyObjectAsync(new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = Namespace } },
            "test", TestContext.Current.CancellationToken);
        _cleanup.Add(new ObjectRef("v1", "Namespace", null, Namespace));
        return Namespace;
    }

    /// <summary>A cluster-scoped object the test creates (a CRD), deleted when the test ends.</summary>
    public void DeleteAfterwards(ObjectRef obj) => _cleanup.Add(obj);

    public async ValueTask DisposeAsync()
    {
        foreach (var obj in _cleanup) await Api().DeleteAsync(obj, "Background", CancellationToken.None);
        Client.Dispose();
        if (Server is not null) await Server.DisposeAsync();
    }
}

/// <summary>Records every request the client sends (method, path and query), and tells a test when one matching a predicate is sent.</summary>
public sealed class RecordingHandler : DelegatingHandler
{
    private readonly ConcurrentQueue<string> _sent = new();
    private readonly ConcurrentBag<(Func<string, bool> Match, TaskCompletionSource Seen)> _waiters = [];

    public IReadOnlyList<string> Sent => [.. _sent];

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var line = $"{request.Method} {Uri.UnescapeDataString(request.RequestUri!.PathAndQuery)}";
        _sent.Enqueue(line);
        foreach (var (match, seen) in _waiters) if (match(line)) seen.TrySetResult();
        return base.SendAsync(request, cancellationToken);
    }

    /// <summary>Completes once a request matching <paramref name="match"/> has been sent (already, or later); bounded by 30 s of waiting.</summary>
    public Task SentAsync(Func<string, bool> match)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiters.Add((match, seen));
        if (_sent.Any(match)) seen.TrySetResult();
        return seen.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
    }
}
