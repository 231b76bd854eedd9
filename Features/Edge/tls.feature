@tls
Feature: TLS at the edge
  The model gateway terminates TLS with a certificate cert-manager issues from the platform's own CA, for localhost and
  127.0.0.1. The suite trusts exactly that CA, read from the cluster (in attach mode from INFERENCEBOX_GATEWAY_CA_FILE),
  never the machine's trust store and never "skip verification", and sends bearer tokens over HTTPS only. The plain HTTP
  port only redirects to HTTPS: no model, no issuer and no token check answers there. The AI gateway is HTTPS only (it
  has no plain HTTP port at all) with a certificate from the same CA. The handshakes are the client's own
  (.NET's chain building with the CA as the only root, and its host name check); no request is sent during them.

  Scenario: The gateway's certificate chains to the platform's CA and names the host the client called
    Given as a control, tenant-a's own valid token gets the catalog's prediction from its sklearn-iris through the gateway
    When a client trusting only the platform's CA opens a TLS connection to the gateway
    Then the handshake completes, the chain ends at the platform's CA, and the certificate names the host the client called

  Scenario: The AI gateway's certificate chains to the same CA and names the host the client called
    When a client trusting only the platform's CA opens a TLS connection to the AI gateway
    Then the handshake completes, the chain ends at the platform's CA, and the certificate names the host the client called

  Scenario: A client without the platform's CA is refused at the handshake
    Given a client trusting only the platform's CA completes a TLS handshake with the gateway
    When a client that knows only the machine's trust store attempts a TLS connection to the gateway
    Then that client refuses the gateway's certificate at the handshake, for its chain

  Scenario: Plain HTTP redirects to the same path over HTTPS
    When a request without a token is sent over plain HTTP to tenant-a's sklearn-iris
    Then every answer is a redirect to the same path and query on the gateway's HTTPS address, none a model's, the issuer's or a token check's

  Scenario: No model and no issuer answers over plain HTTP
    When a request without a token is sent over plain HTTP to every default model of the catalog and to the issuer's token endpoint
    Then every answer is a redirect to the same path and query on the gateway's HTTPS address, none a model's, the issuer's or a token check's
