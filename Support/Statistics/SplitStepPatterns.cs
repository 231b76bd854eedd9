using System.Globalization;
using System.Text.RegularExpressions;

namespace InferenceBox.Specs.Support.Statistics;

/// <summary>
/// The Gherkin wording of the canary split, shared by the step bindings and the unit test that checks the
/// numbers written in the feature file against <see cref="SplitDesign.RequiredSampleSize"/>.
/// </summary>
public static class SplitStepPatterns
{
    public const string Sample = @"^(\d[\d,]*) requests are sampled from (\S+) of (tenant-[a-z]+)$";

    public const string Judge =
        @"^(\S+)'s share is (\d+)% by an exact binomial test with a false-failure rate of 1 in (\d[\d,]*), " +
        @"catching a (\d+)-point misroute (\d[\d,]*) times in (\d[\d,]*)$";

    /// <summary>Reads "10,000" or "10000" as a count; anything else is a clear error naming the text.</summary>
    public static int Count(string text) =>
        int.TryParse(text, NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new FormatException($"'{text}' in the split step is not a positive whole number (write e.g. 10,000).");

    public static SplitDesign Design(int sharePercent, string alphaOneIn, int misroutePoints, string caught, string outOf)
    {
        var (hits, trials) = (Count(caught), Count(outOf));
        if (hits >= trials)
            throw new FormatException($"The power '{caught} times in {outOf}' must be below certainty; write e.g. 999 times in 1,000.");
        return new SplitDesign(sharePercent / 100.0, 1.0 / Count(alphaOneIn), (double)hits / trials, misroutePoints / 100.0);
    }

    /// <summary>
    /// Every (n, design) pair the steps state, in order (the step texts without their keywords, as the Gherkin parser
    /// gives them): each sample step paired with the judge step after it.
    /// </summary>
    public static IReadOnlyList<(int N, SplitDesign Design)> FindIn(IEnumerable<string> stepTexts)
    {
        var found = new List<(int, SplitDesign)>();
        int? n = null;
        foreach (var step in stepTexts)
        {
            if (Regex.Match(step, Sample) is { Success: true } s) n = Count(s.Groups[1].Value);
            else if (Regex.Match(step, Judge) is { Success: true } j)
                found.Add((n ?? throw new FormatException($"The split step '{step}' has no sample step before it."),
                    Design(int.Parse(j.Groups[2].Value, CultureInfo.InvariantCulture), j.Groups[3].Value,
                        int.Parse(j.Groups[4].Value, CultureInfo.InvariantCulture), j.Groups[5].Value, j.Groups[6].Value)));
        }
        return found;
    }
}
