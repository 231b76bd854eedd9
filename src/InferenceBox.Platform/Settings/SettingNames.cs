namespace InferenceBox.Platform.Settings;

/// <summary>An INFERENCEBOX_ variable the suite does not read, and the setting it most likely meant.</summary>
public sealed record UnknownSetting(string Variable, string? Closest)
{
    public override string ToString() =>
        $"{Variable} is not a setting and is ignored" + (Closest is null ? "" : $"; did you mean {Closest}?") + " (README, Settings)";
}

/// <summary>
/// Finds misspelt settings: an INFERENCEBOX_ variable that names no setting is reported once at the start of the run,
/// with the closest valid name by edit distance, instead of being silently ignored (INFERENCEBOX_MOD=attach would
/// otherwise provision a Kind cluster).
/// </summary>
public static class SettingNames
{
    /// <summary>The INFERENCEBOX_ names among <paramref name="variables"/> that are no setting.</summary>
    public static IReadOnlyList<UnknownSetting> Unknown(IEnumerable<string> variables) =>
        variables.Where(v => v.StartsWith(SettingsLoader.Prefix, StringComparison.Ordinal) && !SettingsLoader.KnownVariables.Contains(v))
            .Order(StringComparer.Ordinal).Select(v => new UnknownSetting(v, Closest(v))).ToList();

    /// <summary>The process environment's misspelt settings.</summary>
    public static IReadOnlyList<UnknownSetting> UnknownInEnvironment() =>
        Unknown(Environment.GetEnvironmentVariables().Keys.Cast<string>());

    /// <summary>The known variable nearest to <paramref name="name"/>, when it is near enough to be a typo.</summary>
    public static string? Closest(string name)
    {
        var (best, distance) = SettingsLoader.KnownVariables
            .Select(known => (known, Distance(name.ToUpperInvariant(), known)))
            .MinBy(pair => pair.Item2);
        // A third of the name part may differ: MOD, MODES, KUBE_CONTXT are typos; INFERENCEBOX_FOO is not.
        var tolerance = Math.Max(2, (best.Length - SettingsLoader.Prefix.Length) / 3);
        return distance <= tolerance ? best : null;
    }

    // Levenshtein distance, two rows.
    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        var current = new int[b.Length + 1];
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
