using System.Text.RegularExpressions;

namespace InferenceBox.Specs.Support.Diagnostics;

/// <summary>
/// Last line of defence before anything is written to the results folder: removes whatever looks like a JWT,
/// an Authorization header value or a PEM private key, even where a driver should already have left it out.
/// </summary>
public static partial class Redactor
{
    public const string Redacted = "<redacted>";

    public static string Redact(string text)
    {
        var result = PrivateKey().Replace(text, "-----BEGIN PRIVATE KEY-----" + Redacted + "-----END PRIVATE KEY-----");
        result = AuthorizationValue().Replace(result, m => m.Groups["name"].Value + m.Groups["sep"].Value + Redacted);
        return Jwt().Replace(result, Redacted + "(jwt)");
    }

    // Three base64url segments with a JSON header ("eyJ" is the base64 of '{"'); the signature may be empty (alg none).
    [GeneratedRegex(@"eyJ[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]*")]
    private static partial Regex Jwt();

    // "Authorization: Bearer x", "authorization": "Bearer x", IBX_TOKEN=x, token: x ...
    [GeneratedRegex(@"(?<name>\b(?:authorization|proxy-authorization|x-api-key|ibx_token)\b""?)(?<sep>\s*[:=]\s*""?)(?:(?:Bearer|Basic)\s+)?[^\s"",}]+",
        RegexOptions.IgnoreCase)]
    private static partial Regex AuthorizationValue();

    [GeneratedRegex(@"-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----")]
    private static partial Regex PrivateKey();
}
