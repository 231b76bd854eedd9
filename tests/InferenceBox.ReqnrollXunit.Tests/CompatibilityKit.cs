using System.Text.Json;

namespace InferenceBox.ReqnrollXunit.Tests;

/// <summary>
/// What the Compatibility Kit compares, read from a Cucumber messages NDJSON file: per sample and per pickle (in file
/// order), the status of each test step in order, marked as hook or step. IDs, timestamps and messages are left out,
/// as Reqnroll's own CCK validator leaves them out (reqnroll/Reqnroll@v3.3.3:Tests/Reqnroll.Formatters.Tests/CucumberMessagesValidator.cs).
/// </summary>
public static class CompatibilityKit
{
    public sealed record PickleOutcome(string Sample, string Pickle, IReadOnlyList<string> Steps)
    {
        public override string ToString() => $"{Pickle}: {string.Join(", ", Steps)}";
    }

    /// <summary>The outcomes per sample; the sample is the folder above the feature file (samples/&lt;sample&gt;/… or cck/&lt;sample&gt;/…).</summary>
    public static ILookup<string, PickleOutcome> Read(string ndjsonPath)
    {
        var pickles = new List<(string Id, string Sample, string Name)>();
        var testCases = new Dictionary<string, (string PickleId, List<(string StepId, bool Hook)> Steps)>();
        var started = new Dictionary<string, string>();
        var statuses = new Dictionary<(string TestCase, string Step), string>();
        foreach (var line in File.ReadLines(ndjsonPath).Where(l => l.Length > 0))
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            if (root.TryGetProperty("pickle", out var pickle))
            {
                var uri = pickle.GetProperty("uri").GetString()!.Split('/');
                pickles.Add((pickle.GetProperty("id").GetString()!, uri[^2], pickle.GetProperty("name").GetString()!));
            }
            else if (root.TryGetProperty("testCase", out var testCase))
            {
                var steps = testCase.GetProperty("testSteps").EnumerateArray()
                    .Select(s => (s.GetProperty("id").GetString()!, s.TryGetProperty("hookId", out _))).ToList();
                testCases[testCase.GetProperty("id").GetString()!] = (testCase.GetProperty("pickleId").GetString()!, steps);
            }
            else if (root.TryGetProperty("testCaseStarted", out var caseStarted))
                started[caseStarted.GetProperty("id").GetString()!] = caseStarted.GetProperty("testCaseId").GetString()!;
            else if (root.TryGetProperty("testStepFinished", out var stepFinished))
            {
                var caseId = started[stepFinished.GetProperty("testCaseStartedId").GetString()!];
                statuses[(caseId, stepFinished.GetProperty("testStepId").GetString()!)] =
                    stepFinished.GetProperty("testStepResult").GetProperty("status").GetString()!;
            }
        }
        var casesByPickle = testCases.ToLookup(c => c.Value.PickleId);
        return pickles.SelectMany(p => casesByPickle[p.Id].Select(c => new PickleOutcome(p.Sample, p.Name,
                c.Value.Steps.Select(s => $"{(s.Hook ? "hook" : "step")} {statuses.GetValueOrDefault((c.Key, s.StepId), "NOT RUN")}").ToList())))
            .ToLookup(o => o.Sample);
    }
}
