using System.Text.RegularExpressions;

namespace InferenceBox.Platform.Emulator.Discovery;

/// <summary>
/// Orders API versions most preferred first: GA before beta before alpha, then higher major, then higher minor;
/// versions that are not kube-like last, reverse-alphabetically. As kubernetes/apimachinery@v0.32.5
/// pkg/version/helpers.go <c>CompareKubeAwareVersionStrings</c> (which ranks ascending; this sorts descending).
/// </summary>
public sealed partial class KubeVersionOrder : IComparer<string>
{
    public static readonly KubeVersionOrder Instance = new();

    public int Compare(string? x, string? y) => -CompareKubeAware(x ?? "", y ?? "");

    private static int CompareKubeAware(string v1, string v2)
    {
        if (v1 == v2) return 0;
        var (ok1, a) = Parse(v1);
        var (ok2, b) = Parse(v2);
        if (!ok1 && !ok2) return string.CompareOrdinal(v2, v1);
        if (!ok1) return -1;
        if (!ok2) return 1;
        if (a.Type != b.Type) return a.Type - b.Type;
        return a.Major != b.Major ? a.Major - b.Major : a.Minor - b.Minor;
    }

    private static (bool, (int Major, int Type, int Minor)) Parse(string v)
    {
        var m = KubeVersion().Match(v);
        if (!m.Success) return (false, default);
        var type = m.Groups[2].Value switch { "alpha" => 0, "beta" => 1, _ => 2 };
        return (true, (int.Parse(m.Groups[1].Value), type, type == 2 ? 0 : int.Parse(m.Groups[3].Value)));
    }

    [GeneratedRegex(@"^v(\d+)(?:(alpha|beta)(\d+))?$")]
    private static partial Regex KubeVersion();
}
