using InferenceBox.Specs.Support.Reporting;
using InferenceBox.Specs.Support.Statistics;
using Reqnroll.Formatters.PayloadProcessing;
using InferenceBox.Platform.Manifests;

namespace InferenceBox.Specs.Tests.Reporting;

/// <summary>
/// The report built from a real failing run: Reqnroll's own messages of the bridge fixture's Outcomes feature (passing,
/// failing, undefined, ambiguous, pending, badly typed, ignored and hook-skipped scenarios, plus the fixture's parse
/// errors), recorded with REQNROLL_FORMATTERS_MESSAGE and read back with Reqnroll's NdjsonSerializer.
/// </summary>
public sealed class ConformanceReportTests
{
    private static readonly string Fixture = Path.Combine(AppContext.BaseDirectory, "Reporting", "Fixtures", "failing-run.ndjson");
    private static readonly MachineFacts Machine = new(2, 8, "Linux", ".NET", null, "28.0.1", null);
    private static readonly PlatformSection Platform = PlatformPins.Read(Path.Combine(ManifestFiles.FolderOf(InferenceBox.Platform.Run.RunPaths.RepositoryRoot()), "versions.yaml"));

    private static RunMessages Recorded() =>
        RunMessages.Of(File.ReadLines(Fixture).Where(l => l.Length > 0).Select(NdjsonSerializer.Deserialize));

    private static RunFacts Facts(string mode = "provision", bool dryRun = false)
    {
        var facts = new RunFacts { Run = new RunDescription("run-1", mode, dryRun, "default", "kind-inference-in-a-box", null, "/results") };
        var failing = Recorded().Outcomes(SuiteCatalog.Empty).Single(o => o.Name == "Failing").Identity.Slug;
        // A canary that got 150 of 466 where 20% was stated: outside the acceptance region, judged by the real test.
        var design = SplitStepPatterns.Design(20, "10,000", 15, "999", "1,000");
        facts.Record(failing, TrafficSplitFact.Of("tenant-a/sklearn-iris", "v2", SplitVerdict.Judge(design, 150, 466)));
        facts.Record(failing, new ColdStartFact("tenant-a/sklearn-iris", 12.5, 200, "v1"));
        facts.Record(failing, new RateLimitFact("tenant-c to tenant-c/sklearn-iris", 41, 20, 21, 0));
        return facts;
    }

    private static ConformanceReport Build(RunFacts facts) =>
        ConformanceReportBuilder.Build(facts, Recorded(), SuiteCatalog.Empty, Platform, Machine, DateTimeOffset.UnixEpoch);

    [Fact]
    public void A_failing_run_reports_fail_with_the_first_failing_step_and_where_its_diagnostics_are()
    {
        var report = Build(Facts());

        ReportSchema.Errors(report.ToJson()).Should().BeEmpty();
        report.Verdict.Should().Be("fail");
        var outcomes = report.Capabilities.Should().ContainSingle(c => c.Capability == "outcomes").Subject;
        (outcomes.Passed, outcomes.Failed, outcomes.Skipped).Should().Be((1, 5, 4));
        var failing = outcomes.Failures.Should().ContainSingle(f => f.Scenario == "Outcomes: Failing").Subject;
        failing.Step.Should().Be("Then the counter is 4");
        failing.Status.Should().Be("FAILED");
        failing.Message.Should().StartWith("Assert.Equal() Failure");
        failing.Diagnostics.Should().MatchRegex(@"^/results/scenarios/failing-[0-9a-f]{6}$");
        outcomes.Failures.Select(f => (f.Scenario, f.Status)).Should().Contain([("Outcomes: Undefined", "UNDEFINED"),
            ("Outcomes: Ambiguous", "AMBIGUOUS"), ("Outcomes: Pending", "PENDING")]);
    }

    [Fact]
    public void Every_skip_has_its_reason()
    {
        var skips = Build(Facts()).Capabilities.Single(c => c.Capability == "outcomes").Skips;

        skips.Should().HaveCount(4).And.OnlyContain(s => s.Reason.Length > 0);
        skips.Should().ContainSingle(s => s.Scenario == "Outcomes: Skipped by a hook")
            .Which.Reason.Should().Be("skipped at run time: needs the full profile", "the hook's reason, without xUnit's dynamic-skip marker");
        skips.Where(s => s.Scenario.StartsWith("Outcomes: Ignored", StringComparison.Ordinal)).Should().HaveCount(3)
            .And.OnlyContain(s => s.Reason == "Ignored (@ignore)");
    }

