using InferenceBox.Platform.Rehearsal;
using InferenceBox.Platform.Emulator.Admission;

namespace InferenceBox.Specs.Tests.Rehearsal;

/// <summary>
/// The rehearsal refuses a platform as code the real API server would refuse (issue 11, §3): each case is made in a
/// temporary copy of manifests/, and the refusal names the phase, the object, its file and line, the answer, and the
/// layer that gave it. Where preflight's static checks already refuse the edit, the case is rehearsed a second time
/// without them, to show that the API server (the emulator) refuses it too, with its own words.
/// </summary>
public sealed class BrokenPlatformTests
{
    private static async Task<RehearsalFailedException> RefusedAsync(PlatformCopy platform, bool staticChecks = true) =>
        (await FluentActions.Awaiting(() => platform.RehearseAsync(staticChecks)).Should().ThrowAsync<RehearsalFailedException>()).Which;

    private static RehearsalFailure Only(RehearsalFailedException e, string phase)
    {
        e.Failures.Should().ContainSingle(e.Message);
        e.Failures[0].Phase.Should().Be(phase, e.Message);
        return e.Failures[0];
    }

    [Fact]
    public async Task An_object_in_a_namespace_nothing_creates_is_refused_by_NamespaceLifecycle()
    {
        using var platform = new PlatformCopy();
        platform.Write("tenants/tenant-a/settings.yaml", """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: settings, namespace: tenant-z}
            data: {mode: fast}
            """);

        // Preflight sees it first (a namespace with no Namespace manifest has no Pod Security Standard, issue 19 item 8);
        // without the static checks, the server's admission refuses it.
        var preflight = Only(await RefusedAsync(platform), "preflight");
        preflight.Layer.Should().Be(RehearsalRun.StaticLayer);
        preflight.Cause.Should().Contain("namespace tenant-z");

        var failure = Only(await RefusedAsync(platform, staticChecks: false), "tenants");

        failure.Cause.Should().StartWith("ConfigMap tenant-z/settings (manifests/tenants/tenant-a/settings.yaml:1): 404 NotFound: namespaces \"tenant-z\" not found");
        failure.Layer.Should().Be("the API server emulator's admission:NamespaceLifecycle");
    }

    [Fact]
    public async Task A_container_limit_above_its_namespaces_LimitRange_maximum_is_refused_by_LimitRanger()
    {
        using var platform = new PlatformCopy();
        platform.Replace("inference/tenant-a/sklearn-iris.yaml", "memory: 1Gi", "memory: 3Gi");

        var preflight = Only(await RefusedAsync(platform), "preflight");
        preflight.Layer.Should().Be(RehearsalRun.StaticLayer);
        preflight.Cause.Should().Contain("inference/tenant-a/sklearn-iris.yaml");

        var failure = Only(await RefusedAsync(platform, staticChecks: false), "models");
        failure.Cause.Should().StartWith("InferenceService tenant-a/sklearn-iris (manifests/inference/tenant-a/sklearn-iris.yaml:");
        failure.Cause.Should().Contain("maximum memory usage per Container is 2Gi, but limit is 3Gi");
        failure.Layer.Should().Be("the API server emulator's admission:LimitRanger");
    }

    [Fact]
    public async Task Requests_above_a_ResourceQuota_are_refused_by_ResourceQuota()
    {
        using var platform = new PlatformCopy();
        // The predictor pod asks 100m for the model, 25m for queue-proxy and 10m for the sidecar: 735m with 700m here.
        platform.Replace("inference/tenant-a/sklearn-iris.yaml", "cpu: 100m", "cpu: 700m");

        var failure = Only(await RefusedAsync(platform), "models");

        failure.Cause.Should().StartWith("InferenceService tenant-a/sklearn-iris (manifests/inference/tenant-a/sklearn-iris.yaml:");
        failure.Cause.Should().Contain("exceeded quota: tenant-quota, requested: requests.cpu=735m, used: requests.cpu=0, limited: requests.cpu=700m");
        failure.Layer.Should().Be("the API server emulator's admission:ResourceQuota");
    }

    [Fact]
    public async Task A_field_the_schema_does_not_have_is_refused_by_preflight_and_by_the_servers_apply()
    {
        using var platform = new PlatformCopy();
        platform.Replace("inference/tenant-a/sklearn-iris.yaml", "      runtime: kserve-sklearnserver", "      runtime: kserve-sklearnserver\n      gpuCount: 1");

        var preflight = Only(await RefusedAsync(platform), "preflight");
        preflight.Layer.Should().Be(RehearsalRun.StaticLayer);
        preflight.Cause.Should().Contain("inference/tenant-a/sklearn-iris.yaml").And.Contain("gpuCount");

        var failure = Only(await RefusedAsync(platform, staticChecks: false), "models");
        failure.Cause.Should().StartWith("InferenceService tenant-a/sklearn-iris (manifests/inference/tenant-a/sklearn-iris.yaml:");
        failure.Cause.Should().Contain(".spec.predictor.model.gpuCount: field not declared in schema");
        failure.Layer.Should().Be("the API server emulator's apply");
    }

    [Fact]
    public async Task A_kind_nobody_installs_is_refused_by_discovery()
    {
        using var platform = new PlatformCopy();
        platform.Write("tenants/tenant-a/widget.yaml", """
            apiVersion: widgets.example.com/v1
            kind: Widget
            metadata: {name: w, namespace: tenant-a}
            spec: {size: 1}
            """);

        var preflight = Only(await RefusedAsync(platform), "preflight");
        preflight.Layer.Should().Be(RehearsalRun.StaticLayer);
        preflight.Cause.Should().Contain("tenants/tenant-a/widget.yaml").And.Contain("unknown kind");

        var failure = Only(await RefusedAsync(platform, staticChecks: false), "tenants");
        failure.Cause.Should().StartWith("Widget tenant-a/w (manifests/tenants/tenant-a/widget.yaml:1): no matches for kind \"Widget\" in version \"widgets.example.com/v1\"");
        failure.Cause.Should().Contain("no chart or release of manifests/versions.yaml brings such a CRD");
        failure.Layer.Should().StartWith("discovery");
    }

    [Fact]
    public async Task A_custom_object_applied_before_its_CRD_is_refused_by_discovery_naming_where_the_CRD_comes_from()
    {
        using var platform = new PlatformCopy();
        // Istio's base chart runs before istiod, which runs before Knative Serving installs its CRDs. Static checks pass:
    // the kind has a pinned schema, and the object fits it.
        platform.Write("platform/istio-base/knative-service.yaml", """
            apiVersion: serving.knative.dev/v1
            kind: Service
            metadata: {name: hello, namespace: istio-system}
            spec:
              template:
                spec:
                  containers: [{image: "jaegertracing/all-in-one:1.67.0"}]
            """);

        var failure = Only(await RefusedAsync(platform), "istio-base");

        failure.Cause.Should().StartWith("Service istio-system/hello (manifests/platform/istio-base/knative-service.yaml:1): no matches for kind \"Service\" in version \"serving.knative.dev/v1\"");
        failure.Cause.Should().Contain("its CRD comes with https://github.com/knative/serving/releases/download/knative-v1.18.1/serving-crds.yaml");
        failure.Layer.Should().StartWith("discovery");
    }
}
