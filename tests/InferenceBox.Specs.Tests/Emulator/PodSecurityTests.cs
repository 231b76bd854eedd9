using k8s;

namespace InferenceBox.Specs.Tests.Emulator;

/// <summary>
/// PodSecurity admission (kubernetes/pod-security-admission@v0.32.5). The details expected are those of its own
/// tests (policy/check_*_test.go); the whole sentence is the format of admission/admission.go, as a real cluster
/// printed it in trustyai-explainability/trustyai-service-operator#50.
/// </summary>
public sealed class PodSecurityTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<InferenceBox.Platform.Emulator.ApiServerEmulator> NamespaceAsync(string labels)
    {
        var api = await Emulators.StartAsync();
        await api.CreateClient().ApplyAsync(api, $"apiVersion: v1\nkind: Namespace\nmetadata: {{name: tenant-a, labels: {labels}}}");
        return api;
    }

    /// <summary>Restricted in everything but the containers' capabilities (pod-level non-root and seccomp).</summary>
    private const string CapabilitiesPod = """
        apiVersion: v1
        kind: Pod
        metadata: {name: p, namespace: tenant-a}
        spec:
          securityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}
          containers:
          - {name: a, image: i, securityContext: {allowPrivilegeEscalation: false, capabilities: {add: [FOO, BAR]}}}
          - {name: b, image: i, securityContext: {allowPrivilegeEscalation: false, capabilities: {add: [BAR, BAZ]}}}
          - {name: c, image: i, securityContext: {allowPrivilegeEscalation: false, capabilities: {add: [NET_BIND_SERVICE, CHOWN], drop: [ALL, FOO]}}}
        """;

    [Fact]
    public async Task An_enforced_restricted_namespace_refuses_a_pod_with_the_checks_own_detail()
    {
        await using var api = await NamespaceAsync("{pod-security.kubernetes.io/enforce: restricted}");

        var (code, status) = await Errors.RefusalAsync(() => api.CreateClient().ApplyAsync(api, CapabilitiesPod));

        // policy/check_capabilities_restricted_test.go, "multiple containers"
        code.Should().Be(403);
        status.Text("message").Should().Be("pods \"p\" is forbidden: violates PodSecurity \"restricted:latest\": unrestricted capabilities " +
            "(containers \"a\", \"b\" must set securityContext.capabilities.drop=[\"ALL\"]; containers \"a\", \"b\", \"c\" must not include " +
            "\"BAR\", \"BAZ\", \"CHOWN\", \"FOO\" in securityContext.capabilities.add)");
        api.Requests.All.Last().Layer.Should().Be("admission:PodSecurity");
    }

    [Fact]
    public async Task Baseline_allows_what_only_restricted_forbids_but_not_host_namespaces()
    {
        await using var api = await NamespaceAsync("{pod-security.kubernetes.io/enforce: baseline}");
        var client = api.CreateClient();

        await client.ApplyAsync(api, "apiVersion: v1\nkind: Pod\nmetadata: {name: plain, namespace: tenant-a}\nspec: {containers: [{name: a, image: i}]}");
        var (_, status) = await Errors.RefusalAsync(() => client.ApplyAsync(api,
            "apiVersion: v1\nkind: Pod\nmetadata: {name: host, namespace: tenant-a}\nspec: {hostNetwork: true, hostPID: true, containers: [{name: a, image: i}]}"));

        // policy/check_hostNamespaces.go
        status.Text("message").Should().Be("pods \"host\" is forbidden: violates PodSecurity \"baseline:latest\": host namespaces (hostNetwork=true, hostPID=true)");
    }

    [Fact]
    public async Task A_workload_template_that_would_fail_gets_the_warning_a_real_cluster_printed()
    {
        await using var api = await NamespaceAsync("{pod-security.kubernetes.io/warn: restricted, pod-security.kubernetes.io/warn-version: v1.24}");
        const string body = """{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"trustyai-operator"},"spec":{"selector":{"matchLabels":{"app":"t"}},"template":{"metadata":{"labels":{"app":"t"}},"spec":{"containers":[{"name":"trustyai-operator","image":"quay.io/trustyai/operator"}]}}}}""";

        using var http = new HttpClient { BaseAddress = api.Url };
        using var response = await http.PostAsync("/apis/apps/v1/namespaces/tenant-a/deployments",
            new StringContent(body, System.Text.Encoding.UTF8, "application/json"), Ct);

        ((int)response.StatusCode).Should().Be(201);
        response.Headers.GetValues("Warning").Single().Should().Be("299 - \"would violate PodSecurity \\\"restricted:v1.24\\\": " +
            "allowPrivilegeEscalation != false (container \\\"trustyai-operator\\\" must set securityContext.allowPrivilegeEscalation=false), " +
            "unrestricted capabilities (container \\\"trustyai-operator\\\" must set securityContext.capabilities.drop=[\\\"ALL\\\"]), " +
            "runAsNonRoot != true (pod or container \\\"trustyai-operator\\\" must set securityContext.runAsNonRoot=true), " +
            "seccompProfile (pod or container \\\"trustyai-operator\\\" must set securityContext.seccompProfile.type to \\\"RuntimeDefault\\\" or \\\"Localhost\\\")\"");
    }

    [Fact]
    public async Task A_namespace_without_labels_is_privileged()
    {
        await using var api = await NamespaceAsync("{}");

        var pod = await api.CreateClient().ApplyAsync(api,
            "apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: tenant-a}\nspec: {hostNetwork: true, containers: [{name: a, image: i, securityContext: {privileged: true}}]}");

        pod["metadata"]!["name"]!.ToString().Should().Be("p");
    }
}
