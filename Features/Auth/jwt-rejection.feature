@jwt
Feature: The gateway lets only a valid token of the right tenant reach a model
  Every request to a model passes the gateway's JWT check (Envoy Gateway SecurityPolicy: the issuer's JWKS,
  issuer and audience) and its tenant check (the token's tenant claim must name the route's tenant).
  Each bad token below differs from a valid one in exactly one property, so each row proves one check.
  The gateway answers 401 for a token it cannot authenticate, and 403 when it authenticates the token but the
  token is not for this route: a wrong audience (Envoy's jwt_authn answers audience mismatches with 403) or a
  tenant claim that is missing or names another tenant (claim authorization: "RBAC: access denied").
  The JWT check is Envoy's jwt_authn filter: its answer is one of its status strings with a Bearer challenge. The
  tenant check is Envoy's RBAC filter: "RBAC: access denied". Tenant-a's sidecars run the same two filters
  (RequestAuthentication, AuthorizationPolicy) with the same answers, so the layer is proven by what only the gateway
  produces: jwt_authn's challenge names, as its realm, the URL the refusing proxy saw, and only the gateway sees the
  one the client called (the route rewrites host and path); a 403 of the tenant check is the gateway's only when the
  gateway's access log has the request's id with Envoy's detail "rbac_access_denied…" and no upstream host.
  Right before each refused call, tenant-a's own valid token is served with the right prediction on the same route:
  a refusal on a platform that refuses everything proves nothing.
  Valid tokens are obtained as each tenant's OAuth client obtains them (its credentials, POST /issuer/token).
  Negatives that must be signed by a key the gateway trusts use the issuer's key in provision mode and, in attach
  mode, a test-only key the issuer also publishes (INFERENCEBOX_SIGNING_KEY_FILE, never the platform's own key);
  without one they are skipped with the reason.

  Scenario Outline: <token> is refused by the gateway itself
    Given a client of tenant-a holding <token>
    And as a control, tenant-a's own valid token gets the catalog's prediction from its sklearn-iris v1 through the gateway
    When the client attempts to call tenant-a's sklearn-iris v1 through the gateway
    Then the gateway refuses the call with status <status>, by its <check> check
    And the refusal is the gateway's own answer, not the model's nor a tenant sidecar's

    Examples:
      | token                                    | status | check  |
      | no token                                 | 401    | JWT    |
      | a token that is not three segments       | 401    | JWT    |
      | a token with bad base64                  | 401    | JWT    |
      | an expired token                         | 401    | JWT    |
      | a token that is not yet valid            | 401    | JWT    |
      | a token from the wrong issuer            | 401    | JWT    |
      | a token for the wrong audience           | 403    | JWT    |
      | a token without a tenant claim           | 403    | tenant |
      | another tenant's valid token             | 403    | tenant |
      | a token signed by an unknown key         | 401    | JWT    |
      | a token with an unknown kid              | 401    | JWT    |
      | an unsigned token with alg none          | 401    | JWT    |
      | an HS256 token keyed with the public key | 401    | JWT    |
      | a token with a tampered payload          | 401    | JWT    |

  Scenario: A valid token reaches the model and gets the right prediction
    Given a client of tenant-a holding a valid token
    When the client calls tenant-a's sklearn-iris v1 through the gateway
    Then the model answers with status 200
    And the predictions are the catalog's expected output for tenant-a's sklearn-iris v1

  Scenario: The issuer publishes its keys and hands out tokens valid right now
    Then the issuer's JWKS publishes at least one RS256 signing key
    And every token the issuer hands out now is valid for its tenant against that JWKS
