@security
Feature: Kiali asks who is looking, and shows the mesh without letting anyone change it
  Kiali runs its token strategy: a caller logs in with a Kubernetes token, and Kiali acts with that token, so it shows
  each caller what that caller may read. Without a session it answers 401. It runs view-only, and its own service account
  holds the chart's read-only ClusterRole "kiali-viewer", never the "kiali" one that may create, patch and delete the
  mesh's security policy. The suite reads Kiali with a short-lived token of its read-only account
  (istio-system/inferencebox-kiali-reader), asked for through the TokenRequest API and kept in memory only.

  Scenario: Kiali refuses a caller without a session and serves the suite's read-only account
    Given as a control, Kiali serves tenant-a's graph to the suite's read-only account, logged in with a short-lived token
    When an anonymous caller attempts to read tenant-a's graph from Kiali
    Then Kiali refuses the anonymous caller with 401 "Unauthorized"
    And Kiali reports the token login strategy and view-only mode

  Scenario: Kiali's own service account may read the mesh's security policy but not change it
    When Kubernetes is asked whether Kiali's service account may list AuthorizationPolicies in tenant-a
    Then the access review allows it, by ClusterRoleBinding kiali-viewer of ClusterRole kiali-viewer
    When Kubernetes is asked whether Kiali's service account may delete AuthorizationPolicies in tenant-a
    Then the access review denies it, with no evaluation error
