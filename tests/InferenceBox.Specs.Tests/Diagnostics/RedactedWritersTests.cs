using InferenceBox.Platform.Progress;
using InferenceBox.Platform.Provisioning;
using InferenceBox.Platform.Provisioning.Graph;

namespace InferenceBox.Specs.Tests.Diagnostics;

/// <summary>The results folder's other writers go through the one redactor too (issue 19 item 13).</summary>
public sealed class RedactedWritersTests
{
    private const string Secret = "client_secret=Zm9vYmFyYmF6cXV4";

    private sealed class Nowhere : IProgressChannel
    {
        public List<ProgressEvent> Seen { get; } = [];
        public void Report(ProgressEvent progressEvent) => Seen.Add(progressEvent);
    }

    [Fact]
    public void The_bootstrap_log_file_is_redacted_and_the_live_channel_gets_the_event_as_it_was()
    {
        var dir = Directory.CreateTempSubdirectory("bootstrap-").FullName;
        var live = new Nowhere();
        using (var log = new BootstrapLog(live, dir))
            log.Report(new ProgressEvent(ProgressKind.Failed, "issuer", $"kubectl said: Authorization: Basic dXNlcjpwYXNz and {Secret}"));

        var written = File.ReadAllText(Path.Combine(dir, BootstrapLog.FileName));
        written.Should().Contain("Authorization: <redacted>").And.Contain("client_secret=<redacted>").And.NotContain("dXNlcjpwYXNz");
        live.Seen.Should().ContainSingle("the terminal is the user's own screen; only files are kept");
    }

    [Fact]
    public void The_provision_report_is_redacted()
    {
        var report = ProvisionReport.From("provision", "kind-inference-in-a-box",
            [new PhaseOutcome("issuer", PhaseStatus.Failed, TimeSpan.Zero, TimeSpan.FromSeconds(1), $"helm printed {Secret}")],
            TimeSpan.FromSeconds(1), [], 0);

        report.ToJson().Should().Contain("client_secret=<redacted>").And.NotContain("Zm9vYmFyYmF6cXV4");
    }
}
