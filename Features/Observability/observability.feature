@observability @serial
Feature: Every request is visible in metrics, traces, dashboards and the mesh graph
  Counters carry every earlier run's traffic, so the metric checks measure rises since a noted baseline, never
  absolute values. The counters are noted after one warm-up probe was answered and scraped, so the scenario's requests
  meet a running pod and nothing sent before shows up as a rise. A rise is measured series by series: each series'
  last sample since the baseline minus its value at the baseline, and the whole count of a series born since. The
  scale-to-zero feature just before this one leaves a predictor pod terminating: its series ends, which would make a
  raw sum fall, but its last sample still counts. A trickle of probes keeping the model warm during the check would add
  200s of its own to the very count being checked, so there is none: a pod that ends after the probes still counts by
  its last sample, as long as a scrape saw it (Prometheus scrapes the sidecars every 15 s; Knative keeps an idle pod
  for its stable window and grace period, then drains it). The predictor's answers are counted from the gateway path's sources only (Istio's ingress
  gateway behind knative-local-gateway, and Knative's activator), never the autoscaler's or Prometheus' scrapes.
  Traces start at the model gateway: its EnvoyProxy sends OpenTelemetry spans to the mesh's Jaeger and continues the
  client's W3C traceparent, so its span is the child of the client's, and Istio's ingress gateway and the predictor
  follow below it. Kiali's graph is read over the scenario's own window, from the baseline to now.

  Scenario: Answered and rejected requests are counted under their own response codes
    Given the request counters of sklearn-iris of tenant-a are noted
    When 20 probe requests are sent to sklearn-iris as tenant-a
    And 5 probe requests are sent to sklearn-iris of tenant-a without a token
    Then all 20 requests as tenant-a were answered with status 200 and the 5 without a token with status 401
    And the count of requests to sklearn-iris of tenant-a answered with code 200 rises by at least 20
    And the gateway's count of 4xx answers, where Envoy counts the 401s, rises by at least 5

  Scenario: One traced request is followed from the model gateway to the predictor
    When a probe request carrying its own traceparent is sent to sklearn-iris as tenant-a
    Then Jaeger finds that trace by its id, the model gateway's span the child of the client's, with Istio's ingress gateway and the predictor of sklearn-iris in tenant-a below it

  Scenario: Grafana has the shipped dashboards and a healthy Prometheus datasource
    Then every dashboard shipped in manifests/dashboards is provisioned in Grafana
    And Grafana reports its Prometheus datasource healthy

  Scenario: Kiali shows the scenario's traffic from the gateway path into the tenant's model
    Given the request counters of sklearn-iris of tenant-a are noted
    When 10 probe requests are sent to sklearn-iris as tenant-a
    Then Kiali's graph of tenant-a over the scenario's own window shows 2xx traffic from the gateway path into the sklearn-iris predictor workload
