using Io.Cucumber.Messages.Types;
using Reqnroll.Analytics;
using Reqnroll.BoDi;
using Reqnroll.Formatters;
using Reqnroll.Formatters.PayloadProcessing;
using Reqnroll.Formatters.PubSub;
using Reqnroll.Formatters.RuntimeSupport;

namespace InferenceBox.ReqnrollXunit;

/// <summary>
/// Reqnroll's message broker with the output filter in front: every envelope the formatters receive (attachments,
/// outputs, step results with their exception messages) is serialized as the message formatter writes it, filtered, and
/// parsed back, so no formatter ever sees what the filter removes. The broker is the single door to the formatters: the
/// publisher and every IMessagePublisher user publish through it (reqnroll/Reqnroll@v3.3.3:
/// Reqnroll/Infrastructure/DefaultDependencyProvider.cs; Reqnroll/Formatters/PubSub/CucumberMessageBroker.cs).
/// </summary>
internal sealed class FilteringMessageBroker(IFormatterLog log, IDictionary<string, ICucumberMessageFormatter> formatters,
    IAnalyticsRuntimeTelemetryService telemetry, IObjectContainer container) : ICucumberMessageBroker
{
    private readonly CucumberMessageBroker _inner = new(log, formatters, telemetry);
    private readonly IOutputFilter? _filter = OutputFilters.Of(container);

    public bool IsEnabled => _inner.IsEnabled;

    public void Initialize() => _inner.Initialize();

    public void FormatterInitialized(ICucumberMessageFormatter formatterSink, bool enabled) => _inner.FormatterInitialized(formatterSink, enabled);

    public Task PublishAsync(Envelope message) => _inner.PublishAsync(Filter(message));

    private Envelope Filter(Envelope message)
    {
        if (_filter is null) return message;
        var json = NdjsonSerializer.Serialize(message);
        var filtered = _filter.Filter(json);
        return filtered == json ? message : NdjsonSerializer.Deserialize(filtered);
    }
}
