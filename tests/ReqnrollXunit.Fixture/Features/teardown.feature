# language: en
@failing-after-feature
Feature: Feature teardown
  Its [AfterFeature] fails: that is a failure of the feature's class cleanup, not of its last scenario.

  Scenario: First passing scenario
    Given a counter starting at 1
    Then the counter is 1

  Scenario: Last passing scenario
    Given a counter starting at 2
    Then the counter is 2
