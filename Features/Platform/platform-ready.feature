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
