@rate-limit @serial
Feature: Rate limiting per tenant
  Each tenant's route has a local rate limit: tenant-a and tenant-b 1200 requests per minute, tenant-c 20 per
  minute. Envoy refills a local limit's whole bucket once per minute, and a burst may straddle one refill; so a
  burst of 41 (more than twice the limit, sent in far less than a minute) meets at least one 429 whenever the limit
  is 20, at most 40 of it can pass, and under a limit of 1200 it all passes.
  Scenarios that drain tenant-c end by waiting until tenant-c is served again, so later scenarios find it usable.

  Scenario: Requests under tenant-c's limit all pass
    Given tenant-c holds a valid token
    When tenant-c sends 5 probes through the gateway to tenant-c's sklearn-iris
    Then all 5 of tenant-c's probes are answered 200

  Scenario: A burst above tenant-c's limit gets 429s with the rate-limit header
    Given tenant-c holds a valid token
    When tenant-c sends a burst of 41 probes through the gateway to tenant-c's sklearn-iris
    Then at least one of tenant-c's probes is refused with 429, and no more than 40 are answered 200
    And every answer to tenant-c other than 200 is 429 with the header "x-envoy-ratelimited"
    And tenant-c is served by tenant-c's sklearn-iris again within the rate-limit window

  Scenario: Another tenant is unaffected in the same window
    Given tenant-b holds a valid token
    And tenant-c holds a valid token
    When tenant-c sends a burst of 41 probes through the gateway to tenant-c's sklearn-iris
    And tenant-b sends a burst of 41 probes through the gateway to tenant-b's sklearn-iris
    Then at least one of tenant-c's probes is refused with 429, and no more than 40 are answered 200
    And all 41 of tenant-b's probes are answered 200
    And tenant-c is served by tenant-c's sklearn-iris again within the rate-limit window
