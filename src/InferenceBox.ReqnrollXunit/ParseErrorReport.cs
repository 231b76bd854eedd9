using System.Reflection;
using Io.Cucumber.Messages.Types;
using Reqnroll.Formatters.PubSub;

namespace InferenceBox.ReqnrollXunit;

/// <summary>
/// Puts each feature file that does not parse (or fails Reqnroll's semantic checks) into the formatters' messages as
/// Cucumber's own "source" and "parseError" envelopes, so the living doc shows it next to the scenarios that ran.
/// </summary>
internal static class ParseErrorReport
{
    public static async Task PublishAsync(Assembly testAssembly)
    {
        if (BridgePlugin.GlobalContainer?.Resolve<ICucumberMessageBroker>() is not { IsEnabled: true } broker) return;
        foreach (var file in FeatureFiles.Of(testAssembly))
        {
            var feature = ParsedFeature.Get(testAssembly, file);
            if (feature.ParseError is not { } error) continue;
            await broker.PublishAsync(Envelope.Create(feature.Source));
            foreach (var (message, line, column) in error.Problems)
                await broker.PublishAsync(Envelope.Create(new ParseError(
                    new SourceReference(file, null, null, line is null ? null : new Location(line.Value, column)), message)));
        }
    }
}
