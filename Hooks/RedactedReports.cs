using InferenceBox.ReqnrollXunit;
using Reqnroll.Plugins;
using InferenceBox.Platform.Diagnostics;

namespace InferenceBox.Specs.Hooks;

/// <summary>
/// Puts the one redactor (<see cref="Redactor"/>) in front of every report of the run that the runner bridge feeds:
/// Reqnroll's formatters (living-doc.html, cucumber-messages.ndjson), the test output and a failed scenario's message and
/// stack trace in the TRX (src/InferenceBox.ReqnrollXunit/OutputFilter.cs). Registered by the test assembly's runtime
/// plugin (<see cref="ResultsFolderPlugin"/>; an assembly has one). The diagnostics folder, the bootstrap log and the
/// provision report call the redactor themselves.
/// </summary>
public static class RedactedReports
{
    public static void Register(RuntimePluginEvents events) =>
        events.RegisterGlobalDependencies += (_, e) => e.ObjectContainer.RegisterInstanceAs<IOutputFilter>(new RedactingFilter());

    private sealed class RedactingFilter : IOutputFilter
    {
        public string Filter(string text) => Redactor.Redact(text);
    }
}
