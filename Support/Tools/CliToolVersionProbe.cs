using System.Text.RegularExpressions;
using CliWrap;
using CliWrap.Buffered;

namespace InferenceBox.Specs.Support.Tools;

/// <summary>Asks the tool itself: <c>kind version</c>, <c>helm version --short</c>, <c>kubectl version --client</c>.</summary>
public sealed partial class CliToolVersionProbe(TimeSpan timeout) : IToolVersionProbe
{
    public async Task<string?> VersionAsync(string executable, string tool, CancellationToken ct)
    {
        string[] arguments = tool switch
        {
            "helm" => ["version", "--short"],
            "kubectl" => ["version", "--client"],
            _ => ["version"],
        };
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(ct);
        bounded.CancelAfter(timeout);
        try
        {
            var result = await Cli.Wrap(executable).WithArguments(arguments).WithValidation(CommandResultValidation.None)
                .ExecuteBufferedAsync(bounded.Token);
            return ParseVersion(result.StandardOutput);
        }
        catch (Exception e) when (e is OperationCanceledException or System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>The first semantic version in a tool's version output, e.g. "v3.18.3" in "v3.18.3+g6838ebc".</summary>
    public static string? ParseVersion(string output) => SemVer().Match(output) is { Success: true } m ? m.Value : null;

    [GeneratedRegex(@"v?\d+\.\d+\.\d+")]
    private static partial Regex SemVer();
}
