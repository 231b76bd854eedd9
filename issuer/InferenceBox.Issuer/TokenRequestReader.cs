using System.Text.Json;
using System.Text.Unicode;

namespace InferenceBox.Issuer;

/// <summary>A checked POST /token request.</summary>
public sealed record TokenRequest(string Tenant, string? Subject, string? Audience, int? LifetimeSeconds);

/// <summary>
/// Reads and checks a POST /token body. Every fault becomes an entry "field → what is wrong" (the field is
/// <c>Content-Type</c>, <c>body</c> or the JSON property), answered as RFC 7807 validation problem details.
/// Input values are never echoed beyond a short prefix, and nothing here throws on bad input.
/// </summary>
public sealed class TokenRequestReader(IssuerOptions options)
{
    public const string TenantField = "tenant", SubjectField = "subject", AudienceField = "audience", LifetimeField = "lifetimeSeconds";
    private static readonly string[] Fields = [TenantField, SubjectField, AudienceField, LifetimeField];
    private const int MaxDepth = 4;

    public async Task<(TokenRequest? Request, Dictionary<string, string[]> Errors)> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (!request.HasJsonContentType())
            return (null, Error(errors, "Content-Type", $"must be application/json (got \"{Short(request.ContentType ?? "none")}\")."));
        if (request.ContentLength > options.MaxRequestBodyBytes)
            return (null, Error(errors, "body", $"is larger than {options.MaxRequestBodyBytes} bytes."));

        var body = await ReadBoundedAsync(request.Body, options.MaxRequestBodyBytes, ct);
        if (body is null) return (null, Error(errors, "body", $"is larger than {options.MaxRequestBodyBytes} bytes."));
        if (body.Length == 0) return (null, Error(errors, "body", "is empty; send {\"tenant\": \"…\"}."));
        // The JSON reader does not check the bytes inside strings; reading such a string later would throw.
        if (!Utf8.IsValid(body)) return (null, Error(errors, "body", "is not valid UTF-8."));

        JsonDocument document;
        try { document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = MaxDepth }); }
        catch (JsonException e)
        {
            return (null, Error(errors, "body", $"is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1})."));
        }
        using (document)
        {
            // Before any string is read: reading one that escapes an unpaired surrogate would throw.
            foreach (var (field, problem) in JsonStringCheck.Undecodable(body, MaxDepth)) Error(errors, field, problem);
            return errors.Count > 0 ? (null, errors) : Check(document.RootElement, errors);
        }
    }

    private (TokenRequest?, Dictionary<string, string[]>) Check(JsonElement root, Dictionary<string, string[]> errors)
    {
        if (root.ValueKind != JsonValueKind.Object)
            return (null, Error(errors, "body", $"must be a JSON object, not {root.ValueKind}."));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in root.EnumerateObject())
        {
            if (!Fields.Contains(property.Name, StringComparer.Ordinal))
                Error(errors, Short(property.Name), $"is not a known field; allowed: {string.Join(", ", Fields)}.");
            else if (!seen.Add(property.Name))
                Error(errors, property.Name, "appears more than once.");
        }

        var tenant = String(root, TenantField, errors, required: true);
        if (tenant is not null && !options.Tenants.Contains(tenant, StringComparer.Ordinal))
            Error(errors, TenantField, $"\"{Short(tenant)}\" is not a known tenant; allowed: {string.Join(", ", options.Tenants)}.");
        var subject = String(root, SubjectField, errors, required: false);
        if (subject is not null && (subject.Length is 0 or > 128 || subject.Any(char.IsControl)))
            Error(errors, SubjectField, "must be 1 to 128 characters without control characters.");
        var audience = String(root, AudienceField, errors, required: false);
        if (audience is not null && !options.Audiences.Contains(audience, StringComparer.Ordinal))
            Error(errors, AudienceField, $"\"{Short(audience)}\" is not a configured audience; allowed: {string.Join(", ", options.Audiences)}.");
        var lifetime = Lifetime(root, errors);

        return errors.Count > 0 ? (null, errors) : (new TokenRequest(tenant!, subject, audience, lifetime), errors);
    }

    private int? Lifetime(JsonElement root, Dictionary<string, string[]> errors)
    {
        if (!root.TryGetProperty(LifetimeField, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        var range = $"{options.MinLifetimeSeconds}..{options.MaxLifetimeSeconds}";
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var seconds))
        {
            Error(errors, LifetimeField, $"must be a whole number of seconds in {range}.");
            return null;
        }
        if (seconds < options.MinLifetimeSeconds || seconds > options.MaxLifetimeSeconds)
            Error(errors, LifetimeField, $"{seconds} is out of range {range}.");
        return seconds;
    }

    private static string? String(JsonElement root, string name, Dictionary<string, string[]> errors, bool required)
    {
        if (!root.TryGetProperty(name, out var value) || (value.ValueKind == JsonValueKind.Null && !required))
        {
            if (required) Error(errors, name, "is required.");
            return null;
        }
        if (value.ValueKind == JsonValueKind.String) return value.GetString();
        Error(errors, name, $"must be a string, not {value.ValueKind}.");
        return null;
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

    private static Dictionary<string, string[]> Error(Dictionary<string, string[]> errors, string field, string message)
    {
        errors[field] = errors.TryGetValue(field, out var existing) ? [.. existing, message] : [message];
        return errors;
    }

    private static string Short(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
