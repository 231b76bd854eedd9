# language: en
@outcomes
Feature: Outcomes
  One scenario per outcome the bridge must report.

  Background:
    Given a counter starting at 1

  Scenario: Passing
    When the counter is increased by 2
    Then the counter is 3

  Scenario: Failing
    When the counter is increased by 2
    Then the counter is 4

  Scenario: Undefined
    When the counter is multiplied by 5

  Scenario: Ambiguous
    When the counter is shuffled

  Scenario: Pending
    When the counter is left for later

  Scenario: Badly typed argument
    When the counter is set to many

  @ignore
  Scenario: Ignored
    Then the counter is 1

  @Ignore
  Scenario: Ignored with a capital
    Then the counter is 1

  @IGNORE
  Scenario: Ignored in capitals
    Then the counter is 1

  @skipped-by-hook
  Scenario: Skipped by a hook
    Then the counter is 1
