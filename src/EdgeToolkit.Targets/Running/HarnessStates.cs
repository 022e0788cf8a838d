using System.Text;
using EdgeToolkit.CodeGen;
using EdgeToolkit.Graph;

namespace EdgeToolkit.Targets.Running;

/// <summary>
/// The harness's recurrent state buffers: one RAM buffer per state input, set from case 0's value
/// (INIT_STATE) and overwritten with the paired output after each case (CARRY_STATE). The copy
/// comes after the timed call, the stack-measuring call and the host timing loop, so every repeat
/// of a case sees the same state and the figures stay per chunk.
/// </summary>
internal sealed class HarnessStates
{
    private readonly GeneratedModel _model;
    private readonly Dictionary<int, int> _outputOfInput = new();

    public HarnessStates(GeneratedModel model, IReadOnlyList<StatePair> pairs)
    {
        _model = model;
        foreach (var pair in pairs)
            _outputOfInput[IndexOf(model.Inputs, pair.Input)] = IndexOf(model.Outputs, pair.Output);
    }

    public bool IsState(int input) => _outputOfInput.ContainsKey(input);

    public void WriteBuffers(StringBuilder c)
    {
        var init = new List<string>();
        var carry = new List<string>();
        foreach (var (input, output) in _outputOfInput.OrderBy(kv => kv.Key))
        {
            var port = _model.Inputs[input];
            c.AppendLine($"static {port.Type.CType()} state{input}[{Math.Max(1, port.Elements)}]; /* {port.Name}, carried from {_model.Outputs[output].Name} */");
            init.Add($"memcpy(state{input}, in{input}_initial, sizeof state{input});");
            carry.Add($"memcpy(state{input}, out{output}, sizeof state{input});");
        }
        c.AppendLine($"#define INIT_STATE() do {{ {string.Join(" ", init)} }} while (0)");
        c.AppendLine($"#define CARRY_STATE() do {{ {string.Join(" ", carry)} }} while (0)\n");
    }

    private static int IndexOf(IReadOnlyList<CPort> ports, string name)
    {
        for (int i = 0; i < ports.Count; i++) if (ports[i].Name == name) return i;
        throw new InvalidOperationException($"port '{name}' was checked but is missing");
    }
}
