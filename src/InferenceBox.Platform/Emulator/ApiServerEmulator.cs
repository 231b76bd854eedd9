using System.Net;
using System.Text.Json.Nodes;
using InferenceBox.Platform.Emulator.Admission;
using InferenceBox.Platform.Emulator.Admission.PodSecurity;
using InferenceBox.Platform.Emulator.Controllers;
using InferenceBox.Platform.Emulator.Discovery;
using InferenceBox.Platform.Emulator.Faults;
using InferenceBox.Platform.Emulator.Http;
using InferenceBox.Platform.Emulator.Operations;
using InferenceBox.Platform.Emulator.Storage;
using k8s;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace InferenceBox.Platform.Emulator;

/// <summary>
/// A stand-in for the Kubernetes API server, served over real HTTP on 127.0.0.1 (an ephemeral port) for
/// KubernetesClient to talk to exactly as it talks to a cluster. What it serves, refuses and does comes from the
/// pinned schemas and cited upstream rules; see README.md in this folder for what it imitates and what it does not.
/// <code>
/// await using var api = await ApiServerEmulator.StartAsync(new EmulatorOptions { Schemas = store, Images = EmulatorImages.From(versionLock) });
/// var client = api.CreateClient();
/// </code>
/// </summary>
public sealed class ApiServerEmulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ControllerLoop _controllers;
    private readonly ITimer? _bookmarks;

    private ApiServerEmulator(WebApplication app, ApiOperations operations, RequestLog requests, ControllerLoop controllers, ITimer? bookmarks, Uri url)
    {
        _app = app;
        Operations = operations;
        Requests = requests;
        _controllers = controllers;
        _bookmarks = bookmarks;
        Url = url;
        Objects = new ClusterObjects(operations);
    }

    /// <summary>http://127.0.0.1:&lt;port&gt;</summary>
    public Uri Url { get; }

    /// <summary>The objects, to inspect and to move status as a controller would (e.g. mark an InferenceService Ready).</summary>
    public ClusterObjects Objects { get; }

    /// <summary>Faults on demand (latency, 5xx, connection resets, failed webhook calls), scoped and counted.</summary>
    public required FaultPlan Faults { get; init; }

    /// <summary>Every request answered, with the layer that refused it, if any.</summary>
    public RequestLog Requests { get; }

    /// <summary>The write pipeline (admission, validation, storage) that HTTP requests and controllers share.</summary>
    public ApiOperations Operations { get; }

    public ObjectStore Store => Operations.Store;

    /// <summary>Exceptions the emulator's controllers threw (a bug in the emulator, not a refusal).</summary>
    public IReadOnlyList<Exception> ControllerFailures => _controllers.Failures;

    public static async Task<ApiServerEmulator> StartAsync(EmulatorOptions options, CancellationToken ct = default)
    {
        var time = options.Time;
        var catalog = new ResourceCatalog(options.Schemas);
        var store = new ObjectStore(time, options.WatchCacheLowerBound, options.WatchCacheUpperBound);
        var crds = new CustomResources(options.Schemas, catalog);
        // kube-apiserver's order (kubernetes/kubernetes pkg/kubeapiserver/options/plugins.go, AllOrderedPlugins)
        var plugins = new List<IAdmissionPlugin>
            { new NamespaceLifecycle(), new LimitRanger(), new IstioSidecarInjection(options.Sidecars, options.Images.IstioProxy), new PodSecurityAdmission(), new ResourceQuota() };
        var operations = new ApiOperations(store, catalog, options.Schemas, crds, plugins, time);
        var namespaces = catalog.Find(new Manifests.GroupVersionKind("", "v1", "Namespace"))
            ?? throw new InvalidOperationException($"The schemas in {options.Schemas.Root} serve no core/v1 Namespace: not a Kubernetes OpenAPI folder.");
        foreach (var ns in options.Namespaces)
            await operations.CreateAsync(namespaces, null, new JsonObject { ["metadata"] = new JsonObject { ["name"] = ns } }, new WriteOptions("kube-apiserver"), ct);
        var support = new ControllerSupport(operations);
        var controllers = new ControllerLoop(store, [
            new CrdController(operations, time), new NamespaceController(operations), new ResourceQuotaController(operations),
            new GarbageCollector(support), new InferenceServiceController(support, options.InferenceServicesBecomeReady, options.Images.StorageInitializer),
            new DeploymentController(support), new ReplicaSetController(support), new DaemonSetController(support), new PodStarter(support),
            new EndpointsController(support), new GatewayController(support), new EnvoyProxyController(support, options.Images.EnvoyProxy), new CertificateController(support)]);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var requests = new RequestLog();
        var watches = new WatchEndpoint(operations, time, () => app.Lifetime.ApplicationStopping);
        var faults = new FaultPlan(time, requests);
        var handler = new ApiHandler(operations, watches, requests, faults);
        app.Run(handler.HandleAsync);
        await app.StartAsync(ct);
        var address = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        var bookmarks = options.BookmarkFrequency is { } every ? time.CreateTimer(_ => store.Bookmark(), null, every, every) : null;
        return new ApiServerEmulator(app, operations, requests, controllers, bookmarks, new Uri(address)) { Faults = faults };
    }

    /// <summary>A client for this server, configured as for a cluster without authentication.</summary>
    public IKubernetes CreateClient() => new Kubernetes(new KubernetesClientConfiguration { Host = Url.ToString().TrimEnd('/') });

    /// <summary>Completes once the emulator's controllers have handled every change so far (theirs included).</summary>
    public Task SettledAsync(CancellationToken ct) => _controllers.SettledAsync(ct);

    /// <summary>Sends a BOOKMARK to every watch that allows bookmarks, now.</summary>
    public void SendBookmarks() => Store.Bookmark();

    /// <summary>Drops the watch history, as a restarted API server has none: a watch from an older resourceVersion then gets 410.</summary>
    public void ForgetWatchHistory() => Store.ForgetHistory();

    public async ValueTask DisposeAsync()
    {
        if (_bookmarks is not null) await _bookmarks.DisposeAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _controllers.DisposeAsync();
    }
}
