namespace InferenceBox.Issuer;

/// <summary>The character sets RFC 6749 allows in the values the issuer writes or reads.</summary>
public static class OAuthText
{
    /// <summary>
    /// RFC 6749 §5.2: error_description may hold only %x20-21 / %x23-5B / %x5D-7E (printable ASCII without '"' and
    /// '\'). Anything else, including text echoed from a request, becomes '?'; long values are cut.
    /// </summary>
    public static string Description(string text) =>
        new(text.Select(c => c is >= '\x20' and <= '\x7e' and not '"' and not '\\' ? c : '?').ToArray());

    /// <summary>A request value quoted in a description: shortened and restricted to the §5.2 set.</summary>
    public static string Quote(string value) => "'" + Description(value.Length <= 40 ? value : value[..40] + "...") + "'";

    /// <summary>RFC 6749 §3.3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E ).</summary>
    public static bool IsScopeToken(string? token) =>
        !string.IsNullOrEmpty(token) && token.All(c => c is >= '\x21' and <= '\x7e' and not '"' and not '\\');
}
