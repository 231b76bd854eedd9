# language: en
@filtered
Feature: Filtered
  The project's output filter stands in front of every report: outputs, formatter messages and failure messages.

  Scenario: A secret in the output and the failure
    When a secret is written through both output helpers
    Then the step fails with the secret in its message
