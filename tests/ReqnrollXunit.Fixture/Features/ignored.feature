# language: en
@ignore
Feature: Ignored feature
  Its tag ignores every scenario: xUnit skips them, as the official generator's Skip = "Ignored" does, and the
  feature never starts (no feature hook runs for it).

  Scenario: Left out
    Given a counter starting at 1
    Then the counter is 1
