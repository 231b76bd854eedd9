using InferenceBox.Platform.Schemas;

namespace InferenceBox.Platform.Emulator;

/// <summary>How to start an <see cref="ApiServerEmulator"/>. <see cref="Schemas"/> and <see cref="Images"/> are required.</summary>
public sealed record EmulatorOptions
{
    /// <summary>The pinned schemas (see <see cref="EmulatorSchemas"/> for a per-process cache): discovery and validation come from them.</summary>
    public required SchemaStore Schemas { get; init; }

    /// <summary>
    /// The images its controllers and Istio's injection write into pods, from manifests/versions.yaml
    /// (<see cref="EmulatorImages.From"/>): the emulator has none of its own.
    /// </summary>
    public required EmulatorImages Images { get; init; }

    /// <summary>The clock for timestamps, the watch window's freshness and bookmarks; inject a fake one in tests.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>
    /// The event window per resource, as the watch cache sizes it (kubernetes/apiserver@v0.32.5
    /// pkg/storage/cacher/watch_cache.go: <c>defaultLowerBoundCapacity</c> 100, <c>defaultUpperBoundCapacity</c>
    /// 100 × 1024). Set both small to make "too old resource version" happen in a test.
    /// </summary>
    public int WatchCacheLowerBound { get; init; } = 100;

    public int WatchCacheUpperBound { get; init; } = 100 * 1024;

    /// <summary>How often watches that allow bookmarks get one (cacher.go <c>defaultBookmarkFrequency</c>); null: only on <see cref="ApiServerEmulator.SendBookmarks"/>.</summary>
    public TimeSpan? BookmarkFrequency { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Istio's sidecar settings (helm values of istiod the emulator cannot read from the cluster).</summary>
    public Admission.SidecarSettings Sidecars { get; init; } = new();

    /// <summary>
    /// An InferenceService becomes Ready as soon as its predictor pod is running (for the rehearsal); otherwise only
    /// <see cref="ClusterObjects.MarkInferenceServiceReadyAsync"/> makes it Ready.
    /// </summary>
    public bool InferenceServicesBecomeReady { get; init; }

    /// <summary>The namespaces a new cluster has (a kind v0.29.0 cluster's, without its workloads).</summary>
    public IReadOnlyList<string> Namespaces { get; init; } = ["default", "kube-system", "kube-public", "kube-node-lease"];
}
