using Io.Cucumber.Messages.Types;

namespace InferenceBox.ReqnrollXunit;

/// <summary>Finds the AST nodes a pickle came from: its scenario, rule, example row and step keywords.</summary>
public sealed class GherkinAstIndex
{
    private readonly Dictionary<string, Scenario> _scenarios = new();
    private readonly Dictionary<string, Rule> _ruleOfScenario = new();
    private readonly Dictionary<string, (Examples Examples, TableRow Row)> _rows = new();
    private readonly Dictionary<string, Step> _steps = new();

    public GherkinAstIndex(GherkinDocument document)
    {
        foreach (var child in document.Feature.Children)
        {
            if (child.Background is { } background) AddSteps(background.Steps);
            if (child.Scenario is { } scenario) AddScenario(scenario, null);
            if (child.Rule is { } rule)
                foreach (var ruleChild in rule.Children)
                {
                    if (ruleChild.Background is { } ruleBackground) AddSteps(ruleBackground.Steps);
                    if (ruleChild.Scenario is { } ruleScenario) AddScenario(ruleScenario, rule);
                }
        }
    }

    public Scenario ScenarioOf(Pickle pickle) => _scenarios[pickle.AstNodeIds[0]];

    public Rule? RuleOf(Pickle pickle) => _ruleOfScenario.GetValueOrDefault(pickle.AstNodeIds[0]);

    /// <summary>For a Scenario Outline row: the Examples block and the row's cells by header; otherwise null.</summary>
    public (Examples Examples, IReadOnlyList<(string Header, string Value)> Cells)? ExampleOf(Pickle pickle)
    {
        if (pickle.AstNodeIds.Count < 2 || !_rows.TryGetValue(pickle.AstNodeIds[1], out var found)) return null;
        var headers = found.Examples.TableHeader?.Cells.Select(c => c.Value).ToList() ?? [];
        var cells = headers.Zip(found.Row.Cells, (h, c) => (h, c.Value)).ToList();
        return (found.Examples, cells);
    }

    /// <summary>The keyword as written ("Given ", "And ", …), for reports.</summary>
    public string KeywordOf(PickleStep step) =>
        step.AstNodeIds.Count > 0 && _steps.TryGetValue(step.AstNodeIds[0], out var s) ? s.Keyword : "* ";

    public int LineOf(Pickle pickle) =>
        pickle.AstNodeIds.Count > 1 && _rows.TryGetValue(pickle.AstNodeIds[1], out var row)
            ? (int)row.Row.Location.Line
            : (int)ScenarioOf(pickle).Location.Line;

    private void AddScenario(Scenario scenario, Rule? rule)
    {
        _scenarios[scenario.Id] = scenario;
        if (rule is not null) _ruleOfScenario[scenario.Id] = rule;
        AddSteps(scenario.Steps);
        foreach (var examples in scenario.Examples)
            foreach (var row in examples.TableBody)
                _rows[row.Id] = (examples, row);
    }

    private void AddSteps(IEnumerable<Step> steps)
    {
        foreach (var step in steps) _steps[step.Id] = step;
    }
}
