using InferenceBox.Cli;

// `inferencebox`: the platform by hand, without the test runner (README, "The platform by hand").
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
return await CliApp.RunAsync(args, new CliConsole(Console.Out, Console.Error, Environment.GetEnvironmentVariable), cancel.Token);
