# language: en
Feature: Duplicate examples

  Scenario Outline: Twice named
    Given a counter starting at <n>

    Examples: same
      | n |
      | 1 |

    Examples: same
      | n |
      | 2 |
