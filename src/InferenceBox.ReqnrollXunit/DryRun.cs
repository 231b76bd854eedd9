using Cucumber.HtmlFormatter;
using Reqnroll.Bindings;
using Reqnroll.Bindings.Reflection;
using Reqnroll.Formatters.Configuration;
using Reqnroll.Formatters.Html;
using Reqnroll.Formatters.RuntimeSupport;
using Reqnroll.Infrastructure;
using Reqnroll.Tracing;
using Reqnroll.Utils;

namespace InferenceBox.ReqnrollXunit;

/// <summary>
/// Dry run. Reqnroll has matched the step in its binding registry and converted its arguments before it calls the
/// invoker, so undefined, ambiguous and badly typed steps fail as for real. Then, as a real invocation would, the step's
/// class is built from the scenario container (reqnroll/Reqnroll@v3.3.3:Reqnroll/Bindings/BindingInvoker.cs resolves the
/// instance through ScenarioContext.GetBindingInstance), so a dependency nobody registers fails; only the step body is not
/// called. Hooks run for real. (Reqnroll's own REQNROLL_DRY_RUN, Reqnroll/Bindings/DryRunBindingInvoker.cs, skips hooks
/// and never builds a class; this dry run checks more.)
/// </summary>
internal sealed class DryRunBindingInvoker(BindingInvoker inner) : IAsyncBindingInvoker
{
    public Task<object> InvokeBindingAsync(IBinding binding, IContextManager contextManager, object[] arguments,
        ITestTracer testTracer, DurationHolder durationHolder)
    {
        if (binding is not IStepDefinitionBinding step)
            return inner.InvokeBindingAsync(binding, contextManager, arguments, testTracer, durationHolder);
        if (step.Method is RuntimeBindingMethod { MethodInfo: { IsStatic: false, ReflectedType: { } type } })
            contextManager.ScenarioContext.GetBindingInstance(type);
        durationHolder.Duration = TimeSpan.Zero;
        return Task.FromResult<object>(null!);
    }
}

/// <summary>Reqnroll's HTML formatter, with a banner and title that say the report is of a dry run.</summary>
internal sealed class DryRunHtmlFormatter(IFormattersConfigurationProvider configuration, IFormatterLog logger, IFileSystem fileSystem)
    : HtmlFormatter(configuration, logger, fileSystem, "html")
{
    protected override HtmlReportSettings GetHtmlReportSettings()
    {
        var settings = base.GetHtmlReportSettings();
        settings.Title = "DRY RUN - " + settings.Title;
        settings.CustomCss = "body::before { content: 'DRY RUN: steps were bound and step classes built, but no step body ran. " +
                             "A pass means bound, not working.'; display: block; padding: 1em; background: #ffd54f; " +
                             "color: #000; font-weight: bold; text-align: center; }";
        return settings;
    }
}
