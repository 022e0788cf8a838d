using System.Text.Json.Nodes;

namespace EdgeToolkit.Profiling;

/// <summary>One model profiled on several targets, and whether it fits each board of hardware/.</summary>
public sealed record ProfileReport(string Model, IReadOnlyList<TargetProfile> Targets, IReadOnlyList<BoardFit> Boards)
{
    /// <summary>Every run that checks correctness agreed with ONNX Runtime and none failed.</summary>
    public bool Ok => Targets.All(t => t.Ok != false);

    public JsonObject ToJson() => new()
    {
        ["ok"] = Ok,
        ["model"] = Model,
        ["targets"] = new JsonArray(Targets.Select(t => (JsonNode)ProfileJson.Target(t)).ToArray()),
        ["boards"] = new JsonArray(Boards.Select(b => (JsonNode)ProfileJson.Board(b)).ToArray()),
    };
}
