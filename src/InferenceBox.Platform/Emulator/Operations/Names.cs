using System.Globalization;
using System.Text;

namespace InferenceBox.Platform.Emulator.Operations;

/// <summary>
/// Generated names as the real server and controllers make them: <c>generateName</c> + 5 characters from
/// kubernetes/apimachinery@v0.32.5 pkg/util/rand/rand.go's alphabet (<c>String</c>, used by
/// pkg/api/... names.go <c>SimpleNameGenerator</c>), and a pod-template-hash: an FNV-32a hash, in decimal, passed
/// through <c>SafeEncodeString</c> (kubernetes/kubernetes pkg/controller/controller_utils.go <c>ComputeHash</c>;
/// the hashed bytes differ: Go hashes its own printing of the template, this hashes the JSON).
/// </summary>
public static class Names
{
    private const string Alphanums = "bcdfghjklmnpqrstvwxz2456789";

    public static string Random(int length) =>
        new(Enumerable.Range(0, length).Select(_ => Alphanums[System.Security.Cryptography.RandomNumberGenerator.GetInt32(Alphanums.Length)]).ToArray());

    public static string TemplateHash(string json)
    {
        uint hash = 2166136261;
        foreach (var b in Encoding.UTF8.GetBytes(json))
        {
            hash ^= b;
            hash *= 16777619;
        }
        return SafeEncode(hash.ToString(CultureInfo.InvariantCulture));
    }

    private static string SafeEncode(string s) => new(s.Select(c => Alphanums[c % Alphanums.Length]).ToArray());
}
