@rate-limit @serial
Feature: Rate limiting per tenant
  Each tenant's route has a local rate limit: tenant-a and tenant-b 1200 requests per minute, tenant-c 20 per
  minute. Envoy Gateway v1.4.2 gives every rule of the route its own token bucket (for tenant-c max_tokens 20,
  tokens_per_fill 20, fill_interval 60 s: internal/xds/translator/local_ratelimit.go), so there is one bucket per
  route rule per Envoy process: tenant-a's three rules are three buckets, tenant-c's one rule is one, and the
  gateway runs one Envoy replica. A bucket starts full and refills continuously, in proportion to the time passed
  (Envoy 1.34's token bucket): at 20 per minute, r = 1/3 token per second, never above 20. A change to the route or
  its policy builds a new, full bucket.
  How many of a burst may pass, whatever the bucket held when it began: let D_out be the time from sending the first
  probe to receiving the last answer and D_in the time from receiving the first answer to sending the last probe; the
  gateway saw the burst for at least D_in and at most D_out. At most: the bucket held at most 20 and gained at most
  D_out/3, so passes <= floor(20 + D_out/3). At least: it gained at least D_in/3, and each whole token is taken by the
  next probe (they come back to back) except one still filling when the last arrives, so passes >= floor(D_in/3) - 1.
  A burst of 41 that ends within 63 s must meet a 429; one that lasts longer cannot test the limit and fails. A limit
  of 30 per minute lets 30 of a 2-s burst through, above the 20 allowed, and fails; a stricter one is caught by the
  lower bound only over a long burst (the bucket's level at the start is unknown), and by the control before it.
  A refusal of the local limiter is a 429 with the text/plain body "local_rate_limited" and no x-envoy-ratelimited
  (only Envoy's global limiter sets it) nor x-ratelimit-* header (Envoy Gateway adds those to local limits only from
  v1.5.0); a 429 of any other shape came from another layer and fails the scenario.
  Scenarios that drain tenant-c end by waiting until tenant-c is served again, so later scenarios find it usable; the
  control before a burst waits the same way, so it meets a token even when the previous scenario took the last one.

  Scenario: Requests under tenant-c's limit all pass
    Given tenant-c holds a valid token
    When tenant-c sends 5 probes through the gateway to tenant-c's sklearn-iris
    Then all 5 of tenant-c's probes are answered 200

  Scenario: A burst above tenant-c's limit gets the local rate limiter's 429s
    Given tenant-c holds a valid token
    And as a control, tenant-c is served the catalog's prediction by its sklearn-iris through the gateway within the rate-limit window
    When tenant-c sends a burst of 41 probes through the gateway to tenant-c's sklearn-iris
    Then as many of tenant-c's probes pass as a bucket of 20 per minute allows in the burst's measured time, and the rest are refused with 429
    And every answer to tenant-c other than 200 is the local rate limiter's 429: body "local_rate_limited", no rate-limit headers
    And tenant-c is served by tenant-c's sklearn-iris again within the rate-limit window

  Scenario: Another tenant is unaffected in the same window
    Given tenant-b holds a valid token
    And tenant-c holds a valid token
    And as a control, tenant-c is served the catalog's prediction by its sklearn-iris through the gateway within the rate-limit window
    When tenant-c sends a burst of 41 probes through the gateway to tenant-c's sklearn-iris
    And tenant-b sends a burst of 41 probes through the gateway to tenant-b's sklearn-iris
    Then as many of tenant-c's probes pass as a bucket of 20 per minute allows in the burst's measured time, and the rest are refused with 429
    And all 41 of tenant-b's probes are answered 200
    And tenant-c is served by tenant-c's sklearn-iris again within the rate-limit window
