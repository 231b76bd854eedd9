@smoke @platform
Feature: Platform readiness
  Before any promise is checked, every component of the platform is installed and ready: its Deployments have rolled
  out (the controller has observed the current generation, every replica is updated and available, and Available is
  True, which alone stays True during a rollout), its custom resource definitions report Established, each Gateway is
  Programmed for its current generation and the Envoy proxy Envoy Gateway runs for it has rolled out, and Prometheus'
  StatefulSet has rolled out (kubectl's rollout status rules).

  Scenario Outline: The <component> component is ready
    Then every deployment of the <component> component is available at its current generation, with every replica updated
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

  # The issuer and the observability tools own no custom resource definition: their phases wait for none.
  Scenario Outline: The <component> component, which owns no custom resource definition, is ready
    Then every deployment of the <component> component is available at its current generation, with every replica updated

    Examples:
      | component     |
      | issuer        |
      | observability |

  Scenario Outline: The Gateway <gateway> is programmed and its Envoy proxy is available
    Then the Gateway <gateway> is programmed at its current generation
    And the Envoy proxy Deployment of the Gateway <gateway> is available at its current generation, with every replica updated

    Examples:
      | gateway                                |
      | envoy-gateway-system/inference-gateway |
      | envoy-gateway-system/ai-gateway        |

  Scenario: Prometheus' StatefulSet has rolled out
    Then the StatefulSet monitoring/prometheus-prometheus-kube-prometheus-prometheus is ready at its current generation, with every replica updated

  # Envoy AI Gateway 0.2.1 fails every route of the Gateway it is attached to with a 500, except its own two
  # OpenAI paths (envoyproxy/ai-gateway#940): it runs on a Gateway and Envoy of its own, and the model and issuer
  # routes must still answer while it is up. (The AI route itself is proven in a later feature.)
  Scenario: The model and issuer routes still answer while the AI gateway is up
    Given the AI gateway is programmed on a Gateway of its own, which no model or issuer route shares
    When every default model of the catalog is sent its probe through the gateway over V1
    Then every model answers 200 with its expected output
    And the issuer's JWKS publishes at least one RS256 signing key
    And every token the issuer hands out now is valid for its tenant against that JWKS
