@security
Feature: Tenants' namespaces admit restricted pods only
  Every namespace the platform owns enforces a Pod Security Standard (label pod-security.kubernetes.io/enforce); the
  tenants' enforce restricted, so the API server's PodSecurity admission refuses any pod that may run as root, escalate
  its privileges, keep Linux capabilities or run without a seccomp profile, whoever creates it. Istio's CNI plugin is
  what lets the tenants' own pods through: without it every sidecar brings an istio-init container restricted refuses.
  The suite asks with server-side dry runs: admission runs in full, nothing is created.

  Scenario: A tenant's namespace refuses the suite's client pod without its securityContext
    Given as a control, the API server admits the suite's restricted client pod in tenant-a, in a dry run
    When the same pod without its securityContext is attempted in tenant-a, in a dry run
    Then the API server refuses it for PodSecurity "restricted"
