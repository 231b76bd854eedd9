@security
Feature: Tokens are read from the Authorization header only
  A token in a URL ends up in access logs, browser histories and Referer headers. Envoy's jwt_authn, which both the model
  gateway's SecurityPolicy and the tenants' RequestAuthentications configure, reads an access_token query parameter as
  well as the Authorization header unless told where to look; both are told: "Authorization: Bearer" only. A token sent
  in the query string is then no token at all: the gateway answers 401 "Jwt is missing" (its JWT check, proven the
  gateway's own by the challenge's realm), and a predictor's sidecar finds no request principal and answers 403.
  Right before each refused call the owner is served with the same token in the Authorization header.

  Scenario: The model gateway takes no token from the query string
    Given tenant-a holds a valid token
    And as a control, tenant-a's own valid token gets the catalog's prediction from its sklearn-iris through the gateway
    When tenant-a attempts to send the probe through the gateway to tenant-a's sklearn-iris with its valid token in the access_token query parameter
    Then the gateway refuses the call with status 401, by its JWT check
    And the refusal is the gateway's own answer, not the model's nor a tenant sidecar's

  Scenario: A predictor's sidecar takes no token from the query string
    Given as a control, a pod in tenant-b with a sidecar gets the catalog's prediction from tenant-b's sklearn-iris predictor with tenant-b's valid token
    When a pod in tenant-b with a sidecar attempts to call tenant-b's sklearn-iris predictor with tenant-b's valid token in the access_token query parameter
    Then the mesh refuses it with 403 "RBAC: access denied"
