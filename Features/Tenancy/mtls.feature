@mtls
Feature: Mutual TLS inside the mesh
  Tenant namespaces run STRICT mutual TLS: only a workload with a mesh identity can open a connection to a
  predictor's pods. A plaintext client gets its connection reset by the predictor's sidecar before any HTTP answer
  (curl exit 56, as in Istio's mTLS migration task), which tells a TLS refusal apart from a refused port (exit 7),
  a timeout (exit 28) or an authorization denial (an HTTP 403). Requests reaching a predictor from the gateway path
  (the istio-ingressgateway pods behind knative-local-gateway, or Knative's activator) are reported by Istio's
  metrics with connection_security_policy="mutual_tls"; only those two sources are read, not the Knative
  autoscaler's or Prometheus' scrapes of the pod.

  Background:
    Given tenant-b's sklearn-iris model is warm

  Scenario: A pod without a sidecar cannot reach a predictor's pods
    When a pod in tenant-a without a sidecar attempts to call tenant-b's sklearn-iris predictor pods directly
    Then the connection is reset before any HTTP answer (curl exit 56)

  Scenario: The same call from a pod with a sidecar completes the mutual TLS handshake
    When a pod in tenant-a with a sidecar attempts to call tenant-b's sklearn-iris predictor pods directly
    Then the call gets an HTTP answer

  Scenario: Traffic from the gateway to a model is reported as mutual TLS
    When tenant-b sends the probe through the gateway to tenant-b's sklearn-iris
    Then the gateway answers 200
    And Istio's request metrics for tenant-b's sklearn-iris report every connection as mutual TLS
