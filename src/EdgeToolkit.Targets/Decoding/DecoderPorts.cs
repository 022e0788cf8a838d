using EdgeToolkit.CodeGen;
using EdgeToolkit.Graph;

namespace EdgeToolkit.Targets.Decoding;

/// <summary>A state carried across steps: its input and output ports of the generated model.</summary>
public sealed record StatePorts(int InputIndex, int OutputIndex, CPort Input, CPort Output);

/// <summary>
/// A DecoderSignature bound to the ports of a generated model: which argument of name_run is the
/// token, the position, the logits and each state, checked against the shapes and types the
/// decoding loop relies on.
/// </summary>
public sealed record DecoderPorts(int TokenIndex, int PositionIndex, int LogitsIndex, IReadOnlyList<StatePorts> States, int Vocab)
{
    private static readonly DataType[] IndexTypes = { DataType.Int64, DataType.Int32 };

    public static DecoderPorts Bind(GeneratedModel model, DecoderSignature signature)
    {
        int Input(string name, string role) => Find(model.Inputs, name, role, "input", model);
        int Output(string name, string role) => Find(model.Outputs, name, role, "output", model);

        int token = Input(signature.TokenInput, "token");
        int position = Input(signature.PositionInput, "position");
        int logits = Output(signature.LogitsOutput, "logits");
        RequireIndexPort(model.Inputs[token], "token");
        RequireIndexPort(model.Inputs[position], "position");
        var logitsPort = model.Outputs[logits];
        if (logitsPort.Type != DataType.Float32 || logitsPort.Elements < 1 || logitsPort.Shape.Count(d => d != 1) > 1)
            throw Bad($"logits output '{logitsPort.Name}' is {Describe(logitsPort)}; greedy decoding takes float32 [1, vocab] or [vocab]",
                "cast the logits to float32 and keep one row per step");

        var states = new List<StatePorts>();
        foreach (var pair in signature.States)
        {
            int i = Input(pair.Input, "state"), o = Output(pair.Output, "state");
            var (ip, op) = (model.Inputs[i], model.Outputs[o]);
            if (ip.Type != op.Type || ip.Elements != op.Elements)
                throw Bad($"state '{pair.Input}' <- '{pair.Output}': the input is {Describe(ip)} but the output is {Describe(op)}",
                    "a state output must have the type and size of the input it feeds");
            states.Add(new StatePorts(i, o, ip, op));
        }
        var inputsUsed = new[] { token, position }.Concat(states.Select(s => s.InputIndex)).ToList();
        if (inputsUsed.Distinct().Count() != inputsUsed.Count)
            throw Bad("the decoder signature names one input twice (token, position and state inputs must differ)", "fix the --state list");
        var outputsUsed = new[] { logits }.Concat(states.Select(s => s.OutputIndex)).ToList();
        if (outputsUsed.Distinct().Count() != outputsUsed.Count)
            throw Bad("the decoder signature names one output twice (logits and state outputs must differ)", "fix the --state list");
        var unfed = model.Inputs.Where((_, p) => !inputsUsed.Contains(p)).Select(p => $"'{p.Name}'").ToList();
        if (unfed.Count > 0)
            throw Bad($"input(s) {string.Join(", ", unfed)} are neither the token, the position nor a state, so the decoding loop cannot feed them",
                "name them as states (--state IN=OUT) or fix them with --const");
        if (signature.MaxContext < 1)
            throw Bad($"MaxContext is {signature.MaxContext}; it must be at least 1", "set the model's context length");
        return new DecoderPorts(token, position, logits, states, (int)logitsPort.Elements);
    }

    private static int Find(IReadOnlyList<CPort> ports, string name, string role, string kind, GeneratedModel model)
    {
        for (int p = 0; p < ports.Count; p++) if (ports[p].Name == name) return p;
        throw Bad($"the {role} {kind} '{name}' is not an {kind} of model '{model.Name}'",
            $"its {kind}s are: {string.Join(", ", ports.Select(p => $"'{p.Name}'"))}");
    }

    private static void RequireIndexPort(CPort port, string role)
    {
        if (!IndexTypes.Contains(port.Type) || port.Elements != 1)
            throw Bad($"the {role} input '{port.Name}' is {Describe(port)}; the decoding loop feeds int64 [1] (or int32 [1])",
                "export the model with a single int64 token and position per step");
    }

    private static string Describe(CPort p) => $"{p.Type.OnnxName()}[{string.Join("x", p.Shape)}]";

    private static EdgeToolkitException Bad(string problem, string hint) => new(ErrorKind.BadInput, problem, hint: hint);
}
