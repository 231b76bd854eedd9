using System.Security.Cryptography;
using System.Text;

namespace InferenceBox.Issuer;

/// <summary>
/// Client secrets are kept only as SHA-256 hashes and compared in constant time.
/// Why a plain SHA-256 and not a slow password hash: every secret is generated (32 random bytes, 256 bits), never
/// chosen by a person, so no dictionary or brute-force search of the hash can succeed; slow, salted KDFs (PBKDF2,
/// bcrypt, Argon2) exist for low-entropy memorized secrets. NIST SP 800-63B (§5.1.2.2, look-up secrets) allows an
/// approved one-way function alone for secrets of at least 112 bits. The issuer refuses shorter secrets' hashes it
/// cannot judge, so the file format carries only 32-byte hashes.
/// </summary>
public static class SecretHash
{
    public const int Length = 32;

    public static byte[] Of(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    /// <summary>
    /// True when <paramref name="presented"/> equals one of <paramref name="stored"/>. Every stored hash is compared,
    /// each with <see cref="CryptographicOperations.FixedTimeEquals"/>, so the time taken does not depend on which
    /// hash matched or on how many leading bytes agree.
    /// </summary>
    public static bool Matches(ReadOnlySpan<byte> presented, IReadOnlyList<byte[]> stored)
    {
        var match = false;
        foreach (var hash in stored) match |= CryptographicOperations.FixedTimeEquals(presented, hash);
        return match;
    }
}
