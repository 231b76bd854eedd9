using System.Net;
using Microsoft.Extensions.Time.Testing;
using InferenceBox.Specs.Support.Traces;
using InferenceBox.Platform.Waiting;
using InferenceBox.Specs.Tests.Observability;

namespace InferenceBox.Specs.Tests.Traces;

public sealed class JaegerTraceTests
{
    private const string TraceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static string Fixture(string name) => RecordedJson.Read("Traces", name);

    [Fact]
    public void A_recorded_trace_lists_its_services_spans_and_parents()
    {
        var trace = JaegerTrace.Parse(Fixture("jaeger-trace-gateway-predictor.json"))!;
        trace.TraceId.Should().Be(TraceId);
        trace.Services.Should().Equal("knative-local-gateway.istio-system", "sklearn-iris-predictor-00001.tenant-a");
        trace.Spans.Should().HaveCount(2);
        var server = trace.Spans.Single(s => s.Service.StartsWith("sklearn-iris"));
        server.ParentSpanId.Should().Be("a1b2c3d4e5f60718");
        server.Duration.Should().Be(TimeSpan.FromMilliseconds(37.8));
        server.Start.Should().Be(new DateTimeOffset(2025, 11, 26, 23, 0, 0, TimeSpan.Zero).AddMicroseconds(2100), "startTime 1764198000002100 µs");
        server.Tags["response_size"].Should().Be("19");
        TraceExpectations.IsIstioIngress(trace.Services[0]).Should().BeTrue();
        TraceExpectations.IsPredictor(trace.Services[1], "tenant-a", "sklearn-iris").Should().BeTrue();
        TraceExpectations.IsPredictor(trace.Services[1], "tenant-b", "sklearn-iris").Should().BeFalse("the predictor is tenant-a's");
    }

    [Fact]
    public void Only_a_CHILD_OF_reference_names_the_parent_not_FOLLOWS_FROM()
    {
        // The query API's reference types (jaegertracing/jaeger model/json/model.go, read at 080a8292): CHILD_OF "means a span
        // is the child of another span", FOLLOWS_FROM only that it follows from one.
        var trace = JaegerTrace.Parse("""
            {"data":[{"traceID":"t1","processes":{"p1":{"serviceName":"svc"}},"spans":[
              {"spanID":"a","operationName":"x","processID":"p1","startTime":0,"duration":1,
               "references":[{"refType":"FOLLOWS_FROM","traceID":"t1","spanID":"f"},{"refType":"CHILD_OF","traceID":"t1","spanID":"c"}]},
              {"spanID":"b","operationName":"y","processID":"p1","startTime":0,"duration":1,
               "references":[{"refType":"FOLLOWS_FROM","traceID":"t1","spanID":"f"}]}]}]}
            """)!;

        trace.Spans.Select(s => s.ParentSpanId).Should().Equal("c", null);
    }

    [Fact]
    public void Partial_spans_without_process_or_references_are_kept_as_unknown()
    {
        var trace = JaegerTrace.Parse(Fixture("jaeger-trace-partial.json"))!;
        trace.Spans.Should().HaveCount(2).And.OnlyContain(s => s.Service == JaegerTrace.UnknownService && s.ParentSpanId == null);
        trace.Spans.Should().Contain(s => s.Tags.Count == 0);
        TraceExpectations.WhyNotThroughTheGateway(trace, "00f067aa0ba902b7", "tenant-a", "sklearn-iris").Should().NotBeNull();
    }

    [Fact]
    public void A_missing_trace_is_null_whether_404_or_empty_data()
    {
        JaegerTrace.Parse(Fixture("jaeger-trace-not-found.json")).Should().BeNull();
        JaegerTrace.Parse("""{"data":[],"total":0}""").Should().BeNull();
    }

    [Theory]
    [InlineData("http://jaeger.test/jaeger", "http://jaeger.test/jaeger/api/traces/" + TraceId)]
    [InlineData("http://jaeger.test", "http://jaeger.test/api/traces/" + TraceId)]
    public async Task The_driver_keeps_the_base_path_and_reads_404_as_missing(string baseUrl, string expectedUrl)
    {
        var handler = new RecordedHandler(HttpStatusCode.NotFound, Fixture("jaeger-trace-not-found.json"));
        var driver = new JaegerDriver(new Uri(baseUrl), new WaitBudgets(), new HttpClient(handler));
        (await driver.GetTraceAsync(TraceId, TestContext.Current.CancellationToken)).Should().BeNull();
        handler.Requests.Should().ContainSingle().Which.Should().Be(new Uri(expectedUrl));
    }

    [Fact]
    public async Task Waiting_for_an_incomplete_trace_times_out_with_what_was_seen()
    {
        var handler = new RecordedHandler(HttpStatusCode.OK, Fixture("jaeger-trace-partial.json"));
        var clock = new FakeTimeProvider();
        var driver = new JaegerDriver(new Uri("http://jaeger.test/jaeger"), new WaitBudgets(1, clock), new HttpClient(handler),
            TimeSpan.FromSeconds(2));
        var wait = driver.WaitForTraceAsync(TraceId, "spans from the gateway and the predictor",
            t => TraceExpectations.WhyNotThroughTheGateway(t, "00f067aa0ba902b7", "tenant-a", "sklearn-iris") is null, TestContext.Current.CancellationToken);
        await handler.NextRequestAsync();
        clock.Advance(TimeSpan.FromSeconds(2));
        await handler.NextRequestAsync(); // the second look began: the first one's state is recorded
        clock.Advance(new WaitBudgets()[WaitBudgets.Names.TraceIndexed]);

        (await FluentActions.Awaiting(() => wait).Should().ThrowAsync<WaitTimeoutException>()).Which.Message
            .Should().Contain(TraceId).And.Contain("trace-indexed").And.Contain("2 spans from [(unknown)]");
    }

    [Fact]
    public void New_trace_parents_are_valid_w3c_and_distinct()
    {
        var (id, parent) = JaegerDriver.NewTraceParent();
        parent.Should().MatchRegex("^00-[0-9a-f]{32}-[0-9a-f]{16}-01$").And.Contain(id);
        JaegerDriver.NewTraceParent().TraceId.Should().NotBe(id);
        TraceExpectations.SameTraceId("00ab", "ab").Should().BeTrue();
    }
}
