@tenant-isolation
Feature: Tenant isolation
  Each tenant's models answer that tenant only. The gateway checks the tenant claim of the caller's token; inside
  the cluster the mesh checks who is calling as well as the token, so a header any pod can forge proves nothing and
  another tenant's token is of no use to a pod outside that tenant; Kubernetes fences each tenant's namespace with
  RBAC and a ResourceQuota. Every refusal is asserted exactly (status and reason), and right before it the owner is
  served on the same path, so an outage or a 404 can never pass for isolation.
  Inside the mesh a tenant's predictor admits a caller from the gateway path (Istio's ingress gateway, Knative's
  activator) or from the tenant's own namespace, holding the tenant's token; the activator, which forwards with its
  own identity, takes a tenant's pod only to that tenant's own revisions.

  Scenario Outline: A tenant reaches its own model
    Given <tenant> holds a valid token
    When <tenant> sends the probe through the gateway to <tenant>'s sklearn-iris
    Then the gateway answers 200
    And the predictions are the catalog's expected output for <tenant>'s sklearn-iris

    Examples:
      | tenant   |
      | tenant-a |
      | tenant-b |
      | tenant-c |

  Scenario Outline: A valid token of one tenant is refused on another tenant's model
    Given <caller> holds a valid token
    And as a control, <owner>'s own valid token gets the catalog's prediction from its sklearn-iris through the gateway
    When <caller> attempts to send the probe through the gateway to <owner>'s sklearn-iris
    Then the gateway refuses the call with status 403, by its tenant check
    And the refusal is the gateway's own answer, not the model's nor a tenant sidecar's

    Examples:
      | caller   | owner    |
      | tenant-a | tenant-b |
      | tenant-b | tenant-a |

  Scenario Outline: Inside the mesh, a predictor refuses a caller of its own namespace without its tenant's token
    Given tenant-a holds a valid token
    And as a control, a pod in tenant-b with a sidecar gets the catalog's prediction from tenant-b's sklearn-iris predictor with tenant-b's valid token
    When a pod in tenant-b with a sidecar attempts to call tenant-b's sklearn-iris predictor <credentials>
    Then the mesh refuses it with 403 "RBAC: access denied"

    Examples:
      | credentials                         |
      | with no token                       |
      | with a forged "x-tenant" header     |
      | with a forged "x-jwt-tenant" header |
      | with tenant-a's valid token         |

  Scenario: Inside the mesh, a pod of tenant-a holding tenant-b's valid token cannot call tenant-b's predictor
    Given as a control, a pod in tenant-b with a sidecar gets the catalog's prediction from tenant-b's sklearn-iris predictor with tenant-b's valid token
    When a pod in tenant-a with a sidecar attempts to call tenant-b's sklearn-iris predictor with tenant-b's valid token
    Then the mesh refuses it with 403 "RBAC: access denied"

  Scenario: Inside the mesh, a pod of tenant-b with tenant-b's token reaches tenant-b's predictor
    Given tenant-b holds a valid token
    When a pod in tenant-b with a sidecar calls tenant-b's sklearn-iris predictor with tenant-b's valid token
    Then the predictor answers with the catalog's expected output for tenant-b's sklearn-iris

  Scenario: A tenant cannot exceed its ResourceQuota
    When tenant-a attempts to create an InferenceService needing more CPU than its quota allows
    Then the InferenceService is refused for exceeding the quota, and the quota message is shown

  Scenario: A tenant's service account reads its own Secrets and not another tenant's
    When Kubernetes is asked whether tenant-a's default service account may get Secrets in tenant-a
    Then the access review allows it, by a RoleBinding in tenant-a
    When Kubernetes is asked whether tenant-a's default service account may get Secrets in tenant-b
    Then the access review denies it, with no evaluation error
