using InferenceBox.Specs.Support.Gateway;

namespace InferenceBox.Specs.Support.Serving;

/// <summary>
/// "All of N answered by" a version (the one the A/B header asked for, or the only one a model serves), not a share: every probe answered 200 by
/// <paramref name="version"/>, in one attempt (a retried send may have hidden a reset). Offline tests:
/// tests/…/Serving/HeaderRoutingVerdictTests.cs.
/// </summary>
public static class HeaderRoutingVerdict
{
    public static IReadOnlyList<string> Problems(IReadOnlyList<ProbeAnswer> answers, string version, int expectedCount)
    {
        var problems = new List<string>();
        if (answers.Count != expectedCount) problems.Add($"{answers.Count} answers were recorded, {expectedCount} requests were asked for");
        var wrong = answers.Select((a, i) => (a, i)).Where(x => x.a.Version != version || x.a.Exchange.Retried).ToList();
        if (wrong.Count > 0)
            problems.Add($"{wrong.Count} of {answers.Count} were not answered by {version} in one attempt: " +
                         string.Join("; ", wrong.Take(5).Select(x => $"#{x.i + 1} {x.a}")) + (wrong.Count > 5 ? "; …" : ""));
        return problems;
    }
}
