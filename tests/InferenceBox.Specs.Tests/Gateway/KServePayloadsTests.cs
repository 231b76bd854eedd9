using System.Text.Json.Nodes;
using InferenceBox.Specs.Support.Gateway;

namespace InferenceBox.Specs.Tests.Gateway;

public sealed class KServePayloadsTests
{
    private static GatewayExchange Answer(string body) =>
        new("POST", new Uri("http://127.0.0.1:8080/x"), 200, new Dictionary<string, string>(), body, TimeSpan.Zero, "id", null);

    [Fact]
    public void V1_request_and_predictions()
    {
        JsonNode.Parse(KServePayloads.V1Request([[6.8, 2.8, 4.8, 1.4], [6.0, 3.4, 4.5, 1.6]]))!["instances"]![1]![2]!.GetValue<double>().Should().Be(4.5);
        GatewayDriver.V1Predictions(Answer("{\"predictions\":[1,2]}")).Should().Equal(1, 2);
    }

    [Fact]
    public void V2_request_has_shape_and_datatype_and_outputs_are_read()
    {
        var request = JsonNode.Parse(KServePayloads.V2Request([[6.8, 2.8, 4.8, 1.4], [6.0, 3.4, 4.5, 1.6]]))!["inputs"]![0]!;
        request["shape"]!.AsArray().Select(n => n!.GetValue<int>()).Should().Equal(2, 4);
        request["datatype"]!.GetValue<string>().Should().Be("FP32");
        GatewayDriver.V2Outputs(Answer("{\"model_name\":\"m\",\"outputs\":[{\"name\":\"output-0\",\"shape\":[2],\"datatype\":\"INT64\",\"data\":[1,1]}]}"))
            .Should().Equal(1, 1);
    }

    [Fact]
    public void An_answer_without_predictions_names_what_came_back()
    {
        var act = () => GatewayDriver.V1Predictions(Answer("RBAC: access denied"));
        act.Should().Throw<InvalidDataException>().WithMessage("*without \"predictions\"*RBAC: access denied*");
    }
}
