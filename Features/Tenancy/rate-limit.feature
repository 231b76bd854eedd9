@rate-limit @serial
Feature: Rate limiting per tenant
  Each tenant's route has a local rate limit: tenant-a and tenant-b 1200 requests per minute, tenant-c 20 per
  minute. Envoy Gateway v1.4.2 gives every rule of the route its own token bucket (for tenant-c max_tokens 20,
  tokens_per_fill 20, fill_interval 60 s: internal/xds/translator/local_ratelimit.go), so there is one bucket per
  route rule per Envoy process: tenant-a's three rules are three buckets, tenant-c's one rule is one, and the
  gateway runs one Envoy replica. A bucket starts full and refills continuously, in proportion to the time passed
  (Envoy 1.34's token bucket): at 20 per minute, one token every 3 s, never above 20. A change to the route or its
  policy builds a new, full bucket. So a burst of 41 sent within D seconds, D well under a minute, can pass at
  most 20 + D/3 requests, fewer than 40: it meets at least one 429 whenever the limit is 20, and under a limit of
  1200 it all passes. A refusal of the local limiter is a 429 with the text/plain body "local_rate_limited" and no
  x-envoy-ratelimited (only Envoy's global limiter sets it) nor x-ratelimit-* header (Envoy Gateway adds those to
  local limits only from v1.5.0); a 429 of any other shape came from another layer and fails the scenario.
  Scenarios that drain tenant-c end by waiting until tenant-c is served again, so later scenarios find it usable.

  Scenario: Requests under tenant-c's limit all pass
    Given tenant-c holds a valid token
    When tenant-c sends 5 probes through the gateway to tenant-c's sklearn-iris
    Then all 5 of tenant-c's probes are answered 200

  Scenario: A burst above tenant-c's limit gets the local rate limiter's 429s
    Given tenant-c holds a valid token
    When tenant-c sends a burst of 41 probes through the gateway to tenant-c's sklearn-iris
    Then at least one of tenant-c's probes is refused with 429, and no more than 40 are answered 200
    And every answer to tenant-c other than 200 is the local rate limiter's 429: body "local_rate_limited", no rate-limit headers
    And tenant-c is served by tenant-c's sklearn-iris again within the rate-limit window

  Scenario: Another tenant is unaffected in the same window
    Given tenant-b holds a valid token
    And tenant-c holds a valid token
    When tenant-c sends a burst of 41 probes through the gateway to tenant-c's sklearn-iris
    And tenant-b sends a burst of 41 probes through the gateway to tenant-b's sklearn-iris
    Then at least one of tenant-c's probes is refused with 429, and no more than 40 are answered 200
    And all 41 of tenant-b's probes are answered 200
    And tenant-c is served by tenant-c's sklearn-iris again within the rate-limit window
