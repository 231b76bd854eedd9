using InferenceBox.Specs.Support.Gateway;

namespace InferenceBox.Specs.Tests.Gateway;

/// <summary>
/// Issue 17 item 15: each runtime's own answer to GET /v1/models/&lt;name&gt;. TensorFlow Serving 2.6.2's answer as its REST
/// handler test expects it (tensorflow/serving@2.6.2 tensorflow_serving/model_servers/http_rest_api_handler_test.cc
/// GetStatus; states from apis/get_model_status.proto); KServe's V1 answer as python/kserve/kserve/protocol/rest/
/// v1_endpoints.py model_ready returns it (kserve/kserve@v0.15.2).
/// </summary>
public sealed class ModelReadinessTests
{
    private const string TfAvailable = """
        { "model_version_status": [ { "version": "123", "state": "AVAILABLE", "status": { "error_code": "OK", "error_message": "" } } ] }
        """;

    [Fact]
    public void TensorFlow_serving_is_ready_when_a_version_is_available_and_the_kserve_shape_is_not_its()
    {
        ModelReadiness.WhyNotReady(ModelReadiness.TensorFlowServingRuntime, 200, TfAvailable).Should().BeNull();
        ModelReadiness.WhyNotReady("kserve-torchserve", 200, TfAvailable).Should().Contain("\"ready\": true",
            "the old check read every runtime's answer as KServe's and so never saw TensorFlow Serving ready");
        ModelReadiness.WhyNotReady(ModelReadiness.TensorFlowServingRuntime, 200, """{"name":"flowers","ready":true}""")
            .Should().Contain("model_version_status");
    }

    [Theory]
    [InlineData("""{ "model_version_status": [ { "version": "1", "state": "LOADING", "status": { "error_code": "OK" } } ] }""", "1 LOADING")]
    [InlineData("""{ "model_version_status": [ { "version": "1", "state": "END", "status": { "error_code": "NOT_FOUND", "error_message": "x" } } ] }""", "1 END (NOT_FOUND)")]
    [InlineData("""{ "model_version_status": [] }""", "none listed")]
    public void A_tensorflow_model_without_an_available_version_is_not_ready(string body, string reason) =>
        ModelReadiness.WhyNotReady(ModelReadiness.TensorFlowServingRuntime, 200, body).Should().Contain(reason);

    [Fact]
    public void KServe_servers_answer_ready_true_and_503_while_loading()
    {
        ModelReadiness.WhyNotReady("kserve-torchserve", 200, """{"name": "mnist", "ready": true}""").Should().BeNull();
        ModelReadiness.WhyNotReady("kserve-torchserve", 503, """{"error": "Model with name mnist is not ready."}""").Should().Be("HTTP 503");
        ModelReadiness.WhyNotReady("kserve-sklearnserver", 200, "<html>").Should().StartWith("not JSON");
    }
}