    [Fact]
    public void The_statistics_stand_beside_their_scenario_with_what_was_observed()
    {
        var report = Build(Facts());

        var split = report.Statistics.Select(s => s.Fact).OfType<TrafficSplitFact>().Should().ContainSingle().Subject;
        (split.N, split.Alpha, split.Power, split.Hits, split.Passed).Should().Be((466, 1e-4, 0.999, 150, false));
        split.WilsonLow.Should().BeLessThan(split.ObservedShare!.Value).And.BeGreaterThan(0.2, "150/466 is far above 20%");
        report.Statistics.Should().OnlyContain(s => s.Scenario == "Outcomes: Failing" && s.Observed);
        report.Statistics.Select(s => s.Fact).Should().ContainSingle(f => f is RateLimitFact).Which.Should().Be(
            new RateLimitFact("tenant-c to tenant-c/sklearn-iris", 41, 20, 21, 0));
        ReportMarkdown.Render(report).Should().Contain("150/466 = 32.2%").And.Contain("FAIL").And.Contain("n=466");
    }

    [Fact]
    public void The_parse_errors_of_the_run_are_its_problems_and_the_platform_is_the_version_lock()
    {
        var report = Build(Facts());

        report.Problems.Should().HaveCount(4).And.OnlyContain(p => p.StartsWith("Gherkin parse error in ", StringComparison.Ordinal));
        report.Platform.Kubernetes.Should().Be("v1.32.5");
        report.Platform.Charts.Should().ContainKey("kserve");
        report.Cluster.Read.Should().BeFalse("no cluster was read");
    }

    [Fact]
    public void A_run_that_could_not_start_reports_every_scenario_not_run_with_the_cause()
    {
        var facts = new RunFacts
        {
            Run = new RunDescription("run-2", "provision", false, "default", "kind-inference-in-a-box", null, "/results"),
            StartFailure = new StartFailure("Docker is not reachable", "Start Docker"),
        };
        var suite = new SuiteCatalog([.. Recorded().All.Where(e => e.GherkinDocument is not null).Select(e => e.GherkinDocument)], [.. Recorded().Pickles]);

        var report = ConformanceReportBuilder.Build(facts, new RunMessages(), suite, Platform, Machine, DateTimeOffset.UnixEpoch);

        ReportSchema.Errors(report.ToJson()).Should().BeEmpty();
        report.Verdict.Should().Be("not-run");
        report.Scenarios.Should().HaveCount(10).And.OnlyContain(s => s.Status == "not-run");
        report.Problems.Should().StartWith("The run could not start: Docker is not reachable");
    }

    [Fact]
    public void A_rehearsal_whose_scenarios_are_bound_says_rehearsed_in_mode_rehearse()
    {
        // The recorded run cut down to its passing scenario: what a rehearsal's bound scenarios look like.
        var all = Recorded().All;
        var pickle = all.Single(e => e.Pickle?.Name == "Passing").Pickle;
        var testCase = all.Single(e => e.TestCase?.PickleId == pickle.Id).TestCase;
        var started = all.Where(e => e.TestCaseStarted?.TestCaseId == testCase.Id).Select(e => e.TestCaseStarted.Id).ToHashSet();
        static string? CaseStarted(Io.Cucumber.Messages.Types.Envelope e) => e.TestCaseStarted?.Id ?? e.TestStepStarted?.TestCaseStartedId
            ?? e.TestStepFinished?.TestCaseStartedId ?? e.TestCaseFinished?.TestCaseStartedId ?? e.Attachment?.TestCaseStartedId;
        var messages = RunMessages.Of(all.Where(e => e.Pickle?.Id is { } p ? p == pickle.Id
            : e.TestCase?.Id is { } c ? c == testCase.Id
            : CaseStarted(e) is not { } s || started.Contains(s)));
        var facts = new RunFacts { Run = new RunDescription("run-3", "rehearse", true, "default", "the API server emulator (in-process)", null, "/results") };

        var report = ConformanceReportBuilder.Build(facts, messages, SuiteCatalog.Empty, Platform, Machine, DateTimeOffset.UnixEpoch);

        ReportSchema.Errors(report.ToJson()).Should().BeEmpty();
        report.Verdict.Should().Be("rehearsed", "a rehearsal is not only a dry run: the platform as code was provisioned against the emulator");
        (report.Run.Mode, report.Run.DryRun, report.Run.Live).Should().Be(("rehearse", true, false));
        report.Summary.Should().StartWith("REHEARSED: the platform as code was provisioned by the real provisioner against the API server emulator")
            .And.Contain("no step body ran");
    }

    [Fact]
    public void The_schema_refuses_a_report_that_breaks_it()
    {
        var json = Build(Facts()).ToJson();

        ReportSchema.Errors(json.Replace("\"verdict\": \"fail\"", "\"verdict\": \"mostly fine\"")).Should().NotBeEmpty();
        ReportSchema.Errors(json.Replace("\"reason\": \"Ignored (@ignore)\"", "\"reason\": \"\"")).Should().NotBeEmpty("a skip needs its reason");
        ReportSchema.Errors(json.Replace("\"alpha\": 0.0001", "\"alpha\": 0.7")).Should().NotBeEmpty();
    }
}
