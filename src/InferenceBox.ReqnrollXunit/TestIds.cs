using System.Security.Cryptography;
using System.Text;

namespace InferenceBox.ReqnrollXunit;

/// <summary>Stable unique ids for the collections, classes, methods and cases the bridge makes.</summary>
internal static class TestIds
{
    public static string Of(string kind, string key) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"reqnroll-xunit:{kind}:{key}")))[..32];
}
