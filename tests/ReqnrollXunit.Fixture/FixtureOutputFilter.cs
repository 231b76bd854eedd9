using InferenceBox.ReqnrollXunit;
using Reqnroll.Plugins;
using Reqnroll.UnitTestProvider;
using ReqnrollXunit.Fixture;

[assembly: RuntimePlugin(typeof(FixtureOutputFilterPlugin))]

namespace ReqnrollXunit.Fixture;

/// <summary>A project's output filter, as a runtime plugin of its test assembly registers one: hides "fixture-secret-…".</summary>
public sealed class FixtureOutputFilterPlugin : IRuntimePlugin
{
    public void Initialize(RuntimePluginEvents runtimePluginEvents, RuntimePluginParameters runtimePluginParameters,
        UnitTestProviderConfiguration unitTestProviderConfiguration) =>
        runtimePluginEvents.RegisterGlobalDependencies += (_, e) => e.ObjectContainer.RegisterInstanceAs<IOutputFilter>(new SecretFilter());

    private sealed class SecretFilter : IOutputFilter
    {
        public string Filter(string text) => System.Text.RegularExpressions.Regex.Replace(text, "fixture-secret-[a-z0-9]+", "<filtered>");
    }
}
