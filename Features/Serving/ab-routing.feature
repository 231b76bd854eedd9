@ab-routing @serial
Feature: Choosing a model version by header, for A/B tests
  On the same path, x-model-version picks one revision of tenant-a's sklearn-iris through KServe's tag routing: v2 is the
  newest revision (tag latest: the canary while one runs), v1 the revision it is compared with (tag prev, which exists only
  while a canary runs). Without the header the canary split applies, as the canary feature states it. Any other value is
  answered by the gateway itself, with the status and body its route declares, and reaches no revision. The header only
  picks a revision of the route's own model (it names no host), so it cannot take a tenant to another tenant's model.
  "All of N" means every one of N requests, each in one attempt: a share would hide a misroute.

  Background:
    Given sklearn-iris of tenant-a serves only v1
    When v2 of sklearn-iris of tenant-a is rolled out as a canary with 20% of the traffic
    Then v2 of sklearn-iris of tenant-a has answered at least once through the gateway
    And v1 of sklearn-iris of tenant-a has answered at least once through the gateway with x-model-version v1

  Scenario: During a 20% canary the header picks the version of every request, and without it the split holds
    Then all of 50 requests to sklearn-iris of tenant-a with x-model-version v2 are answered by v2
    And all of 50 requests to sklearn-iris of tenant-a with x-model-version v1 are answered by v1
    When 466 requests are sampled from sklearn-iris of tenant-a
    Then v2's share is 20% by an exact binomial test with a false-failure rate of 1 in 10,000, catching a 15-point misroute 999 times in 1,000
    And none of the sampled requests failed

  Scenario: An unknown version is refused by the gateway with a clear answer
    Given as a control, tenant-a's own valid token gets the catalog's prediction from its sklearn-iris v2 through the gateway with x-model-version v2
    When tenant-a attempts to send the probe through the gateway to tenant-a's sklearn-iris with x-model-version v3
    Then the gateway answers the unknown version itself with the status and body its route declares, and no revision is called

  Scenario: A tenant cannot use the header to reach another tenant's model
    Given tenant-b holds a valid token
    And as a control, tenant-a's own valid token gets the catalog's prediction from its sklearn-iris v2 through the gateway with x-model-version v2
    When tenant-b attempts to send the probe through the gateway to tenant-a's sklearn-iris with x-model-version v2
    Then the gateway refuses the call with status 403, by its tenant check
    And the refusal is the gateway's own answer, not the model's nor a tenant sidecar's
    When tenant-b sends the probe through the gateway to tenant-b's sklearn-iris with x-model-version v2
    Then the answer is tenant-b's own sklearn-iris prediction, which is not tenant-a's v2
