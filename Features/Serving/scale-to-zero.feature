@scale-to-zero @serial
Feature: Scale to zero and cold start
  A model with minReplicas 0 gives its pods back when idle, and the next request wakes it.
  The scale-down budget is not a guess: it is read from the live config-autoscaler (stable window,
  grace period, pod retention, scale-down delay), with the model's own autoscaling annotations overriding the window,
  the pod retention period and the scale-down delay, plus the named margin "scale-to-zero-margin". The cold start must
  fit the named budget "cold-start" of the budget table, scaled by INFERENCEBOX_TIMEOUT_SCALE like every other wait.

  Scenario: An idle model reaches zero pods, a cold request succeeds within the latency budget, and it scales back to zero
    Given sklearn-iris of tenant-a may scale to zero
    Then sklearn-iris of tenant-a reaches zero pods within the budget derived from the live autoscaler configuration
    When a probe request is sent to sklearn-iris of tenant-a while it has no pods
    Then the probe is answered by v1 within the cold-start budget
    And sklearn-iris of tenant-a has at least one pod
    And sklearn-iris of tenant-a reaches zero pods within the budget derived from the live autoscaler configuration
