using System.Runtime.InteropServices;
using CliWrap;
using CliWrap.Buffered;

namespace InferenceBox.Specs.Support.Reporting;

/// <summary>The machine the run ran on: CPUs, memory, OS, .NET, and the Docker and kind versions when they are there.</summary>
public sealed record MachineFacts(
    int Cpus, double MemoryGiB, string Os, string Runtime, string? DockerServer, string? DockerClient, string? Kind)
{
    /// <summary>Reads this machine; each tool gets <paramref name="toolBudget"/> and is "not found" when it does not answer.</summary>
    public static async Task<MachineFacts> ReadAsync(TimeSpan toolBudget, CancellationToken ct = default)
    {
        var memory = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024);
        // `docker version` prints the client even without an engine; the server part needs the engine.
        var dockerServer = await FirstLineAsync("docker", ["version", "--format", "{{.Server.Version}}"], toolBudget, ct);
        var dockerClient = await FirstLineAsync("docker", ["version", "--format", "{{.Client.Version}}"], toolBudget, ct);
        var kind = await FirstLineAsync("kind", ["version"], toolBudget, ct);
        return new MachineFacts(Environment.ProcessorCount, Math.Round(memory, 1), RuntimeInformation.OSDescription,
            RuntimeInformation.FrameworkDescription, dockerServer, dockerClient, kind);
    }

    private static async Task<string?> FirstLineAsync(string tool, string[] arguments, TimeSpan budget, CancellationToken ct)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(ct);
        bounded.CancelAfter(budget);
        try
        {
            var result = await Cli.Wrap(tool).WithArguments(arguments).WithValidation(CommandResultValidation.None)
                .ExecuteBufferedAsync(bounded.Token);
            var line = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
            return result.ExitCode == 0 && !string.IsNullOrEmpty(line) ? line : null;
        }
        catch (Exception e) when (e is OperationCanceledException or System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return null;
        }
    }
}
