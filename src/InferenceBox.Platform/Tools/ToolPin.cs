using System.Runtime.InteropServices;

namespace InferenceBox.Platform.Tools;

/// <summary>
/// One pinned tool from manifests/versions.yaml: version, download URL template ({os}, {arch}, {version}) and
/// the SHA-256 of the download per platform ("linux-amd64", ...).
/// </summary>
public sealed record ToolPin(string Name, string Version, string UrlTemplate, IReadOnlyDictionary<string, string> Sha256)
{
    public Uri DownloadUrl(string platform)
    {
        var (os, arch) = Split(platform);
        return new Uri(UrlTemplate.Replace("{os}", os).Replace("{arch}", arch).Replace("{version}", Version));
    }

    public static (string Os, string Arch) Split(string platform) =>
        platform.Split('-') is [var os, var arch] ? (os, arch) : throw new ArgumentException($"Platform '{platform}' is not <os>-<arch>.");

    /// <summary>This machine as the lock names platforms: linux|darwin - amd64|arm64.</summary>
    public static string CurrentPlatform()
    {
        var os = OperatingSystem.IsLinux() ? "linux" : OperatingSystem.IsMacOS() ? "darwin" : OperatingSystem.IsWindows() ? "windows" : "unknown";
        var arch = RuntimeInformation.OSArchitecture switch { Architecture.X64 => "amd64", Architecture.Arm64 => "arm64", var a => a.ToString().ToLowerInvariant() };
        return $"{os}-{arch}";
    }
}
