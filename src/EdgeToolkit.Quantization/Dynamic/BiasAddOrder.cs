using EdgeToolkit.Graph;

namespace EdgeToolkit.Quantization.Dynamic;

/// <summary>
/// PyTorch exports a Linear layer's bias as Add(bias, x W); ORT's MatMulIntegerToFloatFusion only
/// takes the bias into its int8 GEMM when it is the Add's second input. Add commutes, so putting
/// the constant second changes nothing but the speed.
/// </summary>
internal static class BiasAddOrder
{
    public static void PutBiasSecond(ModelGraph g, IEnumerable<string> products)
    {
        var readers = g.Consumers();
        foreach (var product in products)
        {
            if (!readers.TryGetValue(product, out var r) || r.Count != 1) continue;
            var add = r[0];
            if (add is { OpType: "Add", Domain: "", Inputs.Count: 2 } && add.Fused.Count == 0
                && add.Inputs[1] == product && g.Initializers.ContainsKey(add.Inputs[0]))
                (add.Inputs[0], add.Inputs[1]) = (add.Inputs[1], add.Inputs[0]);
        }
    }
}
