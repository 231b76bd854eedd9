# language: en
Feature: Elsewhere
  A feature outside Features/ and not copied to the output folder: the project's feature items are what counts.

  Scenario: Found anywhere in the project
    Given a counter starting at 2
    Then the counter is 2
