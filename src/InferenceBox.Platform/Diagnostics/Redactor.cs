using System.Text;
using System.Text.RegularExpressions;

namespace InferenceBox.Platform.Diagnostics;

/// <summary>
/// The one redactor every writer of the results folder goes through (diagnostics, the bootstrap log, the provision report,
/// and, through the runner bridge's output filter, Reqnroll's reports and the TRX: Hooks/RedactionPlugin.cs). It removes
/// what looks like a credential even where a driver should already have left it out: JWTs (three segments, two, truncated
/// or malformed: anything that starts like a JSON header "eyJ" and runs on in token characters), Authorization and
/// Cookie header values (Bearer, Basic or other), secret-named fields in JSON, YAML, forms and environments
/// (client_secret, password, token, …), tokens in query strings, passwords in URLs, PEM private keys (cut off or whole),
/// and base64 that wraps any of these (a Secret's data, an encoded header).
/// </summary>
public static partial class Redactor
{
    public const string Redacted = "<redacted>";
    private const int MaxBase64Depth = 3;

    public static string Redact(string text) => Redact(text, 0);

    private static string Redact(string text, int depth)
    {
        if (string.IsNullOrEmpty(text)) return text;
        var result = PrivateKey().Replace(text, "-----BEGIN PRIVATE KEY-----" + Redacted + "-----END PRIVATE KEY-----");
        if (depth < MaxBase64Depth)
            result = Base64Run().Replace(result, m => WrapsASecret(m.Value, depth) ? Redacted + "(base64)" : m.Value);
        result = HeaderValue().Replace(result, m => m.Groups["name"].Value + m.Groups["sep"].Value + Redacted);
        result = CookieValue().Replace(result, m => m.Groups["name"].Value + m.Groups["sep"].Value + Redacted);
        result = SecretField().Replace(result, m => m.Groups["name"].Value + m.Groups["sep"].Value + Redacted);
        result = QuerySecret().Replace(result, m => m.Groups["name"].Value + Redacted);
        result = UrlPassword().Replace(result, m => m.Groups["prefix"].Value + Redacted + "@");
        return Jwt().Replace(result, Redacted + "(jwt)");
    }

    /// <summary>True when <paramref name="run"/> is base64 (standard or URL-safe) of readable text that holds a secret.</summary>
    private static bool WrapsASecret(string run, int depth)
    {
        var normalized = run.Replace('-', '+').Replace('_', '/').TrimEnd('=');
        normalized += new string('=', (4 - normalized.Length % 4) % 4);
        var bytes = new byte[normalized.Length];
        if (!Convert.TryFromBase64String(normalized, bytes, out var written)) return false;
        string decoded;
        try { decoded = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes, 0, written); }
        catch (DecoderFallbackException) { return false; }
        if (decoded.Count(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')) > 0) return false;
        return Redact(decoded, depth + 1) != decoded;
    }

    // "eyJ" is base64 of '{"' (a JSON header); then token characters, dots included, but never ending on a dot. Covers a
    // JWT's three segments, a cut-off or two-segment token, and malformed ones ('*', '%', '!' in a segment).
    [GeneratedRegex(@"eyJ[A-Za-z0-9_\-+/=%!*~$.]{6,}[A-Za-z0-9_\-+/=%!*~$]")]
    private static partial Regex Jwt();

    // Authorization, Proxy-Authorization, X-Api-Key, IBX_TOKEN: the credential after any scheme, in "Name: value", JSON
    // ("name": "value", "name":["value"]) and JSON inside JSON (\"name\": \"value\"); never past the end of the line
    // (a YAML key followed by a nested mapping keeps it).
    [GeneratedRegex(@"(?<name>\b(?:authorization|proxy-authorization|x-api-key|ibx_token)\b(?:\\?"")?)(?<sep>[ \t]*[:=][ \t]*(?:\[[ \t]*)?(?:\\?"")?)(?:(?:Bearer|Basic|Digest|Negotiate|token)[ \t]+)?[^\s""\\,}\]]+",
        RegexOptions.IgnoreCase)]
    private static partial Regex HeaderValue();

    // Cookie and Set-Cookie (Kiali's session cookie wraps the login token): the whole value to the end of the line.
    [GeneratedRegex(@"(?<name>\b(?:cookie|set-cookie)\b(?:\\?"")?)(?<sep>[ \t]*[:=][ \t]*(?:\[[ \t]*)?(?:\\?"")?)[^\r\n""\\\]]+",
        RegexOptions.IgnoreCase)]
    private static partial Regex CookieValue();

    // Secret-named fields: client_secret=…, "password": "…", token: …, ACCESS_TOKEN=…, admin-password: … (not token_type).
    [GeneratedRegex(@"(?<name>\b(?:client[_-]?secret|password|passwd|api[_-]?key|secret[_-]?key|signing[_-]?key|private[_-]?key|access[_-]?token|refresh[_-]?token|id[_-]?token|token)\b(?:\\?"")?)(?<sep>[ \t]*[:=][ \t]*(?:\\?"")?)[^\s""\\,;&}\]]+",
        RegexOptions.IgnoreCase)]
    private static partial Regex SecretField();

    [GeneratedRegex(@"(?<name>[?&;](?:access_token|id_token|refresh_token|token|client_secret|code|password|api_key)=)[^&\s""'#\\]+",
        RegexOptions.IgnoreCase)]
    private static partial Regex QuerySecret();

    [GeneratedRegex(@"(?<prefix>\b[a-z][a-z0-9+.\-]*://[^/\s:@""'\\]+:)[^/\s@""'\\]+@", RegexOptions.IgnoreCase)]
    private static partial Regex UrlPassword();

    // Whole or cut off (no END line): everything from BEGIN on.
    [GeneratedRegex(@"-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|\z)")]
    private static partial Regex PrivateKey();

    // Base64 (standard or URL-safe) long enough to wrap a credential.
    [GeneratedRegex(@"(?<![A-Za-z0-9+/_\-])[A-Za-z0-9+/_\-]{20,}={0,2}(?![A-Za-z0-9+/_\-=])")]
    private static partial Regex Base64Run();
}
