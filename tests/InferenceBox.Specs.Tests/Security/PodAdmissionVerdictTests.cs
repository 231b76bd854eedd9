using System.Text.Json.Nodes;
using InferenceBox.Specs.Support.Cluster;
using InferenceBox.Specs.Support.Diagnostics;
using InferenceBox.Specs.Support.Isolation;
using InferenceBox.Specs.Tests.Cluster;
using InferenceBox.Specs.Tests.Gateway;
using InferenceBox.Platform.Cluster;
using InferenceBox.Platform.Emulator.Admission;

namespace InferenceBox.Specs.Tests.Security;

/// <summary>
/// The pod-security scenario's judge on real admission answers (issue 19 item 8): the API server emulator's PodSecurity,
/// LimitRanger and ResourceQuota admission (and a real cluster when INFERENCEBOX_TEST_KUBECONTEXT names one), answering
/// the driver's dry-run creates. A namespace that enforces restricted refuses the stripped pod by PodSecurity; one that
/// enforces nothing, or only baseline, admits it; a quota's refusal is no PodSecurity refusal.
/// </summary>
public sealed class PodAdmissionVerdictTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(ClusterDriver Driver, string Ns)> DriverAsync(AdapterTarget t, string? level, bool noPods = false)
    {
        var labels = new JsonObject();
        if (level is not null) labels["pod-security.kubernetes.io/enforce"] = level;
        await t.Api().ApplyObjectAsync(new JsonObject
        {
            ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = t.Namespace, ["labels"] = labels },
        }, "test", Ct);
        t.DeleteAfterwards(new ObjectRef("v1", "Namespace", null, t.Namespace));
        if (noPods)
            await t.Api().ApplyObjectAsync(new JsonObject
            {
                ["apiVersion"] = "v1", ["kind"] = "ResourceQuota", ["metadata"] = new JsonObject { ["name"] = "no-pods", ["namespace"] = t.Namespace },
                ["spec"] = new JsonObject { ["hard"] = new JsonObject { ["pods"] = "0" } },
            }, "test", Ct);
        if (t.Server is not null) await t.Server.SettledAsync(Ct); // the quota controller has written the quota's status
        var run = TestRun.For(new Uri("http://127.0.0.1:1"));
        return (new ClusterDriver(t.Api(), run, new ScenarioResources(run, ScenarioIdentity.For("Pod security", "test", [])), new ScenarioTimeline()), t.Namespace);
    }

    [Theory]
    [MemberData(nameof(AdapterTarget.All), MemberType = typeof(AdapterTarget))]
    public async Task A_restricted_namespace_admits_the_client_pod_and_refuses_it_stripped_by_PodSecurity(string target)
    {
        await using var t = await AdapterTarget.StartAsync(target);
        var (driver, ns) = await DriverAsync(t, "restricted");

        PodSecurityVerdict.WhyNotAdmitted(await driver.AttemptClientPodAsync(ns, withSecurityContext: true, Ct)).Should().BeNull();
        var stripped = await driver.AttemptClientPodAsync(ns, withSecurityContext: false, Ct);

        PodSecurityVerdict.WhyNotRefusedByPodSecurity(stripped, "restricted").Should().BeNull();
        stripped.Message.Should().Contain("allowPrivilegeEscalation != false").And.Contain("seccompProfile");
        (await t.Api().GetAsync(ObjectRef.Pod(ns, stripped.Pod), Ct)).Should().BeNull("a dry run creates nothing");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("baseline")]
    public async Task A_namespace_that_does_not_enforce_restricted_fails_the_judge(string? level)
    {
        await using var t = await AdapterTarget.StartAsync(AdapterTarget.Emulator);
        var (driver, ns) = await DriverAsync(t, level);

        PodSecurityVerdict.WhyNotRefusedByPodSecurity(await driver.AttemptClientPodAsync(ns, withSecurityContext: false, Ct), "restricted")
            .Should().Contain("was admitted");
    }

    [Fact]
    public async Task A_quotas_refusal_is_no_PodSecurity_refusal()
    {
        await using var t = await AdapterTarget.StartAsync(AdapterTarget.Emulator);
        var (driver, ns) = await DriverAsync(t, null, noPods: true);

        PodSecurityVerdict.WhyNotRefusedByPodSecurity(await driver.AttemptClientPodAsync(ns, withSecurityContext: false, Ct), "restricted")
            .Should().Contain("but not by PodSecurity \"restricted\"").And.Contain("exceeded quota");
    }
}
