# language: en
@exclusive
Feature: Exclusive
  Tagged with a tag named in reqnroll.json's generator.addNonParallelizableMarkerForTags: it runs alone.

  Scenario: Runs alone
    Given a counter starting at 3
    Then the counter is 3
