using System.Text.Json.Nodes;
using InferenceBox.Platform.Provisioning;
using InferenceBox.Specs.Tests.Cluster;
using InferenceBox.Platform.Cluster;

namespace InferenceBox.Specs.Tests.Provisioning;

/// <summary>
/// The run-start sweep deletes only what the suite's scenarios created (issue 19 item 16): objects carrying both the run
/// label of an earlier run and the suite's managed-by marker. Against the API server emulator (and a real cluster when
/// INFERENCEBOX_TEST_KUBECONTEXT names one), with objects the suite did not create beside its leftovers.
/// </summary>
public sealed class LeftoverSweepTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private const string RunLabel = "inferencebox.dev/run-id", ManagedBy = "app.kubernetes.io/managed-by", Suite = "inferencebox-specs";

    [Theory]
    [MemberData(nameof(AdapterTarget.All), MemberType = typeof(AdapterTarget))]
    public async Task Only_objects_with_an_old_run_label_and_the_suites_marker_are_swept(string target)
    {
        await using var t = await AdapterTarget.StartAsync(target);
        var ns = await t.CreateNamespaceAsync();
        var api = t.Api();
        var suffix = t.Namespace["adapter-".Length..];
        var leftoverNs = $"ibx-left-{suffix}";
        var foreignNs = $"ibx-foreign-{suffix}";
        foreach (var name in new[] { leftoverNs, foreignNs }) t.DeleteAfterwards(new ObjectRef("v1", "Namespace", null, name));

        // The suite's own leftovers of an earlier run: both labels.
        await CreateAsync(api, Namespace(leftoverNs, (RunLabel, "run-old"), (ManagedBy, Suite)));
        await CreateAsync(api, Secret(ns, "scenario-leftover", (RunLabel, "run-old"), (ManagedBy, Suite)));
        // Not the suite's: another tool's objects that happen to carry a run-id label, a Secret the provisioner manages
        // (no run label: the issuer's client secrets look like this), a namespace named like the suite's, this run's object.
        await CreateAsync(api, Namespace(foreignNs, (RunLabel, "run-old"), (ManagedBy, "Helm")));
        await CreateAsync(api, Secret(ns, "someone-elses", (RunLabel, "run-old")));
        await CreateAsync(api, Secret(ns, "provisioner-owned", (ManagedBy, Suite)));
        await CreateAsync(api, Secret(ns, "ibx-named-alike"));
        await CreateAsync(api, Secret(ns, "this-run", (RunLabel, "run-now"), (ManagedBy, Suite)));

        var swept = await LeftoverSweep.SweepAsync(api, "run-now", new RecordingProgress(), Ct);

        (await GoneOrGoingAsync(api, ObjectRef.Secret(ns, "scenario-leftover"))).Should().BeTrue("the suite's leftover of run-old is swept");
        (await GoneOrGoingAsync(api, new ObjectRef("v1", "Namespace", null, leftoverNs))).Should().BeTrue("the suite's leftover namespace is swept");
        foreach (var survivor in new[] { "someone-elses", "provisioner-owned", "ibx-named-alike", "this-run" })
            (await GoneOrGoingAsync(api, ObjectRef.Secret(ns, survivor))).Should().BeFalse($"Secret {survivor} was not created by an earlier run of the suite");
        (await GoneOrGoingAsync(api, new ObjectRef("v1", "Namespace", null, foreignNs))).Should().BeFalse("a namespace another tool manages survives");
        (await GoneOrGoingAsync(api, new ObjectRef("v1", "Namespace", null, ns))).Should().BeFalse("an unlabelled namespace survives");
        swept.Should().Be(2);
        t.Requests.Sent.Where(r => r.StartsWith("GET ", StringComparison.Ordinal) && r.Contains("labelSelector=", StringComparison.Ordinal))
            .Should().NotBeEmpty().And.OnlyContain(r => r.Contains($"labelSelector={RunLabel},{ManagedBy}={Suite}", StringComparison.Ordinal),
                "the API server selects by both labels; nothing is picked by name or namespace");
    }

    private static Task CreateAsync(ClusterApi api, JsonObject body) => api.ApplyObjectAsync(body, "test", Ct);

    private static async Task<bool> GoneOrGoingAsync(ClusterApi api, ObjectRef obj) =>
        await api.GetAsync(obj, Ct) is not { } found || found["metadata"]?["deletionTimestamp"] is not null;

    private static JsonObject Labels((string Key, string Value)[] labels) =>
        new(labels.Select(l => KeyValuePair.Create(l.Key, (JsonNode?)l.Value)));

    private static JsonObject Namespace(string name, params (string, string)[] labels) => new()
    {
        ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = name, ["labels"] = Labels(labels) },
    };

    private static JsonObject Secret(string ns, string name, params (string, string)[] labels) => new()
    {
        ["apiVersion"] = "v1", ["kind"] = "Secret", ["type"] = "Opaque",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns, ["labels"] = Labels(labels) },
        ["data"] = new JsonObject { ["k"] = "dg==" },
    };
}
