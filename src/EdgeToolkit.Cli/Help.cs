namespace EdgeToolkit.Cli;

public static class Help
{
    public static void Print(IEnumerable<ICommand> commands)
    {
        Console.WriteLine("edgetk: prune, quantize and compile small neural networks to C for microcontrollers and to ONNX for phones.");
        Console.WriteLine();
        Console.WriteLine("usage: ./edgetk COMMAND [options]   (./edgetk help COMMAND for its options)");
        Console.WriteLine();
        foreach (var c in commands) Console.WriteLine($"  {c.Name,-12} {c.Summary}");
        Console.WriteLine();
        Console.WriteLine("Every command takes --json: stdout then holds exactly one JSON object; progress goes to stderr.");
        Console.WriteLine("Exit codes: 0 ok, 1 a check failed, 2 bad input or usage, 3 a required tool is missing.");
    }
}
