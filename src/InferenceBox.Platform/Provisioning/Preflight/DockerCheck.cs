using System.Text.Json;
using InferenceBox.Platform.Provisioning.Ports;
using InferenceBox.Platform.Settings;

namespace InferenceBox.Platform.Provisioning.Preflight;

/// <summary>What Docker offers: its CPUs and memory (from <c>docker info</c>).</summary>
public sealed record DockerCapacity(int Cpus, long MemoryBytes);

/// <summary>Docker reachable within the docker-ping budget, and big enough for the profile.</summary>
public static class DockerCheck
{
    public static string AttachHint =>
        "To test an existing cluster instead, set INFERENCEBOX_MODE=attach INFERENCEBOX_KUBE_CONTEXT=<context>.";

    /// <summary>The capacity, or a problem message when Docker cannot be reached.</summary>
    public static async Task<(DockerCapacity? Capacity, string? Problem)> PingAsync(IToolRunner tools, TimeSpan budget, CancellationToken ct)
    {
        ToolResult result;
        try
        {
            result = await tools.RunAsync("docker", ["info", "--format", "{{json .}}"], budget, ct);
        }
        catch (Exception e) when (e is TimeoutException or System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return (null, Unreachable(e.Message));
        }
        if (!result.Succeeded) return (null, Unreachable(FirstLine(result.StandardError)));
        try
        {
            using var info = JsonDocument.Parse(result.StandardOutput);
            var root = info.RootElement;
            if (root.TryGetProperty("ServerErrors", out var errors) && errors.ValueKind == JsonValueKind.Array && errors.GetArrayLength() > 0)
                return (null, Unreachable(errors[0].GetString() ?? "server error"));
            // Without an engine some CLI versions still print client-only JSON: no server version, zero CPUs.
            if (root.TryGetProperty("ServerVersion", out var server) && string.IsNullOrEmpty(server.GetString()))
                return (null, Unreachable("no Docker engine answered"));
            return (new DockerCapacity(root.GetProperty("NCPU").GetInt32(), root.GetProperty("MemTotal").GetInt64()), null);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return (null, Unreachable($"unexpected `docker info` output ({e.Message})"));
        }
    }

    /// <summary>Minimum Docker resources per profile (the full profile adds the heavy models).</summary>
    public static (int Cpus, double MemoryGiB) Needs(PlatformProfile profile) =>
        profile == PlatformProfile.Full ? (6, 12) : (4, 8);

    public static string? CapacityProblem(DockerCapacity capacity, PlatformProfile profile)
    {
        var (cpus, gib) = Needs(profile);
        var have = capacity.MemoryBytes / (1024.0 * 1024 * 1024);
        // Docker reports a little less than the configured memory, so allow 5% slack.
        if (capacity.Cpus >= cpus && have >= gib * 0.95) return null;
        return $"Docker offers {capacity.Cpus} CPUs and {have:0.0} GiB memory, but profile '{profile.ToString().ToLowerInvariant()}' needs " +
               $"at least {cpus} CPUs and {gib} GiB. Give Docker more resources (Docker Desktop: Settings > Resources; colima: " +
               $"colima start --cpu {cpus} --memory {gib})" + (profile == PlatformProfile.Full ? ", or use INFERENCEBOX_PROFILE=default." : ".");
    }

    private static string Unreachable(string detail) =>
        $"Docker is not reachable (`docker info`: {detail}). Start the Docker engine (Docker Desktop, colima, or " +
        $"`sudo systemctl start docker`) and run again. {AttachHint}";

    private static string FirstLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "no output";
}
