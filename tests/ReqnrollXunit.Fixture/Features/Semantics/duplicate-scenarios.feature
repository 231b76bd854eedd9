# language: en
Feature: Duplicate scenarios

  Scenario: Same name
    Given a counter starting at 1

  Scenario: Same name
    Given a counter starting at 2
