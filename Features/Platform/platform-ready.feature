@smoke @platform
Feature: Platform readiness
  The platform's components are installed and ready before any other promise is checked.

  Scenario: Every component's deployments are available
    Then every deployment of the platform's components is available

  Scenario Outline: The <component> custom resources are established
    Then the custom resource definitions of <component> are established

    Examples:
      | component     |
      | knative       |
      | kserve        |
