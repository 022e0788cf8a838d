using System.Text.Json.Nodes;
using EdgeToolkit.Graph;

namespace EdgeToolkit.Training.Reasoning;

/// <summary>
/// The parts of config.json that running the model needs: the vocabulary, the decoder signature
/// (`decoder`: token/position/logits names, state pairs, end token, max context) and the answer
/// format (whether products are written with the scratchpad).
/// </summary>
public static class ReasoningConfig
{
    public static JsonObject DecoderJson(DecoderSignature s) => new()
    {
        ["token_input"] = s.TokenInput,
        ["position_input"] = s.PositionInput,
        ["logits_output"] = s.LogitsOutput,
        ["states"] = new JsonArray(s.States.Select(p => (JsonNode)new JsonObject { ["input"] = p.Input, ["output"] = p.Output }).ToArray()),
        ["end_token"] = s.EndToken,
        ["max_context"] = s.MaxContext,
    };

    public static DecoderSignature ReadSignature(JsonObject? config, string modelPath)
    {
        try
        {
            var d = config?["decoder"] as JsonObject ?? throw new InvalidOperationException("no \"decoder\" object");
            var states = (d["states"] as JsonArray ?? throw new InvalidOperationException("no decoder.states"))
                .Select(n => new StatePair((string)n!["input"]!, (string)n["output"]!)).ToList();
            return new DecoderSignature((string)d["token_input"]!, (string)d["position_input"]!, (string)d["logits_output"]!,
                states, (long)d["end_token"]!, (int)d["max_context"]!);
        }
        catch (Exception e) when (e is InvalidOperationException or NullReferenceException or FormatException)
        {
            throw new EdgeToolkitException(ErrorKind.BadInput, $"config.json beside the model has no usable decoder signature ({e.Message})",
                file: modelPath, hint: "evaluate a model folder written by `edgetk train reasoning` (model.onnx with its config.json)");
        }
    }

    /// <summary>True unless config.json says products are answered directly.</summary>
    public static bool ReadScratchpad(JsonObject? config) => config?["format"]?["multiplication_scratchpad"]?.GetValue<bool>() ?? true;

    public static void CheckVocabulary(JsonObject? config, string modelPath)
    {
        var vocab = config?["vocabulary"] as JsonArray;
        var symbols = vocab == null ? null : string.Concat(vocab.Select(v => (string?)v));
        if (symbols != ArithmeticVocabulary.Symbols)
            throw new EdgeToolkitException(ErrorKind.BadInput, $"the model's vocabulary ({symbols ?? "none in config.json"}) is not the arithmetic one ({ArithmeticVocabulary.Symbols})",
                file: modelPath, hint: "the arithmetic data sets score models trained by `edgetk train reasoning`");
    }
}
