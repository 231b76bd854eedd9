# language: en
@serial
Feature: Serial is just a tag
  "serial" is not configured as non-parallelizable in this project, so this feature is an ordinary one.

  Scenario: Ordinary
    Given a counter starting at 4
    Then the counter is 4
