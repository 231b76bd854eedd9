using System.Text.RegularExpressions;

namespace InferenceBox.Platform.Schemas.Supply;

/// <summary>The two spellings of a SHA-256 the lock uses: 64 lowercase hex digits, and an OCI digest "sha256:&lt;hex&gt;".</summary>
public static partial class Sha256Text
{
    public static bool IsHex(string? value) => value is not null && Hex().IsMatch(value);

    public static bool IsDigest(string? value) => value is not null && value.StartsWith("sha256:", StringComparison.Ordinal) && IsHex(value[7..]);

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex Hex();
}
