@security
Feature: The model gateway is the only way to a model, and tenants' pods reach only what they need
  Every InferenceService is cluster-local and the Istio ingress gateway has no node port, so no model is served on the
  node's address. Inside the cluster, kindnetd enforces NetworkPolicies: a tenant's pod reaches DNS, istiod, Knative's
  activator, the tenants' queue-proxy data ports (where mutual TLS and the tenants' policies decide) and the model
  gateway, and nothing else of the platform. A refused connection is dropped: the client's connect times out (curl exit
  28), which tells a NetworkPolicy apart from a refused port (exit 7), a sidecar's reset (exit 56) and any HTTP answer.
  Knative's activator, which forwards with its own identity to the revision its caller's headers name, runs in a STRICT
  namespace: a caller without a mesh identity is reset before it can ask anything.
  Right before each refused call, the same kind of pod is served its own prediction through the model gateway's own
  Service inside the cluster: a pod network that refuses everything proves nothing.

  Scenario: The model gateway is the only way in from outside the cluster
    Then Istio's ingress gateway Service is ClusterIP, with no node port
    And every InferenceService's URL is cluster-local

  Scenario: Knative's activator takes no plaintext connection
    Given as a control, a pod in tenant-b with a sidecar gets the catalog's prediction from tenant-b's sklearn-iris predictor with tenant-b's valid token
    When a pod in tenant-a without a sidecar attempts to ask Knative's activator for tenant-b's sklearn-iris with tenant-b's valid token
    Then the activator's sidecar resets the connection before any HTTP answer (curl exit 56)

  Scenario: A pod cannot skip the model gateway by calling knative-local-gateway with another tenant's token
    Given as a control, a pod in tenant-a without a sidecar gets tenant-a's prediction from sklearn-iris through the model gateway inside the cluster
    When a pod in tenant-a without a sidecar attempts to call tenant-b's sklearn-iris through Istio's knative-local-gateway with tenant-b's valid token
    Then the connection is dropped before it opens (curl exit 28, no answer)

  Scenario Outline: A tenant's pod cannot open <endpoint>
    Given as a control, a pod in tenant-a without a sidecar gets tenant-a's prediction from sklearn-iris through the model gateway inside the cluster
    When a pod in tenant-a without a sidecar attempts to open <endpoint>
    Then the connection is dropped before it opens (curl exit 28, no answer)

    Examples:
      | endpoint                       |
      | Prometheus                     |
      | Grafana                        |
      | Jaeger's query UI              |
      | Jaeger's OTLP HTTP collector   |
      | Kiali                          |
      | tenant-b's queue-proxy metrics |
