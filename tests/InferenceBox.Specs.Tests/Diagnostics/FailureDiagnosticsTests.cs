using InferenceBox.Specs.Support.Diagnostics;
using InferenceBox.Specs.Support.Gateway;
using InferenceBox.Specs.Support.Isolation;
using InferenceBox.Specs.Tests.Gateway;
using InferenceBox.Platform.Cluster;
using InferenceBox.Platform.Diagnostics;

namespace InferenceBox.Specs.Tests.Diagnostics;

public sealed class FailureDiagnosticsTests : IDisposable
{
    private readonly string _results = Path.Combine(Path.GetTempPath(), "ibx-diag-" + Guid.NewGuid().ToString("N"));
    private static readonly string Jwt = GatewayDriverTests.Token(new Dictionary<string, object> { ["tenant"] = "tenant-a" });

    public void Dispose()
    {
        if (Directory.Exists(_results)) Directory.Delete(_results, recursive: true);
    }

    [Fact]
    public async Task A_fake_failure_writes_every_file_with_secrets_redacted()
    {
        var scenario = ScenarioIdentity.For("Tenant isolation", "tenant-a token on tenant-b is refused");
        var timeline = new ScenarioTimeline();
        timeline.Record("gateway", $"sent Authorization: Bearer {Jwt}");
        timeline.RecordExchange(new GatewayExchange("POST", new Uri("http://127.0.0.1:8080/tenant-b/sklearn-iris/v1/models/sklearn-iris:predict"),
            200, new Dictionary<string, string> { ["content-type"] = "application/json" }, "{\"echo\":\"" + Jwt + "\"}",
            TimeSpan.FromMilliseconds(12), "req-1", TokenClaims.Of(Jwt)));
        timeline.Involve(ObjectRef.InferenceService("tenant-b", "sklearn-iris"));

        var folder = await FailureDiagnostics.WriteAsync(_results, scenario, $"Expected 403 but got 200 (token {Jwt})", timeline,
            new FakeEvidence(), TestContext.Current.CancellationToken);

        folder.Should().Be(Path.Combine(_results, "scenarios", scenario.Slug));
        var files = Directory.GetFiles(folder, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(folder, f)).ToList();
        files.Should().Contain(["failure.txt", "timeline.txt", "exchanges.json", "events.txt",
            Path.Combine("objects", "InferenceService_tenant-b_sklearn-iris.json"), Path.Combine("logs", "tenant-b_pod-1_kserve-container.log")]);
        var everything = string.Concat(Directory.GetFiles(folder, "*", SearchOption.AllDirectories).Select(File.ReadAllText));
        everything.Should().NotContain(Jwt).And.NotContain(Jwt.Split('.')[2]).And.NotContain("s3cr3t").And.NotContain("MIIEv");
        everything.Should().Contain(Redactor.Redacted);
        File.ReadAllText(Path.Combine(folder, "exchanges.json")).Should().Contain("\"tenant\": \"tenant-a\"", "claims are kept");
        File.ReadAllText(Path.Combine(folder, "events.txt")).Should().Contain("Warning InternalError");
    }

    [Fact]
    public async Task Without_a_cluster_the_gateway_evidence_is_still_written()
    {
        var folder = await FailureDiagnostics.WriteAsync(_results, ScenarioIdentity.For("F", "S"), "boom", new ScenarioTimeline(), null,
            TestContext.Current.CancellationToken);

        Directory.GetFiles(folder).Select(Path.GetFileName).Should().BeEquivalentTo(["failure.txt", "timeline.txt", "exchanges.json"]);
    }

    [Fact]
    public async Task A_cluster_that_cannot_be_read_leaves_a_note_instead_of_hiding_the_failure()
    {
        var folder = await FailureDiagnostics.WriteAsync(_results, ScenarioIdentity.For("F", "S2"), "boom", new ScenarioTimeline(),
            new FakeEvidence(fail: true), TestContext.Current.CancellationToken);

        File.ReadAllText(Path.Combine(folder, "cluster-evidence-error.txt")).Should().Contain("API server unreachable");
    }

    [Theory]
    [InlineData("Authorization: Bearer abc.def.ghi", "Authorization: <redacted>")]
    [InlineData("{\"authorization\": \"Bearer xyz\"}", "{\"authorization\": \"<redacted>\"}")]
    [InlineData("IBX_TOKEN=letmein", "IBX_TOKEN=<redacted>")]
    [InlineData("-----BEGIN PRIVATE KEY-----\nMIIEvQ\n-----END PRIVATE KEY-----", "-----BEGIN PRIVATE KEY-----<redacted>-----END PRIVATE KEY-----")]
    [InlineData("nothing secret here", "nothing secret here")]
    public void Redactor_removes_credentials_and_keeps_the_rest(string input, string expected) =>
        Redactor.Redact(input).Should().Be(expected);

    [Fact]
    public void Redactor_removes_a_bare_jwt() => Redactor.Redact($"token was {Jwt}.").Should().Be("token was <redacted>(jwt).");

    private sealed class FakeEvidence(bool fail = false) : IClusterEvidenceSource
    {
        public Task<ClusterEvidence> CollectAsync(IReadOnlyList<ObjectRef> objects, DateTimeOffset since, CancellationToken ct) =>
            fail ? throw new HttpRequestException("API server unreachable") : Task.FromResult(new ClusterEvidence(
                objects.ToDictionary(o => o.ToString(), _ => "{\"metadata\":{\"annotations\":{\"note\":\"Authorization: Bearer s3cr3t\"}}}"),
                new Dictionary<string, IReadOnlyList<string>> { ["InferenceService tenant-b/sklearn-iris"] = ["Warning InternalError: fails"] },
                new Dictionary<string, string> { ["tenant-b/pod-1/kserve-container"] = $"got header authorization={Jwt}\n-----BEGIN RSA PRIVATE KEY-----\nMIIEv\n-----END RSA PRIVATE KEY-----" }));
    }
}
