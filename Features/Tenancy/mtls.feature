@mtls
Feature: Mutual TLS inside the mesh
  Tenant namespaces run STRICT mutual TLS: only a workload with a mesh identity can open a connection to a
  predictor's pods. A plaintext client gets its connection reset by the predictor's sidecar before any HTTP answer
  (curl exit 56, as in Istio's mTLS migration task), which tells a TLS refusal apart from a refused port (exit 7),
  a timeout (exit 28) or an authorization denial (an HTTP 403). A client with a sidecar must get an answer that only
  the predictor's sidecar, after a completed handshake, can give: its 403 "RBAC: access denied" (a pod of another
  tenant is not a caller it admits), or 200 with the model's prediction. Any other answer, such as the 503 "upstream
  connect error" the client's own sidecar gives when the handshake fails, proves nothing.
  Requests reaching a predictor from the gateway path (the istio-ingressgateway pods behind knative-local-gateway, or
  Knative's activator, which with Knative's default target-burst-capacity is in the path almost always, not only at
  zero) are reported by Istio's metrics with connection_security_policy="mutual_tls". Under STRICT every request a
  sidecar records is mutual TLS anyway, so the scenario's own request must raise that count, and no other may rise;
  only those two sources are read, not the Knative autoscaler's or Prometheus' scrapes of the pod.

  Background:
    Given tenant-b's sklearn-iris model is warm

  Scenario: A pod without a sidecar cannot reach a predictor's pods
    Given as a control, a pod in tenant-b with a sidecar gets the catalog's prediction from tenant-b's sklearn-iris predictor pods directly with tenant-b's valid token
    When a pod in tenant-a without a sidecar attempts to call tenant-b's sklearn-iris predictor pods directly
    Then the connection is reset before any HTTP answer (curl exit 56)

  Scenario: The same call from a pod with a sidecar completes the mutual TLS handshake
    When a pod in tenant-a with a sidecar attempts to call tenant-b's sklearn-iris predictor pods directly
    Then the call gets an answer only a completed mutual TLS exchange gives, from tenant-b's sklearn-iris's sidecar

  Scenario: Traffic from the gateway to a model is reported as mutual TLS
    Given Istio's counts of requests from the gateway path to tenant-b's sklearn-iris are noted
    When tenant-b sends the probe through the gateway to tenant-b's sklearn-iris
    Then the gateway answers 200
    And Istio's count of mutual TLS requests from the gateway path rises by at least 1, and no other count rises
