using Reqnroll.BoDi;
using Xunit;

namespace InferenceBox.ReqnrollXunit;

/// <summary>
/// A filter for every text the bridge hands to a report: the formatters' messages (living doc, Cucumber messages), the
/// test's output, and a failed scenario's message and stack trace (the TRX). A test project registers one in Reqnroll's
/// global container from a runtime plugin (RuntimePluginEvents.RegisterGlobalDependencies), e.g. to redact secrets;
/// without one, texts pass unchanged.
/// </summary>
public interface IOutputFilter
{
    string Filter(string text);
}

internal static class OutputFilters
{
    /// <summary>The registered filter of <paramref name="container"/>'s global container, or null.</summary>
    public static IOutputFilter? Of(IObjectContainer? container) =>
        container is not null && container.IsRegistered<IOutputFilter>() ? container.Resolve<IOutputFilter>() : null;

    /// <summary>
    /// The failure as the report should carry it: unchanged when the filter finds nothing to change (its type, message and
    /// stack stay as they are), else a failure of the same outcome with the filtered message (the exception and its inner
    /// ones, as xUnit shows them) and the filtered stack trace. A skip is never rewritten.
    /// </summary>
    public static Exception Filtered(Exception failure, IOutputFilter? filter)
    {
        if (filter is null || failure is Xunit.Sdk.SkipException) return failure;
        var message = Messages(failure);
        var (filteredMessage, filteredStack) = (filter.Filter(message), filter.Filter(failure.StackTrace ?? ""));
        return filteredMessage == message && filteredStack == (failure.StackTrace ?? "")
            ? failure
            : new FilteredFailureException(filteredMessage, filteredStack);
    }

    private static string Messages(Exception e) =>
        e.InnerException is null && e is not AggregateException ? e.Message
        : string.Join(Environment.NewLine, Flatten(e).Select(x => $"{x.GetType().FullName}: {x.Message}"));

    private static IEnumerable<Exception> Flatten(Exception e) =>
        e is AggregateException a ? a.InnerExceptions.SelectMany(Flatten) : e.InnerException is { } inner ? [e, .. Flatten(inner)] : [e];
}

/// <summary>A scenario's failure after the output filter rewrote what it said.</summary>
public sealed class FilteredFailureException(string message, string stackTrace) : Xunit.Sdk.XunitException(message)
{
    public override string StackTrace { get; } = stackTrace;
}

/// <summary>The test's output, through the filter.</summary>
internal sealed class FilteringOutputHelper(ITestOutputHelper inner, IOutputFilter filter) : ITestOutputHelper
{
    public string Output => inner.Output;
    public void Write(string message) => inner.Write(filter.Filter(message));
    public void Write(string format, params object[] args) => inner.Write(filter.Filter(string.Format(format, args)));
    public void WriteLine(string message) => inner.WriteLine(filter.Filter(message));
    public void WriteLine(string format, params object[] args) => inner.WriteLine(filter.Filter(string.Format(format, args)));
}
