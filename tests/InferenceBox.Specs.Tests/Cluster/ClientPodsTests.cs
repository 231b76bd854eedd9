using System.Diagnostics;
using System.Text;
using InferenceBox.Specs.Tests.Gateway;
using k8s;
using InferenceBox.Platform.Manifests;
using InferenceBox.Platform.Run;
using InferenceBox.Platform.Cluster;

namespace InferenceBox.Specs.Tests.Cluster;

public sealed class ClientPodsTests
{
    private static readonly InMeshCall Call = new("tenant-a", WithSidecar: true,
        new Uri("http://sklearn-iris-predictor.tenant-b.svc.cluster.local/v1/models/sklearn-iris:predict"), "POST", "{\"instances\":[[1,2,3,4]]}",
        new Dictionary<string, string> { ["x-tenant"] = "tenant-b" });
    private static readonly Dictionary<string, string> Labels = new() { ["inferencebox.dev/run-id"] = "r1" };

    [Fact]
    public void The_pod_runs_once_with_the_pinned_image_a_deadline_and_the_sidecar_choice()
    {
        var pod = ClientPods.Build(Call, "curl-r1-abc123-1", "curl-r1-abc123-1-token", Labels, TimeSpan.FromMinutes(2));

        pod.Spec.RestartPolicy.Should().Be("Never");
        pod.Spec.ActiveDeadlineSeconds.Should().Be(120);
        pod.Spec.Containers.Single().Image.Should().Be("curlimages/curl:" + VersionLock.Load(Path.Combine(RunPaths.ManifestsDir(), VersionLock.FileName)).Images["curlimages/curl"]);
        pod.Metadata.Labels.Should().Contain("inferencebox.dev/run-id", "r1");
        pod.Metadata.Annotations.Should().Contain("sidecar.istio.io/inject", "true").And.Contain("sidecar.istio.io/nativeSidecar", "true");
        ClientPods.Build(Call with { WithSidecar = false }, "p", null, Labels, TimeSpan.FromMinutes(1))
            .Metadata.Annotations.Should().Equal(new Dictionary<string, string> { ["sidecar.istio.io/inject"] = "false" });
        string.Join(' ', pod.Spec.Containers[0].Command).Should().Contain($"--max-time {ClientPods.CurlMaxSeconds}");
    }

    [Fact]
    public void The_token_comes_from_a_secret_and_never_appears_in_the_pod_spec()
    {
        var pod = ClientPods.Build(Call, "p", "p-token", Labels, TimeSpan.FromMinutes(1));

        var token = pod.Spec.Containers[0].Env.Single(e => e.Name == "IBX_TOKEN");
        token.Value.Should().BeNull();
        token.ValueFrom.SecretKeyRef.Name.Should().Be("p-token");
        pod.Spec.Containers[0].Env.Should().Contain(e => e.Name == "IBX_H0" && e.Value == "x-tenant: tenant-b");
        KubernetesJson.Serialize(pod).Should().NotContain("Bearer ey");
    }

    [Fact]
    public void Too_many_headers_are_refused_with_the_limit() =>
        FluentActions.Invoking(() => ClientPods.Build(Call with { Headers = Enumerable.Range(0, 5).ToDictionary(i => $"h{i}", i => "v") },
            "p", null, Labels, TimeSpan.FromMinutes(1))).Should().Throw<ArgumentException>().WithMessage("*at most 4*5 were given*");

    [Fact]
    public void An_answer_is_parsed_into_status_and_body()
    {
        var body = Convert.ToBase64String(Encoding.UTF8.GetBytes("RBAC: access denied"));
        var result = ClientPods.Parse("p", $"{ClientPods.ResultMarker}exit=0 http_code=403 body_b64={body}\n");
        result.Should().Be(new InMeshResult("p", 0, 403, "RBAC: access denied", ""));
    }

    [Fact]
    public void A_reset_connection_has_curl_exit_56_no_status_and_curls_error()
    {
        var result = ClientPods.Parse("p", $"curl: (56) Recv failure: Connection reset by peer\n{ClientPods.ResultMarker}exit=56 http_code=000 body_b64=\n");
        result.CurlExitCode.Should().Be(56);
        result.HttpStatus.Should().BeNull();
        result.CurlErrors.Should().Be("curl: (56) Recv failure: Connection reset by peer");
    }

    [Fact]
    public void Logs_without_a_result_line_are_an_error_showing_the_logs() =>
        FluentActions.Invoking(() => ClientPods.Parse("p", "exec /bin/sh: no such file")).Should().Throw<InvalidDataException>()
            .WithMessage("*printed no 'IBX-RESULT' line*no such file*");

    [Fact]
    public async Task The_script_itself_reports_an_answer_and_a_refused_connection_when_run_by_a_local_shell()
    {
        Assert.SkipWhen(!File.Exists("/usr/bin/curl") && !File.Exists("/bin/curl"), "curl is not installed on this machine");
        await using var stub = await StubGateway.StartAsync();
        var pod = ClientPods.Build(Call with { WithSidecar = false, Url = new Uri(stub.BaseUrl, "/echo") }, "p", null, Labels, TimeSpan.FromMinutes(1));

        var answered = ClientPods.Parse("p", await RunScript(pod, "secret-token"));
        answered.Should().Be(new InMeshResult("p", 0, 200, "{\"instances\":[[1,2,3,4]]}", ""));
        stub.SeenAuthorization.Should().Contain("Bearer secret-token");

        var refused = ClientPods.Parse("p", await RunScript(ClientPods.Build(Call with { WithSidecar = false, Url = new Uri("http://127.0.0.1:9/") },
            "p", null, Labels, TimeSpan.FromMinutes(1)), null));
        refused.CurlExitCode.Should().Be(7, "curl exit 7 = connection refused");
        refused.HttpStatus.Should().BeNull();
    }

    private static async Task<string> RunScript(k8s.Models.V1Pod pod, string? token)
    {
        var container = pod.Spec.Containers[0];
        var start = new ProcessStartInfo(container.Command[0]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in container.Command.Skip(1)) start.ArgumentList.Add(arg);
        foreach (var env in container.Env.Where(e => e.Value is not null)) start.Environment[env.Name] = env.Value;
        if (token is not null) start.Environment["IBX_TOKEN"] = token;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return await stderr + await stdout; // kubectl logs interleaves both; errors come first in this script
    }
}
