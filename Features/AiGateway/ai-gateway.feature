@ai-gateway @serial
Feature: Envoy AI Gateway in front of the tenants' chat models
  Envoy AI Gateway 0.2.1 runs on a Gateway and Envoy of its own (127.0.0.1:8081), so its extension never reaches the model
  gateway. It fronts two chat models, named in the request body's "model" (models/chat-models.json): "tenant-b/qwen-chat"
  and "tenant-c/qwen-chat", each a llama.cpp server on Qwen2.5-0.5B-Instruct in its tenant's namespace that answers as its
  own name ("qwen-chat.tenant-b", "qwen-chat.tenant-c"), a name no client sends: a chat completion's "model" shows which
  backend answered. A valid token reaches only its own tenant's model; tenant-a has none.
  Each tenant has a budget of 500 tokens a minute (Envoy Gateway's global rate limit, with Redis): a request is only checked,
  each response is charged its usage.total_tokens once it is done, and a tenant is refused once its answers in the current
  minute (windows are aligned to the clock) reported more than 500. The gateway says what remains in X-RateLimit-Remaining.
  Generation is not deterministic across builds and machines: every request asks temperature 0 and seed 42, which llama.cpp
  reads per request, and the scenarios assert the structure of the answers and the accounting of tokens, never text.

  Scenario: A chat completion through the AI gateway is answered by the tenant's model with its token usage
    Given tenant-b holds a valid token
    When tenant-b asks its chat model a short question through the AI gateway
    Then the answer is a chat completion of tenant-b's chat model: a non-empty assistant message, positive prompt and completion tokens, and the name only that backend answers as

  Scenario: The request's model picks the backend
    Given tenant-b holds a valid token
    And tenant-c holds a valid token
    When tenant-c asks its chat model a short question through the AI gateway
    Then the answer is a chat completion of tenant-c's chat model: a non-empty assistant message, positive prompt and completion tokens, and the name only that backend answers as
    When tenant-b asks its chat model a short question through the AI gateway
    Then the answer is a chat completion of tenant-b's chat model: a non-empty assistant message, positive prompt and completion tokens, and the name only that backend answers as

  Scenario: An unknown model is refused by the AI gateway itself
    Given tenant-b holds a valid token
    When tenant-b attempts to ask the model "tenant-b/no-such-model" through the AI gateway
    Then the AI gateway answers 404 "no matching rule found" itself, before any backend

  Scenario: GET /v1/models lists the models the AI gateway routes
    Given tenant-b holds a valid token
    When tenant-b lists the models of the AI gateway
    Then the list holds exactly the models the AI gateway routes, each owned by its tenant

  Scenario: A request without a token is refused by the AI gateway's JWT check
    When a client without a token attempts to ask tenant-b's chat model through the AI gateway
    Then the AI gateway refuses it with 401 by its JWT check, its own answer

  Scenario: Another tenant's token is refused by the AI gateway's tenant check
    Given tenant-b holds a valid token
    And tenant-c holds a valid token
    And as a control, tenant-b is served by its chat model through the AI gateway
    When tenant-c attempts to ask tenant-b's chat model through the AI gateway
    Then the AI gateway refuses it with 403 by its tenant check, its own answer

  # The AI Gateway's ext_proc records each response's usage once, by the request's model and token type; Prometheus scrapes it
  # every 15 s. Tolerance 0: any difference is a token counted twice or not at all.
  Scenario: The gateway's token counters rise by the tokens the answers reported
    Given tenant-b holds a valid token
    And the AI gateway's token counters of tenant-b's chat model are noted
    When tenant-b asks its chat model a short question 3 times through the AI gateway
    Then the AI gateway's token counters of tenant-b's chat model rose by exactly the tokens its answers reported, per token type, and their counts by the number of answers

  Scenario: A tenant that spends its token budget gets 429 while another tenant is still served
    Given tenant-b holds a valid token
    And tenant-c holds a valid token
    And as a control, tenant-c is served by its chat model through the AI gateway
    When tenant-b spends its token budget on its chat model through the AI gateway
    Then tenant-b was served until its answers in the window had reported more than its budget of 500 tokens a minute, and then refused, the gateway counting exactly the tokens its answers reported
    And every refusal of tenant-b is the global rate limiter's 429 with the budget's X-RateLimit headers
    And tenant-c's chat model still serves tenant-c before tenant-b's refused window ends
    And tenant-b is served by its chat model again within the rate-limit window

  Scenario: The model routes of inference-gateway answer as before while the AI gateway serves
    Given tenant-c holds a valid token
    When tenant-c asks its chat model a short question through the AI gateway
    Then the answer is a chat completion of tenant-c's chat model: a non-empty assistant message, positive prompt and completion tokens, and the name only that backend answers as
    When every default model of the catalog is sent its probe through the gateway over V1
    Then every model answers 200 with its expected output
