using System.Text.Json.Nodes;
using InferenceBox.Platform.Manifests;
using InferenceBox.Platform.Provisioning.Phases;
using InferenceBox.Platform.Waiting;
using InferenceBox.Platform.Observability;

namespace InferenceBox.Specs.Tests.Provisioning;

/// <summary>
/// Grafana's admin password (issue 19 item 2): generated once into Secret grafana-admin before kube-prometheus-stack is
/// installed, kept across reruns, and written nowhere else.
/// </summary>
public sealed class MonitoringPhaseTests : IDisposable
{
    private readonly PlatformFixture _f = new();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private MonitoringPhase Phase()
    {
        var context = new ProvisionContext(_f.Settings, VersionLock.Load(Path.Combine(ManifestFiles.FolderOf(_f.Root), "versions.yaml")), _f.Tools, _f.Cluster,
            new WaitBudgets(), _f.Root, Path.Combine(_f.Root, "state"),
            Artifacts: InferenceBox.Platform.Rehearsal.StandInArtifacts.Store(Path.Combine(_f.Root, "cache", "artifacts")));
        return (MonitoringPhase)PlatformPhases.All(context).Single(p => p.Name == "kube-prometheus-stack");
    }

    private JsonObject Secret() => JsonNode.Parse(_f.Cluster.Secrets[$"monitoring/{GrafanaCredentials.SecretName}"])!.AsObject();

    [Fact]
    public async Task The_password_is_generated_before_the_chart_and_kept_by_a_rerun()
    {
        // helm fails: what was applied before it is what the chart would have found.
        _f.Tools.FailReleases["prometheus"] = "Error: chart not reachable";
        await FluentActions.Awaiting(() => Phase().RunAsync(Ct)).Should().ThrowAsync<Exception>();

        _f.Cluster.Applied.Should().Equal([$"Secret monitoring/{GrafanaCredentials.SecretName}"], "the Secret exists before helm installs the chart");
        var password = await _f.Cluster.ReadSecretValueAsync("monitoring", GrafanaCredentials.SecretName, GrafanaCredentials.PasswordKey, Ct);
        (await _f.Cluster.ReadSecretValueAsync("monitoring", GrafanaCredentials.SecretName, GrafanaCredentials.UserKey, Ct)).Should().Be("admin");
        Microsoft.IdentityModel.Tokens.Base64UrlEncoder.DecodeBytes(password).Should().HaveCount(32);
        Secret()["metadata"]!["labels"]!.AsObject().Should().NotContainKey("inferencebox.dev/run-id", "the leftover sweep must never take it");

        _f.Tools.FailReleases.Clear();
        await Phase().RunAsync(Ct);

        (await _f.Cluster.ReadSecretValueAsync("monitoring", GrafanaCredentials.SecretName, GrafanaCredentials.PasswordKey, Ct))
            .Should().Be(password, "a rerun keeps the password a running Grafana was started with");
        _f.Tools.Commands.Should().Contain(c => c.StartsWith("helm upgrade --install prometheus", StringComparison.Ordinal));
        var printed = string.Join("\n", _f.Progress.Lines.Concat(_f.Tools.Commands).Concat(_f.Cluster.Applied));
        printed.Should().NotContain(password!, "the password is in no command line, progress line or object description");
    }

    public void Dispose() => _f.Dispose();
}
