using System.Text.Json;
using System.Text.Unicode;
using Microsoft.AspNetCore.WebUtilities;

namespace InferenceBox.Issuer;

/// <summary>The parameters of one token request, by name; a parameter sent without a value is absent (RFC 6749 section 3.2).</summary>
public sealed record TokenParameters(IReadOnlyDictionary<string, string> Values)
{
    public string? this[string name] => Values.GetValueOrDefault(name);
}

/// <summary>
/// Reads the body of POST /token: <c>application/x-www-form-urlencoded</c> as RFC 6749 §4.4.2 prescribes, or the same
/// parameters as a JSON object. Every fault becomes an entry "field → what is wrong" (the field is <c>Content-Type</c>,
/// <c>body</c> or the parameter); nothing here throws on bad input. Unrecognized parameters are ignored (their
/// strings are still checked to be text) and repeated ones refused, as RFC 6749 §3.2 requires.
/// </summary>
public sealed class TokenRequestReader(IssuerOptions options)
{
    private const string Form = "application/x-www-form-urlencoded";
    private const int MaxDepth = 4;

    public async Task<(TokenParameters? Parameters, Dictionary<string, string[]> Errors)> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var isForm = request.ContentType?.Split(';')[0].Trim().Equals(Form, StringComparison.OrdinalIgnoreCase) == true;
        if (!isForm && !request.HasJsonContentType())
            return (null, Error(errors, "Content-Type", $"must be {Form} (RFC 6749 section 4.4.2) or application/json (got {OAuthText.Quote(request.ContentType ?? "none")})."));
        if (request.ContentLength > options.MaxRequestBodyBytes)
            return (null, Error(errors, "body", $"is larger than {options.MaxRequestBodyBytes} bytes."));

        var body = await ReadBoundedAsync(request.Body, options.MaxRequestBodyBytes, ct);
        if (body is null) return (null, Error(errors, "body", $"is larger than {options.MaxRequestBodyBytes} bytes."));
        if (body.Length == 0) return (null, Error(errors, "body", "is empty; send grant_type=client_credentials."));
        // Neither reader checks the bytes inside values; reading such a value later would throw.
        if (!Utf8.IsValid(body)) return (null, Error(errors, "body", "is not valid UTF-8."));

        var values = isForm ? ReadForm(body, errors) : ReadJson(body, errors);
        return values is null || errors.Count > 0 ? (null, errors) : (new TokenParameters(values), errors);
    }

    private static Dictionary<string, string>? ReadForm(byte[] body, Dictionary<string, string[]> errors)
    {
        Dictionary<string, Microsoft.Extensions.Primitives.StringValues> pairs;
        try { pairs = new FormReader(System.Text.Encoding.UTF8.GetString(body)).ReadForm(); }
        catch (InvalidDataException) { Error(errors, "body", "has too many parameters or too long a parameter."); return null; }
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in pairs.Where(p => TokenParameterNames.All.Contains(p.Key)))
        {
            if (value.Count > 1) Error(errors, name, "appears more than once (RFC 6749 section 3.2).");
            else if (!string.IsNullOrEmpty(value[0])) values[name] = value[0]!;
        }
        return values;
    }

    private static Dictionary<string, string>? ReadJson(byte[] body, Dictionary<string, string[]> errors)
    {
        JsonDocument document;
        try { document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = MaxDepth }); }
        catch (JsonException e)
        {
            Error(errors, "body", $"is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}).");
            return null;
        }
        using (document)
        {
            // Before any string is read: reading one that escapes an unpaired surrogate would throw.
            foreach (var (field, problem) in JsonStringCheck.Undecodable(body, MaxDepth)) Error(errors, field, problem);
            if (errors.Count > 0) return null;
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                Error(errors, "body", $"must be a JSON object, not {document.RootElement.ValueKind}.");
                return null;
            }
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject().Where(p => TokenParameterNames.All.Contains(p.Name)))
            {
                var (field, value) = (property.Name, property.Value);
                if (!seen.Add(field)) Error(errors, field, "appears more than once (RFC 6749 section 3.2).");
                else if (value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text) values[field] = text;
                // A lifetime may be a JSON number; its text is checked as the form's would be.
                else if (value.ValueKind == JsonValueKind.Number && field == TokenParameterNames.ExpiresIn) values[field] = value.GetRawText();
                else if (value.ValueKind is not (JsonValueKind.Null or JsonValueKind.String))
                    Error(errors, field, $"must be a string, not {value.ValueKind}.");
            }
            return values;
        }
    }

    /// <summary>Reads at most <paramref name="limit"/> bytes; null when the body is longer (chunked bodies have no length).</summary>
    private static async Task<byte[]?> ReadBoundedAsync(Stream body, int limit, CancellationToken ct)
    {
        var buffer = new byte[limit + 1];
        var total = 0;
        int read;
        while (total < buffer.Length && (read = await body.ReadAsync(buffer.AsMemory(total), ct)) > 0) total += read;
        return total > limit ? null : buffer[..total];
    }

    public static Dictionary<string, string[]> Error(Dictionary<string, string[]> errors, string field, string message)
    {
        errors[field] = errors.TryGetValue(field, out var existing) ? [.. existing, message] : [message];
        return errors;
    }
}
