namespace InferenceBox.Specs.Tests.Metrics;

/// <summary>The loopback Prometheus scraping a demo counter of answered and rejected requests.</summary>
public sealed class PrometheusFixture : LoopbackPrometheus
{
    private long answered, rejected = 3;

    public void Answer(int count) => Interlocked.Add(ref answered, count);
    public long Answered => Interlocked.Read(ref answered);
    public long Rejected => Interlocked.Read(ref rejected);

    protected override string Exposition() =>
        "# TYPE demo_requests_total counter\n" +
        $"demo_requests_total{{tenant=\"tenant-a\",code=\"200\"}} {Answered}\n" +
        $"demo_requests_total{{tenant=\"tenant-a\",code=\"401\"}} {Rejected}\n";
}
