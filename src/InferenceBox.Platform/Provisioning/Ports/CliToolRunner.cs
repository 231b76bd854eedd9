using System.Text;
using CliWrap;
using CliWrap.Buffered;

namespace InferenceBox.Platform.Provisioning.Ports;

/// <summary>
/// Runs tools through CliWrap. <paramref name="resolve"/> maps a tool name to the executable to run (the pinned
/// download or the PATH copy); kubectl and helm get the chosen kube context so they never act on another cluster.
/// </summary>
/// <remarks>
/// Commands run in <paramref name="workingDirectory"/> (the repo root), so kind's relative mount paths resolve.
/// </remarks>
public sealed class CliToolRunner(Func<string, string> resolve, string? kubeContext = null, string? kubeconfig = null,
    string? workingDirectory = null) : IToolRunner
{
    public async Task<ToolResult> RunAsync(string tool, IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken ct,
        string? standardInput = null)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(ct);
        bounded.CancelAfter(timeout);
        var command = Cli.Wrap(resolve(tool))
            .WithArguments(WithContext(tool, arguments))
            .WithValidation(CommandResultValidation.None);
        if (workingDirectory is not null) command = command.WithWorkingDirectory(workingDirectory);
        if (kubeconfig is not null) command = command.WithEnvironmentVariables(e => e.Set("KUBECONFIG", kubeconfig));
        if (standardInput is not null) command = command.WithStandardInputPipe(PipeSource.FromString(standardInput, Encoding.UTF8));
        try
        {
            var result = await command.ExecuteBufferedAsync(bounded.Token);
            return new ToolResult(result.ExitCode, result.StandardOutput, result.StandardError);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new TimeoutException($"`{tool} {string.Join(' ', arguments)}` did not finish within {timeout.TotalSeconds:0}s.");
        }
    }

    private IEnumerable<string> WithContext(string tool, IReadOnlyList<string> arguments) =>
        kubeContext is null ? arguments : tool switch
        {
            "kubectl" => ["--context", kubeContext, .. arguments],
            "helm" => ["--kube-context", kubeContext, .. arguments],
            _ => arguments,
        };
}
