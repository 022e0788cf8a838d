using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EdgeToolkit.Profiling;

/// <summary>
/// Two profiles side by side (two models, or two builds of one), with ratios b/a of every numeric
/// figure of every target both profiled; a ratio is null where either side is null or a is 0.
/// </summary>
public sealed record ProfileComparison(ProfileReport A, ProfileReport B)
{
    public JsonObject ToJson()
    {
        var a = A.ToJson();
        var b = B.ToJson();
        return new JsonObject
        {
            ["ok"] = A.Ok && B.Ok,
            ["a"] = a,
            ["b"] = b,
            ["ratios"] = Ratios(a, b),
            ["how"] = "ratios are b/a per target for each numeric figure of the target entries; null where either side is null or a is 0",
        };
    }

    /// <summary>target -> figure -> b/a, from the JSON of both sides (so the ratios are of exactly the printed figures).</summary>
    public static JsonObject Ratios(JsonObject a, JsonObject b)
    {
        var ratios = new JsonObject();
        var bTargets = b["targets"]!.AsArray().Select(t => t!.AsObject()).ToDictionary(t => Key(t));
        foreach (var ta in a["targets"]!.AsArray().Select(t => t!.AsObject()))
        {
            if (!bTargets.TryGetValue(Key(ta), out var tb)) continue;
            var r = new JsonObject();
            foreach (var (name, va) in ta)
            {
                if (va is not JsonValue || name is "target" or "board" or "ok" or "error") continue;
                if (Number(va) is not double x) continue;
                double? y = Number(tb[name]);
                r[name] = y is double yy && x != 0 ? yy / x : null;
            }
            ratios[(string)ta["target"]!] = r;
        }
        return ratios;
    }

    /// <summary>A JSON number as a double (whatever CLR type backs it), else null.</summary>
    private static double? Number(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.Number
            ? double.Parse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture) : null;

    private static string Key(JsonObject target) => (string)target["target"]!;
}
