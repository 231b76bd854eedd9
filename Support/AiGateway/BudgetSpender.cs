using InferenceBox.Specs.Support.Gateway;
using InferenceBox.Platform.Waiting;

namespace InferenceBox.Specs.Support.AiGateway;

/// <summary>
/// Spends a token budget: asks, one request at a time, until a refusal that settles the budget's arithmetic
/// (<see cref="TokenBudgetJudge.IsConclusive"/>), within the "token-budget-spend" budget. A refused request costs nothing, so
/// asking again while refused only waits for the next window. Every answer is added to <paramref name="answers"/> as it comes,
/// so a timeout leaves them for the judge and the report.
/// </summary>
public static class BudgetSpender
{
    public static Task SpendAsync(Func<CancellationToken, Task<GatewayExchange>> ask, List<GatewayExchange> answers, TokenBudget budget,
        WaitBudgets budgets, string who, CancellationToken ct = default) =>
        Poll.UntilAsync(budgets, WaitBudgets.Names.TokenBudgetSpend, $"{who} to be refused by its token budget after spending in the same window",
            TimeSpan.FromSeconds(1), async token =>
            {
                answers.Add(await ask(token));
                return TokenBudgetJudge.IsConclusive(answers, budget)
                    ? WaitVerdict<bool>.Reached(true)
                    : WaitVerdict<bool>.NotYet($"{answers.Count} answers, the last {answers[^1].StatusCode} ({TokenBudgetJudge.Judge(answers, budget)})");
            }, ct);
}
