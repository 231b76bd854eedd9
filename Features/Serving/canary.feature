@canary @serial
Feature: Canary rollout with a statistically honest traffic split
  A canary is judged on the requests it actually serves, not on its status alone. The split step states its
  sample size, the false-failure rate it accepts on a correct split, and the misroute it is sure to catch;
  the unit tests check these numbers against the exact binomial test. The sample is taken once, only after
  routing converged (v2 has answered, then three answers in a row came from a catalog version), and is never
  re-taken to get a pass.

  Background:
    Given sklearn-iris of tenant-a serves only v1
    Then all of 20 requests to sklearn-iris of tenant-a are answered by v1

  Scenario: A 20% canary gets 20% of the requests, then promotion sends everything to v2
    When v2 of sklearn-iris of tenant-a is rolled out as a canary with 20% of the traffic
    Then the status of sklearn-iris of tenant-a shows 20% to the new revision and 80% to the previous one
    And v2 of sklearn-iris of tenant-a has answered at least once through the gateway
    When 466 requests are sampled from sklearn-iris of tenant-a
    Then v2's share is 20% by an exact binomial test with a false-failure rate of 1 in 10,000, catching a 15-point misroute 999 times in 1,000
    And none of the sampled requests failed
    When the canary of sklearn-iris of tenant-a is promoted
    Then all of 50 requests to sklearn-iris of tenant-a are answered by v2

  Scenario: Rolling back a canary with canaryTrafficPercent 0 sends everything to v1
    When v2 of sklearn-iris of tenant-a is rolled out as a canary with 20% of the traffic
    Then v2 of sklearn-iris of tenant-a has answered at least once through the gateway
    When the canary of sklearn-iris of tenant-a is rolled back with canaryTrafficPercent 0
    Then all of 50 requests to sklearn-iris of tenant-a are answered by v1
