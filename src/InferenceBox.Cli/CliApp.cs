using System.CommandLine;
using InferenceBox.Platform.Run;
using InferenceBox.Platform.Settings;

namespace InferenceBox.Cli;

/// <summary>
/// The command line (System.CommandLine): up, plan, rehearse, status, down, each with --help. Bad input gets one line
/// on standard error and exit code 2: an unknown command or option (System.CommandLine's own words), or an invalid
/// setting (the settings' own words: the variable, the value and what is allowed). A command that ran and found the
/// platform wanting exits 1.
/// </summary>
public static class CliApp
{
    public const int Ok = 0, Failed = 1, BadInput = 2;
    public const string Name = "inferencebox";

    public static async Task<int> RunAsync(string[] args, CliConsole console, CancellationToken ct)
    {
        var commands = new PlatformCommands(console);
        var root = new RootCommand(
            "The AI inference platform of InferenceBox.Specs, by hand: bring it up, look at it, take it down, without running " +
            "the specs. Settings are the INFERENCEBOX_ environment variables, as for the suite (README, Settings).")
        {
            Command("up", $"Provision the platform on Kind cluster {InferenceBoxSettings.ClusterName} (created, or reused where healthy) with live " +
                          "progress, then print its URLs and how to get a token. Needs Docker; runs no spec. With INFERENCEBOX_MODE=attach it " +
                          "checks the cluster of INFERENCEBOX_KUBE_CONTEXT instead and installs nothing.",
                commands.UpAsync),
            Command("plan", "Print the provisioning plan (phases in waves, each with its dependencies, budget and estimate) and the " +
                            "critical path of a cold run. Offline: nothing is provisioned.",
                commands.PlanAsync),
            Command("rehearse", "Provision the whole platform against the in-process Kubernetes API server emulator, with stand-ins " +
                                "for kind, helm, kubectl and docker. Offline, no Docker, seconds. Exit 1 names what was refused, where and by whom.",
                commands.RehearseAsync),
            Command("status", "Each phase's health on the cluster of INFERENCEBOX_KUBE_CONTEXT (what is missing or not ready), " +
                              "the URLs on the host, and how to get a token. Installs nothing. Exit 1 when anything is not ready.",
                commands.StatusAsync),
            Command("down", $"Delete Kind cluster {InferenceBoxSettings.ClusterName} (kind delete cluster). Never touches another context.",
                commands.DownAsync),
        };
        // Help names the program as its users type it, also when it runs in-process in a test host.
        root.HelpName = Name;

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            // System.CommandLine would print every error and the whole help; one line says what and what to do.
            // An unknown word is the likelier slip than the missing command System.CommandLine reports first.
            var error = parsed.UnmatchedTokens.Count > 0 ? $"unknown command or option '{parsed.UnmatchedTokens[0]}'." : parsed.Errors[0].Message;
            console.Error.WriteLine($"{Name}: {error} Run '{Name} --help' for the commands and their options.");
            return BadInput;
        }
        try
        {
            return await parsed.InvokeAsync(new InvocationConfiguration
            {
                Output = console.Out, Error = console.Error, EnableDefaultExceptionHandler = false,
            }, ct);
        }
        catch (SettingsException e)
        {
            console.Error.WriteLine($"{Name}: {e.Message}");
            return BadInput;
        }
        catch (Exception e) when (e is IKnownCause known)
        {
            // Any other failure with a known cause (no schemas offline, no CA to trust): its cause and its fix, no stack trace.
            console.Error.WriteLine($"{Name}: {known.Cause} {known.Fix}");
            return Failed;
        }
    }

    private static Command Command(string name, string description, Func<CancellationToken, Task<int>> action)
    {
        var command = new Command(name, description);
        command.SetAction((_, ct) => action(ct));
        return command;
    }
}
