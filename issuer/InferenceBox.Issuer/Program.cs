using InferenceBox.Issuer;

// A configuration fault ends the process with one clear line and exit code 2, not a stack trace.
try
{
    await IssuerApp.Build(args).RunAsync();
    return 0;
}
catch (IssuerConfigurationException e)
{
    await Console.Error.WriteLineAsync($"jwt-issuer cannot start: {e.Message}");
    return 2;
}
