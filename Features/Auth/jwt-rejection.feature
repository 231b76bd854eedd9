@jwt
Feature: The gateway lets only a valid token of the right tenant reach a model
  Every request to a model passes the gateway's JWT check (Envoy Gateway SecurityPolicy: the issuer's JWKS,
  issuer and audience) and its tenant check (the token's tenant claim must name the route's tenant).
  Each bad token below differs from a valid one in exactly one property, so each row proves one check.
  The gateway answers 401 for a token it cannot authenticate, and 403 when it authenticates the token but the
  token is not for this route: a wrong audience (Envoy's jwt_authn answers audience mismatches with 403) or a
  tenant claim that is missing or names another tenant (claim authorization: "RBAC: access denied").
  Valid tokens are obtained as each tenant's OAuth client obtains them (its credentials, POST /issuer/token).
  Negatives that must be signed by a key the gateway trusts use the issuer's key in provision mode and, in attach
  mode, a test-only key the issuer also publishes (INFERENCEBOX_SIGNING_KEY_FILE, never the platform's own key);
  without one they are skipped with the reason.

  Scenario Outline: <token> is refused by the gateway itself
    Given a client of tenant-a holding <token>
    When the client attempts to call tenant-a's sklearn-iris v1 through the gateway
    Then the gateway refuses the call with status <status>
    And the refusal is the gateway's own answer, not the model's

    Examples:
      | token                                    | status |
      | no token                                 | 401    |
      | a token that is not three segments       | 401    |
      | a token with bad base64                  | 401    |
      | an expired token                         | 401    |
      | a token that is not yet valid            | 401    |
      | a token from the wrong issuer            | 401    |
      | a token for the wrong audience           | 403    |
      | a token without a tenant claim           | 403    |
      | another tenant's valid token             | 403    |
      | a token signed by an unknown key         | 401    |
      | a token with an unknown kid              | 401    |
      | an unsigned token with alg none          | 401    |
      | an HS256 token keyed with the public key | 401    |
      | a token with a tampered payload          | 401    |

  Scenario: A valid token reaches the model and gets the right prediction
    Given a client of tenant-a holding a valid token
    When the client calls tenant-a's sklearn-iris v1 through the gateway
    Then the model answers with status 200
    And the predictions are the catalog's expected output for tenant-a's sklearn-iris v1

  Scenario: The issuer publishes its keys and hands out tokens valid right now
    Then the issuer's JWKS publishes at least one RS256 signing key
    And every token the issuer hands out now is valid for its tenant against that JWKS
