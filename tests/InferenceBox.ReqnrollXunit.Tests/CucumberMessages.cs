using Io.Cucumber.Messages.Types;
using Reqnroll.Formatters.PayloadProcessing;

namespace InferenceBox.ReqnrollXunit.Tests;

/// <summary>Reads a run's Cucumber messages (NDJSON) with Reqnroll's own serializer.</summary>
public static class CucumberMessages
{
    /// <summary>The step results of the one test case of the pickle named <paramref name="pickle"/>.</summary>
    public static List<TestStepResult> ResultsOf(string ndjson, string pickle)
    {
        var envelopes = File.ReadLines(ndjson).Where(l => l.Length > 0).Select(NdjsonSerializer.Deserialize).ToList();
        var pickleId = envelopes.Select(e => e.Pickle).OfType<Pickle>().Single(p => p.Name == pickle).Id;
        var testCase = envelopes.Select(e => e.TestCase).OfType<TestCase>().Where(c => c.PickleId == pickleId)
            .Should().ContainSingle($"'{pickle}' has one test case in the messages").Subject;
        var started = envelopes.Select(e => e.TestCaseStarted).OfType<TestCaseStarted>().Single(s => s.TestCaseId == testCase.Id).Id;
        var finished = envelopes.Select(e => e.TestStepFinished).OfType<TestStepFinished>().Where(f => f.TestCaseStartedId == started)
            .ToDictionary(f => f.TestStepId, f => f.TestStepResult);
        return testCase.TestSteps.Select(s => finished[s.Id]).ToList();
    }
}
