namespace InferenceBox.Specs.Support.Gateway;

/// <summary>
/// A local rate limit as Envoy Gateway v1.4.2 configures it: max_tokens = tokens_per_fill = the limit, fill_interval =
/// the unit (envoyproxy/gateway@v1.4.2 internal/xds/translator/local_ratelimit.go). Envoy 1.34 refills it continuously,
/// in proportion to the time passed and never above max_tokens (runtime guard
/// envoy.reloadable_features.no_timer_based_rate_limit_token_bucket, on by default: source/extensions/filters/common/
/// local_ratelimit/local_ratelimit_impl.cc builds an AtomicTokenBucket, source/common/common/token_bucket_impl.cc), so
/// it gains <see cref="RefillPerSecond"/> tokens every second.
/// </summary>
public sealed record TokenBucket(int MaxTokens, int TokensPerFill, TimeSpan FillInterval)
{
    public static TokenBucket PerMinute(int limit) => new(limit, limit, TimeSpan.FromMinutes(1));

    public double RefillPerSecond => TokensPerFill / FillInterval.TotalSeconds;

    public override string ToString() => $"{TokensPerFill} per {FillInterval.TotalSeconds:0} s (at most {MaxTokens} held)";
}

/// <summary>
/// How long a burst lasted, as the client can bound it from outside: <see cref="Outer"/> from sending the first request
/// to receiving the last answer, <see cref="Inner"/> from receiving the first answer to sending the last request. The
/// gateway saw the burst for at least Inner and at most Outer.
/// </summary>
public sealed record BurstTiming(TimeSpan Inner, TimeSpan Outer)
{
    public static BurstTiming Of(IReadOnlyList<GatewayExchange> burst)
    {
        if (burst.Count == 0 || burst.Any(e => e.SentAt is null))
            throw new ArgumentException("A burst's timing needs every exchange's send time.", nameof(burst));
        var (first, last) = (burst[0], burst[^1]);
        var inner = last.SentAt!.Value - (first.SentAt!.Value + first.Latency);
        return new BurstTiming(inner < TimeSpan.Zero ? TimeSpan.Zero : inner, last.SentAt.Value + last.Latency - first.SentAt.Value);
    }
}

/// <summary>
/// The passes a <see cref="TokenBucket"/> allows a burst of back-to-back requests, whatever it held when the burst began:
/// <list type="bullet">
/// <item>at most: it held at most MaxTokens and gained at most Outer × rate, so passes ≤ ⌊MaxTokens + Outer × rate⌋;</item>
/// <item>at least: it gained at least Inner × rate tokens, and every whole token is taken by the next request (they come
/// back to back), except one still filling when the last request arrives, so passes ≥ ⌊Inner × rate⌋ − 1.</item>
/// </list>
/// When the upper bound is below the number sent, a 429 is certain; when it is not, the burst was too slow to test the
/// limit at all. The lower bound is weak for short bursts (the bucket's level at the start is unknown); the upper one is
/// what catches a limit looser than the one configured (a 30/minute bucket lets 30 of a 2-s burst through, above 20.7).
/// </summary>
public sealed record PassBounds(int Lower, int Upper, int Sent, BurstTiming Timing, TokenBucket Bucket)
{
    public static PassBounds For(TokenBucket bucket, int sent, BurstTiming timing)
    {
        var upper = (int)Math.Floor(bucket.MaxTokens + timing.Outer.TotalSeconds * bucket.RefillPerSecond);
        var lower = Math.Max(0, (int)Math.Floor(timing.Inner.TotalSeconds * bucket.RefillPerSecond) - 1);
        return new PassBounds(Math.Min(lower, sent), Math.Min(upper, sent), sent, timing, bucket);
    }

    /// <summary>Null when the burst's answers fit the bucket; otherwise why they do not.</summary>
    public string? WhyNot(BurstSummary summary)
    {
        if (Upper >= Sent)
            return $"the burst took {Timing.Outer.TotalSeconds:0.0} s: a bucket of {Bucket} could let all {Sent} through, so it cannot test the limit";
        if (summary.Passed > Upper)
            return $"{summary.Passed} passed, more than the {Upper} a bucket of {Bucket} allows in {Timing.Outer.TotalSeconds:0.00} s: the limit is looser than configured";
        if (summary.Passed < Lower)
            return $"{summary.Passed} passed, fewer than the {Lower} a bucket of {Bucket} refills in {Timing.Inner.TotalSeconds:0.00} s: the limit is stricter than configured";
        return summary.Limited >= 1 ? null : $"no request met the local rate limiter's 429 ({summary})";
    }

    public override string ToString() =>
        $"{Lower}..{Upper} of {Sent} may pass a bucket of {Bucket} in {Timing.Inner.TotalSeconds:0.00}..{Timing.Outer.TotalSeconds:0.00} s";
}
