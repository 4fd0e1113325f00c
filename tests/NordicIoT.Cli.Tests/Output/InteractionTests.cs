using NordicIoT.Cli.Output;

namespace NordicIoT.Cli.Tests.Output;

public sealed class InteractionTests
{
    [Theory]
    [InlineData(false, null, null, true)]
    [InlineData(false, "", "", true)]
    [InlineData(true, null, null, false)]
    [InlineData(false, "true", null, false)]
    [InlineData(false, null, "1", false)]
    public void Colour_and_in_place_progress_only_on_a_terminal_outside_ci_and_without_no_color(bool redirected, string? ci, string? noColor, bool interactive)
    {
        Assert.Equal(interactive, Interaction.IsInteractiveTerminal(redirected, ci, noColor));
    }

    [Fact]
    public void On_a_terminal_progress_is_rewritten_in_place_and_warnings_are_coloured()
    {
        var (ui, output, error) = Create(interactive: true);

        ui.Progress("one");
        ui.Progress("two");
        ui.Warning("careful");
        ui.Data("result");

        Assert.Equal("\r\u001b[2Kone\r\u001b[2Ktwo\n\u001b[33mwarning: careful\u001b[0m\n", error.ToString());
        Assert.Equal("result\n", output.ToString());
    }

    [Fact]
    public void Redirected_progress_is_plain_lines_and_data_goes_to_stdout_only()
    {
        var (ui, output, error) = Create(interactive: false);

        ui.Progress("one");
        ui.Progress("two");
        ui.Warning("careful");
        ui.Failure("broken");
        ui.Data("result");

        Assert.Equal("one\ntwo\nwarning: careful\nerror: broken\n", error.ToString());
        Assert.Equal("result\n", output.ToString());
    }

    private static (Interaction Ui, StringWriter Output, StringWriter Error) Create(bool interactive)
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        return (new Interaction(output, error, interactive), output, error);
    }
}
