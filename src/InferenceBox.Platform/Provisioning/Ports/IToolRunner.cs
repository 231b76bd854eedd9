namespace InferenceBox.Platform.Provisioning.Ports;

/// <summary>The outcome of one command: exit code and captured output (stderr kept for error messages).</summary>
public sealed record ToolResult(int ExitCode, string StandardOutput, string StandardError)
{
    public bool Succeeded => ExitCode == 0;
}

/// <summary>The external commands the provisioner needs: kind, helm, kubectl and docker.</summary>
public interface IToolRunner
{
    /// <summary>
    /// Runs <paramref name="tool"/> ("kind", "helm", "kubectl", "docker") with <paramref name="arguments"/>.
    /// Never throws on a non-zero exit; a timeout or a missing executable throws.
    /// </summary>
    Task<ToolResult> RunAsync(string tool, IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken ct,
        string? standardInput = null);
}

public static class ToolRunnerExtensions
{
    /// <summary>Runs and throws with the command and its stderr when it fails.</summary>
    public static async Task<ToolResult> RunCheckedAsync(this IToolRunner tools, string tool, IReadOnlyList<string> arguments,
        TimeSpan timeout, CancellationToken ct, string? standardInput = null)
    {
        var result = await tools.RunAsync(tool, arguments, timeout, ct, standardInput);
        if (!result.Succeeded)
            throw new InvalidOperationException(
                $"`{tool} {string.Join(' ', arguments)}` exited with {result.ExitCode}: {Tail(result.StandardError)}");
        return result;
    }

    private static string Tail(string text) => text.Length <= 2000 ? text.Trim() : "…" + text[^2000..].Trim();
}
