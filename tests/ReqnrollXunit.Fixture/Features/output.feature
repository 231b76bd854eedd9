# language: en
@output
Feature: Output
  Step classes take Reqnroll's output helper and xUnit's test output helper by constructor injection.

  Scenario: Writes through both helpers
    When a line is written through the Reqnroll output helper
    And a line is written through the xUnit output helper
