@smoke @platform
Feature: Platform readiness
  Before any promise is checked, every component of the platform is installed and ready:
  its Deployments report Available and its custom resource definitions report Established.

  Scenario Outline: The <component> component is ready
    Then every deployment of the <component> component is available
    And every custom resource definition of the <component> component is established

    Examples:
      | component     |
      | istio         |
      | cert-manager  |
      | knative       |
      | kserve        |
      | envoy-gateway |
      | ai-gateway    |
      | monitoring    |
      | issuer        |

  # Envoy AI Gateway 0.2.1 fails every route of the Gateway it is attached to with a 500, except its own two
  # OpenAI paths (envoyproxy/ai-gateway#940): it runs on a Gateway and Envoy of its own, and the model and issuer
  # routes must still answer while it is up. (The AI route itself is proven in a later feature.)
  Scenario: The model and issuer routes still answer while the AI gateway is up
    Given the AI gateway is programmed on a Gateway of its own, which no model or issuer route shares
    When every default model of the catalog is sent its probe through the gateway over V1
    Then every model answers 200 with its expected output
    And the issuer's JWKS publishes at least one RS256 signing key
    And every token the issuer hands out now is valid for its tenant against that JWKS
