using System.Diagnostics;

namespace InferenceBox.Specs.Tests.Identity;

/// <summary>The issuer as the container runs it: a separate process, configured only by Issuer__* variables.</summary>
public sealed class IssuerProcessTests
{
    [Fact]
    public async Task Without_a_key_file_and_without_development_mode_the_process_exits_2_with_one_clear_line()
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "InferenceBox.Issuer.dll"), "--urls", "http://127.0.0.1:0"])
        {
            RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false,
        };
        start.Environment["Issuer__Issuer"] = "http://jwt-issuer.auth-system.svc.cluster.local";
        start.Environment["Issuer__Audiences__0"] = "inference-in-a-box";
        start.Environment["Issuer__Tenants__0"] = "tenant-a";
        using var process = Process.Start(start)!;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30)); // a process that does not fail would listen forever

        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        try { await process.WaitForExitAsync(timeout.Token); }
        finally { if (!process.HasExited) process.Kill(entireProcessTree: true); }

        process.ExitCode.Should().Be(2);
        (await stderr).Should().StartWith("jwt-issuer cannot start: No signing key: set Issuer__SigningKeyFile")
            .And.NotContain("   at ", "a configuration fault is one line, not a stack trace");
    }
}
