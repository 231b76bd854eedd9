@observability @serial
Feature: Every request is visible in metrics, traces, dashboards and the mesh graph
  Counters carry every earlier run's traffic, so the metric checks compare deltas, never absolute values. The
  predictor's answers are counted from the gateway path's sources only (Istio's ingress gateway behind
  knative-local-gateway, and Knative's activator), never the autoscaler's or Prometheus' scrapes of the pod.
  Traces start at Istio's ingress gateway: Envoy Gateway's proxy emits no spans, because its EnvoyProxy configures
  no telemetry.tracing and without it Envoy Gateway sends no tracing data (envoyproxy/gateway@v1.4.2
  api/v1alpha1/envoyproxy_types.go). Turning tracing on there, and asserting its span, is a later issue.

  Scenario: Answered and rejected requests are counted under their own response codes
    Given the request counters of sklearn-iris of tenant-a are noted
    When 20 probe requests are sent to sklearn-iris as tenant-a
    And 5 probe requests are sent to sklearn-iris of tenant-a without a token
    Then all 20 requests as tenant-a were answered with status 200 and the 5 without a token with status 401
    And the count of requests to sklearn-iris of tenant-a answered with code 200 rises by at least 20
    And the gateway's count of 4xx answers, where Envoy counts the 401s, rises by at least 5

  Scenario: One traced request is followed from Istio's ingress gateway to the predictor
    When a probe request carrying its own traceparent is sent to sklearn-iris as tenant-a
    Then Jaeger finds that trace by its id, with spans from Istio's ingress gateway and from the predictor of sklearn-iris in tenant-a

  Scenario: Grafana has the shipped dashboards and a healthy Prometheus datasource
    Then every dashboard shipped in manifests/dashboards is provisioned in Grafana
    And Grafana reports its Prometheus datasource healthy

  Scenario: Kiali shows traffic from the gateway to the tenant's model
    When 10 probe requests are sent to sklearn-iris as tenant-a
    Then Kiali's graph of tenant-a shows traffic from a gateway to sklearn-iris
