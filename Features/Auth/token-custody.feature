@token-custody @serial
Feature: Only a tenant's own client obtains the tenant's tokens
  The JWT issuer is an OAuth 2.0 authorization server for the client credentials grant (RFC 6749 section 4.4), with
  one client per tenant whose secret lives in a Secret of the tenant's namespace. Through the gateway, only its JWKS
  and its token endpoint are public; the token endpoint is rate-limited per client address. Refusals are the RFC 6749
  section 5.2 errors; a lifetime above the one-hour maximum is refused, not capped. The feature runs alone because
  its burst drains the token endpoint's bucket; it ends by waiting until the bucket serves again.

  Scenario: Without client credentials the issuer hands out no token
    Given a client without credentials
    When the client asks the issuer through the gateway for a token for tenant-a
    Then the issuer refuses with status 401 and error "invalid_client"
    And the refusal asks the client to authenticate with HTTP Basic
    And no token is handed out

  Scenario: A wrong secret is refused
    Given a client holding tenant-a's client id with a wrong secret
    When the client asks the issuer through the gateway for a token for tenant-a
    Then the issuer refuses with status 401 and error "invalid_client"
    And no token is handed out

  Scenario: Tenant-a's credentials cannot obtain a token for tenant-b
    Given a client holding tenant-a's client credentials
    When the client asks the issuer through the gateway for a token for tenant-b
    Then the issuer refuses with status 400 and error "unauthorized_client"
    And no token is handed out

  Scenario: An audience the client may not request is refused
    Given a client holding tenant-a's client credentials
    When the client asks the issuer through the gateway for a token for tenant-a with audience "some-other-audience"
    Then the issuer refuses with status 400 and error "invalid_scope"
    And no token is handed out

  Scenario: A lifetime above the one-hour maximum is refused, not capped
    Given a client holding tenant-a's client credentials
    When the client asks the issuer through the gateway for a token for tenant-a lasting 7200 seconds
    Then the issuer refuses with status 400 and error "invalid_request"
    And no token is handed out

  Scenario Outline: The issuer's <path> is not reachable through the public gateway
    When anyone requests GET <path> through the gateway
    Then the gateway answers 404 itself, without reaching the issuer

    Examples:
      | path            |
      | /issuer/tokens  |
      | /issuer/metrics |
      | /issuer/health  |

  Scenario: A token obtained with tenant-a's credentials reaches tenant-a's model and not tenant-b's
    Given a client holding tenant-a's client credentials
    When the client asks the issuer through the gateway for a token for tenant-a
    Then the issuer hands out a token for tenant-a that no cache may store
    When the client calls tenant-a's sklearn-iris v1 through the gateway
    Then the model answers with status 200
    And the predictions are the catalog's expected output for tenant-a's sklearn-iris v1
    When the client attempts to call tenant-b's sklearn-iris v1 through the gateway
    Then the gateway refuses the call with status 403, by its tenant check
    And the refusal is the gateway's own answer, not the model's nor a tenant sidecar's

  Scenario: A burst of wrong secrets meets the gateway's rate limit
    Given a client holding tenant-a's client id with a wrong secret
    When the client sends a burst of 40 token requests through the gateway
    Then the gateway refuses at least one with 429 and the issuer refuses every other one with 401 "invalid_client"
    And tenant-a's client is served by the token endpoint again within the rate-limit window
