using NordicIoT.Cli.Errors;

namespace NordicIoT.Cli.Tests.Output;

public sealed class ExitCodesTests
{
    public static TheoryData<Exception, int> Failures => new()
    {
        { new InvalidInputException("x"), ExitCodes.InvalidInput },
        { new ArgumentException("x"), ExitCodes.InvalidInput },
        { new FileNotFoundException("x"), ExitCodes.InvalidInput },
        { new RefusedException("x"), ExitCodes.Refused },
        { new ToolNotFoundException("x"), ExitCodes.ToolMissing },
        { new ToolFailedException("x"), ExitCodes.ToolFailed },
        { new NoConnectionException("x"), ExitCodes.NoConnection },
        { new ServerRefusedException("x"), ExitCodes.ServerRefused },
        { new IOException("disk full"), ExitCodes.FileSystem },
        { new UnauthorizedAccessException("x"), ExitCodes.FileSystem },
        { new OperationCanceledException(), ExitCodes.Cancelled },
        { new NullReferenceException(), ExitCodes.Unexpected },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void Each_kind_of_failure_has_its_own_exit_code(Exception exception, int exitCode)
    {
        Assert.Equal(exitCode, ExitCodes.For(exception));
    }

    [Fact]
    public void Codes_are_distinct()
    {
        int[] codes = [ExitCodes.Ok, ExitCodes.Unexpected, ExitCodes.Usage, ExitCodes.InvalidInput, ExitCodes.Refused, ExitCodes.ToolMissing, ExitCodes.ToolFailed, ExitCodes.NoConnection, ExitCodes.FileSystem, ExitCodes.ServerRefused, ExitCodes.Cancelled];
        Assert.Equal(codes.Length, codes.Distinct().Count());
    }

    [Fact]
    public void Bugs_are_described_with_their_stack_trace_and_expected_failures_with_their_message_only()
    {
        Assert.Equal("no such board", ExitCodes.Describe(new InvalidInputException("no such board")));
        Assert.Contains("NullReferenceException", ExitCodes.Describe(new NullReferenceException()));
    }

    [Fact]
    public async Task No_command_is_a_usage_error_and_help_is_data_on_stdout()
    {
        var none = await CliRun.RunAsync();
        var help = await CliRun.RunAsync("--help");

        Assert.Equal(ExitCodes.Usage, none.ExitCode);
        Assert.Equal(ExitCodes.Ok, help.ExitCode);
        Assert.Contains("provision", help.Output);
        Assert.Contains("sim", help.Output);
        Assert.Contains("flash", help.Output);
    }
}
