namespace InferenceBox.Cli.Tests;

public sealed class HelpAndBadInputTests
{
    public static TheoryData<string> Commands => new(Cli.Commands);

    [Fact]
    public async Task The_root_help_lists_every_command_with_what_it_does()
    {
        var result = await Cli.RunAsync("--help");

        result.ExitCode.Should().Be(CliApp.Ok);
        result.Error.Should().BeEmpty();
        var listed = result.OutputLines.SkipWhile(l => l != "Commands:").Skip(1)
            .Select(l => l.Trim().Split(' ', 2)).Where(parts => parts.Length == 2 && parts[1].Trim().Length > 0).Select(parts => parts[0]);
        listed.Should().Equal(Cli.Commands);
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task Each_command_prints_its_own_help_and_does_nothing_else(string command)
    {
        // A bad setting beside --help: help is printed before any setting is read, so nothing runs (down deletes nothing).
        var result = await Cli.RunAsync(new Dictionary<string, string> { ["INFERENCEBOX_TIMEOUT_SCALE"] = "abc" }, command, "--help");

        result.ExitCode.Should().Be(CliApp.Ok);
        result.Error.Should().BeEmpty();
        result.OutputLines.Should().Contain($"  inferencebox {command} [options]");
        result.Output.Should().NotContain("[plan   ]", "help runs no command");
    }

    [Theory]
    [InlineData("frob", "unknown command or option 'frob'.")]
    [InlineData("plan --frob", "unknown command or option '--frob'.")]
    [InlineData("status extra", "unknown command or option 'extra'.")]
    public async Task An_unknown_command_or_option_gets_one_line_and_exit_code_2(string args, string expected)
    {
        var result = await Cli.RunAsync(args.Split(' '));

        result.ExitCode.Should().Be(CliApp.BadInput);
        result.Output.Should().BeEmpty();
        result.ErrorLines.Should().ContainSingle().Which.Should()
            .Be($"inferencebox: {expected} Run 'inferencebox --help' for the commands and their options.");
    }

    [Fact]
    public async Task No_command_gets_one_line_and_exit_code_2()
    {
        var result = await Cli.RunAsync();

        result.ExitCode.Should().Be(CliApp.BadInput);
        result.ErrorLines.Should().ContainSingle().Which.Should().StartWith("inferencebox: ").And.EndWith("Run 'inferencebox --help' for the commands and their options.");
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task A_bad_setting_stops_every_command_before_it_acts_with_one_line_naming_it(string command)
    {
        var result = await Cli.RunAsync(new Dictionary<string, string> { ["INFERENCEBOX_TIMEOUT_SCALE"] = "abc" }, command);

        result.ExitCode.Should().Be(CliApp.BadInput);
        result.Output.Should().BeEmpty("nothing ran");
        result.ErrorLines.Should().ContainSingle().Which.Should().Be(
            "inferencebox: Invalid setting INFERENCEBOX_TIMEOUT_SCALE=\"abc\": allowed values are a number from 0.1 to 20. " +
            "Fix or unset INFERENCEBOX_TIMEOUT_SCALE and run again.");
    }
}
