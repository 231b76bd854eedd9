# language: en
Feature: Broken

  Scenario: Parses badly
    Given a counter starting at 1
  This line is not Gherkin
    | a table | without a step |
