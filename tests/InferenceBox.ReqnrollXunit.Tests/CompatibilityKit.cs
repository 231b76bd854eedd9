using System.Security.Cryptography;
using System.Text;
using Io.Cucumber.Messages.Types;
using Reqnroll.Formatters.PayloadProcessing;

namespace InferenceBox.ReqnrollXunit.Tests;

/// <summary>
/// What the Compatibility Kit compares, read from a Cucumber messages NDJSON file with Reqnroll's own serializer: per
/// sample and per pickle (by feature file, then in file order), each test step in order, marked as hook or step, with
/// its status, whether it has a message, its attachments (media type and a digest of the body) and whether a snippet
/// was suggested for it; and the run's test-run hooks with their results. IDs, timestamps, message texts, stack traces
/// and hook names are left out, as Reqnroll's own CCK validator leaves them out
/// (reqnroll/Reqnroll@v3.3.3:Tests/Reqnroll.Formatters.Tests/CucumberMessagesValidator.cs and
/// FluentAssertionCucumberMessagePropertySelectionRule.cs: a message must be there exactly when one is expected;
/// attachments compared by body and media type, not file name; suggestions by presence).
/// </summary>
public static class CompatibilityKit
{
    public sealed record PickleOutcome(string Sample, string Feature, string Pickle, IReadOnlyList<string> Steps)
    {
        public override string ToString() => $"{Pickle}: {string.Join(", ", Steps)}";
    }

    public sealed record Outcomes(ILookup<string, PickleOutcome> Pickles, IReadOnlyList<string> TestRunHooks);

    /// <summary>The outcomes per sample; the sample is the folder above the feature file (samples/&lt;sample&gt;/… or cck/&lt;sample&gt;/…).</summary>
    public static Outcomes Read(string ndjsonPath)
    {
        var envelopes = File.ReadLines(ndjsonPath).Where(l => l.Length > 0).Select(NdjsonSerializer.Deserialize).ToList();
        var hookTypes = envelopes.Select(e => e.Hook).OfType<Hook>().ToDictionary(h => h.Id, h => h.Type);
        var caseOfStarted = envelopes.Select(e => e.TestCaseStarted).OfType<TestCaseStarted>().ToDictionary(s => s.Id, s => s.TestCaseId);
        var results = envelopes.Select(e => e.TestStepFinished).OfType<TestStepFinished>()
            .ToDictionary(f => (caseOfStarted[f.TestCaseStartedId], f.TestStepId), f => f.TestStepResult);
        var attachments = envelopes.Select(e => e.Attachment).OfType<Attachment>().Where(a => a.TestStepId is not null)
            .ToLookup(a => a.TestStepId, a => $"{a.MediaType}#{Digest(a.Body)}");
        var suggested = envelopes.Select(e => e.Suggestion).OfType<Suggestion>().Select(s => s.PickleStepId).ToHashSet();
        var casesByPickle = envelopes.Select(e => e.TestCase).OfType<TestCase>().ToLookup(c => c.PickleId);

        string Describe(TestCase testCase, TestStep step)
        {
            var text = new StringBuilder(step.HookId is null ? "step " : "hook ");
            text.Append(results.TryGetValue((testCase.Id, step.Id), out var result) ? result.Status.ToString() : "NOT RUN");
            if (!string.IsNullOrEmpty(result?.Message)) text.Append(" (message)");
            foreach (var attachment in attachments[step.Id]) text.Append(" +").Append(attachment);
            if (step.PickleStepId is not null && suggested.Contains(step.PickleStepId)) text.Append(" (snippet)");
            return text.ToString();
        }

        var pickles = envelopes.Select(e => e.Pickle).OfType<Pickle>()
            .SelectMany(p => casesByPickle[p.Id].Select(c => new PickleOutcome(SampleOf(p.Uri), Path.GetFileName(p.Uri), p.Name,
                c.TestSteps.Select(s => Describe(c, s)).ToList())))
            .OrderBy(o => o.Feature, StringComparer.Ordinal) // stable: a feature's pickles stay in file order
            .ToLookup(o => o.Sample);

        var runHooks = envelopes.Select(e => e.TestRunHookStarted).OfType<TestRunHookStarted>().ToDictionary(s => s.Id, s => hookTypes[s.HookId]);
        var testRunHooks = envelopes.Select(e => e.TestRunHookFinished).OfType<TestRunHookFinished>()
            .Select(f => $"{runHooks[f.TestRunHookStartedId]} {f.Result.Status}").ToList();
        return new Outcomes(pickles, testRunHooks);
    }

    private static string SampleOf(string uri) => uri.Split('/')[^2];

    private static string Digest(string body) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(body)))[..12];
}
