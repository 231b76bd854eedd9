using InferenceBox.Platform.Manifests;
using InferenceBox.Platform.Schemas;
using InferenceBox.Platform.Schemas.Supply;

namespace InferenceBox.Platform.Emulator;

/// <summary>
/// The images the emulator's stand-ins for controllers and webhooks write into the pods they create, each as
/// manifests/versions.yaml pins it (images:), so the emulator and the platform name one image per component. Which
/// upstream component sets which image, at the pinned tag:
/// <list type="bullet">
/// <item><see cref="EnvoyProxy"/>: Envoy Gateway's proxy Deployment, envoyproxy/gateway@v1.4.2
/// api/v1alpha1/shared_types.go:27 <c>DefaultEnvoyProxyImage</c> = "docker.io/envoyproxy/envoy:distroless-v1.34.1"
/// (our EnvoyProxy sets no image, so the default applies).</item>
/// <item><see cref="IstioProxy"/>: istiod's injection webhook, istio/istio@1.26.2
/// manifests/charts/istio-control/istio-discovery/files/injection-template.yaml:89 (<c>image: "{{ .ProxyImage }}"</c>, from
/// values.yaml:247-249 <c>global.hub</c> and <c>global.tag</c>, :308 <c>global.proxy.image</c> proxyv2; the source tree says
/// gcr.io/istio-testing and latest there, which Istio's release build replaces by docker.io/istio and 1.26.2 in the
/// published chart).</item>
/// <item><see cref="StorageInitializer"/>: KServe's ClusterStorageContainer "default", kserve/kserve@v0.15.2
/// charts/kserve-resources/templates/clusterstoragecontainer.yaml (<c>{{ kserve.storage.image }}:{{ kserve.storage.tag }}</c>)
/// with values.yaml:16-17 <c>kserve.storage.image</c> kserve/storage-initializer, tag <c>kserve.version</c> (:2) v0.15.2.</item>
/// </list>
/// </summary>
public sealed record EmulatorImages(string EnvoyProxy, string IstioProxy, string StorageInitializer)
{
    public const string EnvoyProxyRepository = "docker.io/envoyproxy/envoy";
    public const string IstioProxyRepository = "docker.io/istio/proxyv2";
    public const string StorageInitializerRepository = "kserve/storage-initializer";

    /// <summary>The three images as <paramref name="versionLock"/> pins them; one error naming every missing key.</summary>
    public static EmulatorImages From(VersionLock versionLock)
    {
        string?[] pins = [PinOrNull(versionLock, EnvoyProxyRepository), PinOrNull(versionLock, IstioProxyRepository),
            PinOrNull(versionLock, StorageInitializerRepository)];
        if (pins is [{ } envoy, { } istio, { } storage]) return new EmulatorImages(envoy, istio, storage);
        var missing = new[] { EnvoyProxyRepository, IstioProxyRepository, StorageInitializerRepository }.Where((_, i) => pins[i] is null);
        throw Missing(missing.ToArray());
    }

    /// <summary>One of the three as <paramref name="versionLock"/> pins it (for the validator's model of admitted pods).</summary>
    public static string PinIn(VersionLock versionLock, string repository) => PinOrNull(versionLock, repository) ?? throw Missing(repository);

    /// <summary>The image reference the lock pins for <paramref name="repository"/>, matched as Docker resolves names
    /// (<see cref="LockedImage.Find"/>); an entry with neither tag nor digest pins nothing.</summary>
    private static string? PinOrNull(VersionLock versionLock, string repository) =>
        LockedImage.Find(versionLock, repository) is { } locked && (!string.IsNullOrWhiteSpace(locked.Tag) || locked.Digest is not null)
            ? locked.ToString() : null;

    private static InvalidDataException Missing(params string[] repositories) => new(
        $"manifests/{VersionLock.FileName} has no images: entry for {string.Join(", ", repositories.Select(r => $"{r} ({Who(r)})"))}; " +
        "the API server emulator writes that image into the pods it creates. Add it under images: (tag@sha256:…, or a tag with " +
        "its reason under unpinned.images).");

    private static string Who(string repository) => repository switch
    {
        EnvoyProxyRepository => "Envoy Gateway's proxy pods",
        IstioProxyRepository => "Istio's injected sidecars",
        _ => "KServe's storage-initializer init container",
    };
}
