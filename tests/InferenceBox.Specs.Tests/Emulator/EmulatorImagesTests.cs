using InferenceBox.Platform.Emulator;
using InferenceBox.Platform.Emulator.Controllers;
using InferenceBox.Specs.Tests.Schemas;
using k8s;

namespace InferenceBox.Specs.Tests.Emulator;

/// <summary>
/// The images in the pods the emulator makes (Envoy Gateway's proxy, Istio's sidecar, KServe's storage initializer) are
/// the version lock's (issue 15 item 7: one source), never the emulator's own.
/// </summary>
public sealed class EmulatorImagesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The repository's lock with each of the three retagged: what the emulator writes must follow.</summary>
    private static EmulatorImages Retagged()
    {
        var versionLock = TestPaths.LoadRepositoryLock();
        versionLock.Images[EmulatorImages.EnvoyProxyRepository] = "distroless-v9.9.9";
        versionLock.Images[EmulatorImages.IstioProxyRepository] = "9.9.9";
        versionLock.Images[EmulatorImages.StorageInitializerRepository] = "v9.9.9";
        return EmulatorImages.From(versionLock);
    }

    [Fact]
    public void The_repositorys_lock_gives_each_image_as_it_pins_it()
    {
        var versionLock = TestPaths.RepositoryLock;
        var images = EmulatorImages.From(versionLock);

        images.EnvoyProxy.Should().Be($"{EmulatorImages.EnvoyProxyRepository}:{versionLock.Images[EmulatorImages.EnvoyProxyRepository]}");
        images.IstioProxy.Should().Be($"{EmulatorImages.IstioProxyRepository}:{versionLock.Images[EmulatorImages.IstioProxyRepository]}");
        images.StorageInitializer.Should().Be($"{EmulatorImages.StorageInitializerRepository}:{versionLock.Images[EmulatorImages.StorageInitializerRepository]}");
    }

    [Fact]
    public async Task A_lock_with_another_proxyv2_tag_gives_the_injected_sidecar_and_its_init_container_that_tag()
    {
        await using var api = await Emulators.StartAsync(o => o with { Images = Retagged() });
        var client = api.CreateClient();
        await client.ApplyAsync(api, "apiVersion: v1\nkind: Namespace\nmetadata: {name: tenant-a, labels: {istio-injection: enabled}}");

        var pod = await client.ApplyAsync(api, "apiVersion: v1\nkind: Pod\nmetadata: {name: model, namespace: tenant-a}\nspec: {containers: [{name: model, image: model}]}");

        var images = pod["spec"]!["containers"]!.AsArray().Concat(pod["spec"]!["initContainers"]!.AsArray())
            .ToDictionary(c => c!["name"]!.ToString(), c => c!["image"]!.ToString());
        images.Should().Equal(new Dictionary<string, string>
        {
            ["model"] = "model", ["istio-proxy"] = "docker.io/istio/proxyv2:9.9.9", ["istio-init"] = "docker.io/istio/proxyv2:9.9.9",
        });
    }

    [Fact]
    public async Task A_lock_with_another_storage_initializer_tag_gives_the_predictors_init_container_that_tag()
    {
        await using var api = await InferenceServiceTests.PlatformAsync(images: Retagged());
        var client = api.CreateClient();

        await client.ApplyAsync(api, InferenceServiceTests.Isvc("1Gi").Replace("pvc://models/sklearn-iris/v1", "gs://kfserving-examples/models/sklearn/1.0/model"));
        await api.SettledAsync(Ct);

        var pod = (await client.CoreV1.ListNamespacedPodAsync("tenant-a", cancellationToken: Ct)).Items.Should().ContainSingle().Which;
        pod.Spec.InitContainers.Should().Contain(c => c.Name == "storage-initializer").Which.Image.Should().Be("kserve/storage-initializer:v9.9.9");
    }

    [Fact]
    public async Task A_lock_with_another_envoy_tag_gives_Envoy_Gateways_proxy_that_tag()
    {
        await using var api = await EnvoyProxyTests.GatewayAsync(o => o with { Images = Retagged() });

        var proxy = api.Objects.List("apps/v1", "Deployment", "envoy-gateway-system")
            .Single(d => d["metadata"]!["name"]!.ToString() == "envoy-" + EnvoyProxyController.HashedName("envoy-gateway-system/inference-gateway", 48));
        proxy["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]!.ToString().Should().Be("docker.io/envoyproxy/envoy:distroless-v9.9.9");
    }

    [Fact]
    public void A_lock_without_an_image_the_emulator_writes_is_one_error_naming_versions_yaml_and_the_key()
    {
        var versionLock = TestPaths.LoadRepositoryLock();
        versionLock.Images.Remove(EmulatorImages.IstioProxyRepository);

        FluentActions.Invoking(() => EmulatorImages.From(versionLock)).Should().Throw<InvalidDataException>().Which.Message.Should().Be(
            "manifests/versions.yaml has no images: entry for docker.io/istio/proxyv2 (Istio's injected sidecars); the API server " +
            "emulator writes that image into the pods it creates. Add it under images: (tag@sha256:…, or a tag with its reason under unpinned.images).");
    }

    [Fact]
    public void An_empty_lock_names_all_three_keys_in_one_error()
    {
        FluentActions.Invoking(() => EmulatorImages.From(new InferenceBox.Platform.Manifests.VersionLock())).Should().Throw<InvalidDataException>()
            .WithMessage("*docker.io/envoyproxy/envoy (Envoy Gateway's proxy pods), docker.io/istio/proxyv2 (Istio's injected sidecars), " +
                "kserve/storage-initializer (KServe's storage-initializer init container);*");
    }
}
