@smoke
Feature: Model serving
  Every model of models/catalog.json that the platform serves answers its probe input with the expected output
  through the gateway: over the V1 protocol, and over V2 where its runtime speaks V2. v1 and v2 of a model answer
  the probe differently, so a right answer also proves the right version is served. The version expected is the
  one the live InferenceService points at (its storageUri); other versions, such as the canary's v2, belong to
  the canary scenarios.

  Scenario: Every default model answers its probe over V1
    When every default model of the catalog is sent its probe through the gateway over V1
    Then every model answers 200 with its expected output

  Scenario: Every default model whose runtime speaks V2 answers its probe over V2
    When every default model of the catalog is sent its probe through the gateway over V2
    Then every model answers 200 with its expected output

  @heavy
  Scenario: Every heavy opt-in model reports ready
    When every opt-in model of the catalog is asked through the gateway whether it is ready
    Then every model reports ready
