# language: en
@cleanup
Feature: Cleanup
  The first scenario's [AfterScenario] fails; the runner must still be released, so the feature keeps its context.

  @failing-after-scenario
  Scenario: After scenario hook fails
    Then the feature context holds the marker set before the feature

  Scenario: Next scenario of the same feature
    Then the feature context holds the marker set before the feature

  Scenario: Last scenario of the same feature
    Then the feature context holds the marker set before the feature
