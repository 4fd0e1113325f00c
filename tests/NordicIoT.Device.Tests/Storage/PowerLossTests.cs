using Xunit.Sdk;

namespace NordicIoT.Device.Tests.Storage;

/// <summary>The reading buffer against power cuts and failed writes at random points (see <see cref="Fakes.FlashFake"/> for what a cut does).</summary>
public sealed class PowerLossTests
{
    private const int Trials = 10_000;

    [Fact]
    public void Acknowledged_work_survives_power_loss_at_any_write()
    {
        var seeds = new Random(20_260_311);
        int duringAppend = 0;
        int duringRemove = 0;
        int duringDrop = 0;
        int duringOpen = 0;
        for (int trial = 0; trial < Trials; trial++)
        {
            int seed = seeds.Next();
            var run = new PowerLossTrial(seed);
            try
            {
                run.Run();
            }
            catch (Exception e)
            {
                throw new XunitException($"trial {trial} (new PowerLossTrial({seed}).Run() repeats it), cut during {run.Cut}: {run.CutDetail}{Environment.NewLine}{e}");
            }

            duringAppend += run.Cut == CutDuring.Append ? 1 : 0;
            duringRemove += run.Cut == CutDuring.RemoveThrough ? 1 : 0;
            duringDrop += run.Cut == CutDuring.Append && !run.CutDetail.StartsWith("Append", StringComparison.Ordinal) ? 1 : 0;
            duringOpen += run.CutDuringOpen ? 1 : 0;
        }

        // The cuts must really have landed in each kind of write, or the test proves little.
        Assert.True(duringAppend > Trials / 2, $"{duringAppend} cuts during Append");
        Assert.True(duringRemove > Trials / 20, $"{duringRemove} cuts during RemoveThrough");
        Assert.True(duringDrop > Trials / 50, $"{duringDrop} cuts while a full buffer dropped a segment");
        Assert.True(duringOpen > Trials / 100, $"{duringOpen} cuts during Open's recovery");
    }

    [Fact]
    public void A_failed_write_loses_nothing_acknowledged_and_the_buffer_carries_on()
    {
        var seeds = new Random(27_182_818);
        for (int trial = 0; trial < 2_000; trial++)
        {
            int seed = seeds.Next();
            var run = new PowerLossTrial(seed, powerStaysOn: true);
            try
            {
                run.Run();
            }
            catch (Exception e)
            {
                throw new XunitException($"trial {trial} (new PowerLossTrial({seed}, powerStaysOn: true).Run() repeats it), failed during {run.Cut}: {run.CutDetail}{Environment.NewLine}{e}");
            }
        }
    }
}
