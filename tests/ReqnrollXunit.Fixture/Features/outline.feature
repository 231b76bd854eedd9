# language: en
@outline
Feature: Outline
  Scenario Outline: Adding <amount>
    Given a counter starting at 0
    When the counter is increased by <amount>
    Then the counter is <expected>

    @small
    Examples: small
      | amount | expected |
      | 1      | 1        |
      | 2      | 2        |

    @large
    Examples: large
      | amount | expected |
      | 100    | 100      |

    @ignore
    Examples: ignored
      | amount | expected |
      | 7      | 7        |

  Rule: Doubling
    @rule-tag
    Scenario: Doubling a counter
      Given a counter starting at 4
      When the counter is increased by 4
      Then the counter is 8
