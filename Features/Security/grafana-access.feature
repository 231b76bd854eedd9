@security
Feature: Grafana's service account reads Secrets in its own namespace only
  Grafana's sidecars load dashboards and datasources from ConfigMaps and Secrets. With rbac.namespaced the chart grants
  that by a Role and RoleBinding in Grafana's namespace (monitoring); without it, by a ClusterRole in every namespace,
  which would let Grafana read the issuer's signing key in auth-system. The sidecars search monitoring only. Grafana's
  admin password is generated at bootstrap into Secret monitoring/grafana-admin, never the chart's default, and the
  suite reads its login from there (the manifest validator refuses values that would bring the default back).

  Scenario: Grafana's service account may read Secrets in monitoring and not in auth-system
    When Kubernetes is asked whether Grafana's service account may list secrets in monitoring
    Then the access review allows it, by a RoleBinding in monitoring
    When Kubernetes is asked whether Grafana's service account may list secrets in auth-system
    Then the access review denies it, with no evaluation error
