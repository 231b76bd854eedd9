using InferenceBox.Specs.Support.AiGateway;
using InferenceBox.Specs.Support.Gateway;

namespace InferenceBox.Specs.Tests.AiGateway;

/// <summary>
/// The token budget's arithmetic on answer sequences shaped as the gateway sends them (served: the recorded chat completion
/// with the X-RateLimit headers Envoy Gateway's e2e test expects; refused: Envoy's global 429 of Gateway/Fixtures). Windows are
/// aligned to the clock, so every answer's reset is the seconds to its minute's end, as envoyproxy/ratelimit reports it.
/// </summary>
public sealed class TokenBudgetJudgeTests
{
    private static readonly TokenBudget Budget = TokenBudget.PerTenant;
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 12, 0, 5, TimeSpan.Zero);

    /// <summary>A sequence a correct gateway produces: 100-token answers from a counter at <paramref name="before"/>, refused once over 500.</summary>
    private static List<GatewayExchange> Honest(long before = 40, int lagAt = -1)
    {
        var answers = new List<GatewayExchange>();
        var (counter, at, lastCharge) = (before, Start, 0L);
        while (counter <= Budget.Limit)
        {
            var seen = answers.Count == lagAt ? counter - lastCharge : counter; // the previous charge still on its way
            answers.Add(RecordedAnswers.Served(at, 30, 70, Budget.Limit - seen, Reset(at)));
            (counter, lastCharge, at) = (counter + 100, 100, at.AddSeconds(3));
        }
        answers.Add(RecordedAnswers.Refused(at, Reset(at)));
        return answers;
    }

    private static long Reset(DateTimeOffset at) => 60 - at.Second;

    [Fact]
    public void A_correct_gateway_passes_and_its_refusal_is_conclusive()
    {
        var answers = Honest();

        TokenBudgetJudge.Judge(answers, Budget).Problems.Should().BeEmpty();
        TokenBudgetJudge.IsConclusive(answers, Budget).Should().BeTrue();
        answers.Where(a => a.StatusCode == 429).SelectMany(a => TokenBudgetJudge.RefusalProblems(a, Budget)).Should().BeEmpty();
    }

    [Fact]
    public void A_charge_still_on_its_way_at_the_next_check_is_allowed() =>
        TokenBudgetJudge.Judge(Honest(lagAt: 3), Budget).Problems.Should().BeEmpty();

    [Fact]
    public void A_gateway_that_charges_nothing_never_refuses_and_fails()
    {
        var answers = Enumerable.Range(0, 8).Select(i => Start.AddSeconds(3 * i))
            .Select(at => RecordedAnswers.Served(at, 30, 70, Budget.Limit, Reset(at))).ToList();

        var problems = TokenBudgetJudge.Judge(answers, Budget).Problems;

        problems.Should().Contain(p => p.Contains("responses' token costs are not charged"));
        problems.Should().Contain(p => p.Contains("the 500-token budget is not enforced"));
        TokenBudgetJudge.IsConclusive(answers, Budget).Should().BeFalse();
    }

    [Fact]
    public void Counting_more_than_the_usage_fails()
    {
        var answers = Honest();
        answers[2] = RecordedAnswers.Served(answers[2].SentAt!.Value, 30, 70, Budget.Limit - 40 - 2 * 100 - 50, Reset(answers[2].SentAt!.Value));

        TokenBudgetJudge.Judge(answers, Budget).Problems.Should().ContainSingle().Which.Should().Contain("charges more than the usage");
    }

    [Fact]
    public void A_refusal_before_the_budget_is_spent_fails()
    {
        var answers = Honest().Take(3).ToList();
        var at = Start.AddSeconds(9);
        answers.Add(RecordedAnswers.Refused(at, Reset(at)));

        TokenBudgetJudge.Judge(answers, Budget).Problems.Should().ContainSingle().Which.Should().Contain("refused with at most 340 of 500 tokens").And.Contain("too early");
    }

    [Fact]
    public void Serving_after_the_budget_is_spent_fails()
    {
        var answers = Honest();
        var last = answers[^1].SentAt!.Value;
        // The gateway serves on instead of refusing: twice more, its count stuck at the limit.
        answers[^1] = RecordedAnswers.Served(last, 30, 70, 0, Reset(last));
        answers.Add(RecordedAnswers.Served(last.AddSeconds(3), 30, 70, 0, Reset(last.AddSeconds(3))));

        TokenBudgetJudge.Judge(answers, Budget).Problems.Should().Contain(p => p.Contains("answer 7 was served with at least 540 of 500 tokens"))
            .And.Contain(p => p.Contains("not enforced"));
    }

    [Fact]
    public void Another_layers_answer_and_a_budget_that_does_not_govern_the_route_fail()
    {
        var answers = Honest();
        answers.Insert(2, RecordedAnswers.Get("llama-server-error", Start.AddSeconds(4)));
        answers[0] = answers[0] with { Headers = new Dictionary<string, string> { ["content-type"] = "application/json" } };

        var problems = TokenBudgetJudge.Judge(answers, Budget).Problems;

        problems.Should().Contain(p => p.StartsWith("answer 3 is 404") && p.Contains("neither served nor refused"));
        problems.Should().Contain(p => p.StartsWith("served answer 1 has X-RateLimit-Limit none"));
    }

    [Fact]
    public void A_refusal_near_the_windows_end_is_not_conclusive_and_the_next_window_is_judged_on_its_own()
    {
        var late = new DateTimeOffset(2026, 12, 1, 12, 0, 52, TimeSpan.Zero);
        var answers = new List<GatewayExchange>
        {
            RecordedAnswers.Served(late, 30, 70, 20, Reset(late)),                 // 480 already counted in this window
            RecordedAnswers.Refused(late.AddSeconds(3), Reset(late.AddSeconds(3))), // 580 > 500, 5 s left: not conclusive
        };
        TokenBudgetJudge.IsConclusive(answers, Budget).Should().BeFalse();

        var next = late.AddSeconds(10); // 12:01:02, a new window
        answers.AddRange(Enumerable.Range(0, 6).Select(i => next.AddSeconds(3 * i)).Select((at, i) => RecordedAnswers.Served(at, 30, 70, Budget.Limit - 100 * i, Reset(at))));
        answers.Add(RecordedAnswers.Refused(next.AddSeconds(18), Reset(next.AddSeconds(18))));

        var verdict = TokenBudgetJudge.Judge(answers, Budget);
        verdict.Problems.Should().BeEmpty(verdict.ToString());
        verdict.Windows.Should().HaveCount(2);
        TokenBudgetJudge.IsConclusive(answers, Budget).Should().BeTrue();
    }

    [Fact]
    public void Only_the_budgets_own_429_is_its_refusal()
    {
        TokenBudgetJudge.RefusalProblems(RecordedAnswers.Refused(Start, 55, limit: "3, 3;w=3600"), Budget).Should().ContainSingle()
            .Which.Should().Contain("not the token budget's \"500, 500;w=60\"");
        TokenBudgetJudge.RefusalProblems(Gateway.RateLimitAnswersTests.Recorded("local"), Budget).Should().Contain(p => p.Contains("x-envoy-ratelimited"));
    }

    [Fact]
    public void Another_tenant_is_shown_served_only_within_the_refused_window()
    {
        var refusal = RecordedAnswers.Refused(Start, 20);
        var served = RecordedAnswers.Get("chat-completion-tenant-b", Start.AddSeconds(5));

        TokenBudgetJudge.ServedWhileRefused(refusal, served).Should().BeNull();
        TokenBudgetJudge.ServedWhileRefused(refusal, served with { SentAt = Start.AddSeconds(19.5) }).Should().Contain("after the refused window ended");
        TokenBudgetJudge.ServedWhileRefused(refusal, RecordedAnswers.Get("llama-server-error")).Should().Contain("got 404");
    }
}
