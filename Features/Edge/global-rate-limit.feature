@global-rate-limit @serial
Feature: A gateway-wide rate limit across tenants and proxy replicas
  The model gateway accepts at most 1000 requests per minute in total, all tenants and all Envoy replicas together
  (manifests/gateway/rate-limit-global.yaml), on top of each tenant's local limit. It is Envoy Gateway v1.4.2's global
  rate limit: every replica asks the one ratelimit service, which counts in the one Redis, one key per fixed window
  aligned to the clock. So within a window no more than 1000 are accepted (tolerance 0), and a burst that straddles a
  window boundary may pass up to 1000 in each window it touches: the judge reads each answer's window from its own
  X-RateLimit-Reset rather than assuming the burst fit in one. The accepted answers of a window carry distinct
  X-RateLimit-Remaining values (one counter). It is global when a 429 came from a replica that had itself accepted
  fewer than 1000 in that window while the other replica answered too, and to a tenant with fewer than 1000 accepted:
  a per-replica or per-tenant counter would not have refused it. The global limiter's 429 carries
  x-envoy-ratelimited: true and X-RateLimit-Limit "1000, 1000;w=60" with 0 remaining; the local limiter's has neither.
  Redis down: failClosed is one switch for the whole controller, true for the AI token budget and this limit alike
  (manifests/values/envoy-gateway.yaml says why), so every model request gets the gateway's own 500 until Redis is back.
  The burst ends by waiting until the gateway serves again (the window it exhausted has passed), so later scenarios find
  it usable. The proxy is scaled back to one replica and Redis restarted after each scenario, and waited on.

  Scenario: A burst over two proxy replicas is accepted no more than the gateway-wide limit per window
    Given the model gateway's proxy runs 2 replicas for this scenario
    When tenant-a and tenant-b send a burst of 2400 probes to their sklearn-iris over 32 connections
    Then no window accepted more than the gateway-wide limit, every refusal is the global limiter's 429, and one proves the count is shared by both replicas and both tenants
    And tenant-a is served by tenant-a's sklearn-iris again within the rate-limit window

  Scenario: With Redis down the gateway fails closed
    Given as a control, tenant-a is served the catalog's prediction by its sklearn-iris through the gateway within the rate-limit window
    And Redis is down for this scenario
    When tenant-a sends 1 probes through the gateway to tenant-a's sklearn-iris
    Then the gateway answered tenant-a with its rate-limit filter's 500, without reaching the model
