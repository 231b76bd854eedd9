using System.Buffers;
using System.Text;
using System.Text.Json;

namespace InferenceBox.Issuer;

/// <summary>
/// Finds strings in a JSON body that are valid JSON syntax yet no text: an escape of a UTF-16 surrogate that pairs
/// with nothing (<c>"\ud800"</c>, a low surrogate first, a high one at the end). The JSON reader accepts them while
/// parsing and throws <see cref="InvalidOperationException"/> only when the string is read, so the whole body is
/// checked here first and every such string is reported against the field it belongs to.
/// </summary>
public static class JsonStringCheck
{
    /// <summary>"field → what is wrong" for each undecodable string; the body must already parse as JSON.</summary>
    public static IReadOnlyList<(string Field, string Problem)> Undecodable(ReadOnlySpan<byte> json, int maxDepth)
    {
        var problems = new List<(string, string)>();
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = maxDepth });
        string? property = null;
        while (reader.Read())
        {
            if (reader.TokenType is not (JsonTokenType.PropertyName or JsonTokenType.String)) continue;
            var isName = reader.TokenType == JsonTokenType.PropertyName;
            string? text = null;
            if (reader.ValueIsEscaped)
            {
                try { text = reader.GetString(); }
                catch (InvalidOperationException)
                {
                    // A name that cannot be read is named by its raw (escaped) text; a value by its property.
                    problems.Add(isName
                        ? (Raw(reader), "this property name escapes an unpaired UTF-16 surrogate; names must be text.")
                        : (property ?? "body", "escapes an unpaired UTF-16 surrogate (\\uD800-\\uDFFF alone); send text only."));
                    if (isName) property = null;
                    continue;
                }
            }
            if (isName) property = text ?? reader.GetString();
        }
        return problems;
    }

    private static string Raw(Utf8JsonReader reader)
    {
        var raw = Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan);
        return raw.Length <= 40 ? raw : raw[..40] + "…";
    }
}
