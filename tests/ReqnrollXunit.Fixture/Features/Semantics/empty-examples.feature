# language: en
Feature: Empty examples

  Scenario Outline: Nothing to run
    Given a counter starting at <n>

    Examples:
      | n |
