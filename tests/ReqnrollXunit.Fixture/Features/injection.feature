# language: en
@injection
Feature: Injection
  A step class whose constructor needs something nobody registers: a real run fails when it builds the class, and so
  must a dry run.

  Scenario: Unresolvable step class dependency
    Given a step whose class needs an unregistered service
