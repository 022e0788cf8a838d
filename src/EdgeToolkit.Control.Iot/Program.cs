using EdgeToolkit.Control.Iot.Cli;

return await IotProgram.RunAsync(args, Console.Out, Console.Error);
