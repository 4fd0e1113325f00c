using NordicIoT.Device.Storage;
using NordicIoT.Device.Tests.Fakes;
using NordicIoT.Schemas.Messages;

namespace NordicIoT.Device.Tests.Storage;

/// <summary>Where one trial's power cut landed.</summary>
public enum CutDuring
{
    Append,
    RemoveThrough,
}

/// <summary>
/// One power-loss trial: random appends, reads and removals against a model until the flash loses power at a chosen
/// write, then a reboot (sometimes with a second cut inside Open's own recovery), a check of what survived, and more
/// work to show the buffer still runs. With <paramref name="powerStaysOn"/> the write only fails and the same buffer
/// instance carries on, repairing itself on its next call.
/// </summary>
public sealed class PowerLossTrial(int seed, bool powerStaysOn = false)
{
    private static readonly int[] Capacities = [ReadingBuffer.MinCapacityBytes, 1536, 2048];

    private readonly Random _random = new(seed);
    private readonly FlashFake _flash = new();
    private readonly List<(long Sequence, Reading Reading)> _kept = [];
    private readonly ReadingBatch _batch = new(8, 8 * SensorKind.MaxDimensions);
    private int _capacity;
    private int _removeWeight;
    private ReadingBuffer _buffer = null!;
    private long _next;
    private long _dropped;
    private Reading? _pendingAppend;
    private long? _pendingRemove;

    /// <summary>What the power cut interrupted.</summary>
    public CutDuring Cut { get; private set; }

    /// <summary>True when a second cut landed inside Open's recovery.</summary>
    public bool CutDuringOpen { get; private set; }

    /// <summary>What the fake flash did at the cut.</summary>
    public string CutDetail => _flash.LastCut;

    public void Run()
    {
        _capacity = Capacities[_random.Next(Capacities.Length)];

        // How well the uplink keeps up: often enough that the buffer never fills, or so rarely that it drops.
        _removeWeight = new[] { 0, 1, 5 }[_random.Next(3)];
        _buffer = OpenBuffer();
        if (powerStaysOn)
        {
            _flash.FailWriteAt(_random.Next(1, 250), _random);
        }
        else
        {
            _flash.CutPowerAtWrite(_random.Next(1, 250), _random);
        }

        try
        {
            while (true)
            {
                Step();
            }
        }
        catch (Exception e) when (e is PowerLossException or IOException)
        {
            Cut = _pendingAppend != null ? CutDuring.Append : CutDuring.RemoveThrough;
        }

        if (powerStaysOn)
        {
            // Reading nothing is still a call: it lets the buffer repair itself before the properties are checked.
            Assert.Equal(0, _buffer.Read(0, _batch, 0));
        }
        else
        {
            _flash.Reboot();
            if (_random.Next(3) == 0)
            {
                CutDuringOpen = TryOpenWithCut();
            }

            _buffer = OpenBuffer();
        }

        CheckWhatSurvived();

        for (int i = 0; i < 30; i++)
        {
            Step();
        }

        Assert.Equal(Expected(), Reading.ReadAll(_buffer));
        Assert.Equal(Expected(), Reading.ReadAll(OpenBuffer()));
    }

    private ReadingBuffer OpenBuffer()
    {
        var buffer = new ReadingBuffer(_flash, _capacity);
        buffer.Open();
        return buffer;
    }

    // Open's recovery writes (cutting torn tails, deleting removed segments) can themselves be interrupted.
    private bool TryOpenWithCut()
    {
        long writes = _flash.Writes;
        _flash.CutPowerAtWrite(_random.Next(1, 4), _random);
        try
        {
            OpenBuffer();
            return false;
        }
        catch (PowerLossException)
        {
            Assert.True(_flash.Writes > writes);
            _flash.Reboot();
            return true;
        }
        finally
        {
            _flash.Disarm();
        }
    }

    private void Step()
    {
        int choice = _random.Next(20);
        if (choice < 13)
        {
            Append();
        }
        else if (choice < 13 + _removeWeight && _next > 0)
        {
            Remove();
        }
        else
        {
            Read();
        }
    }

    private void Append()
    {
        Reading reading = Reading.Random(_random);
        int fillBefore = _buffer.FillPercent;
        _pendingAppend = reading;
        reading.AppendTo(_buffer);
        _pendingAppend = null;

        Assert.Equal(_next + 1, _buffer.NextSequence);
        _kept.Add((_next, reading));
        _next++;
        int gone = _kept.RemoveAll(held => held.Sequence < _buffer.FirstSequence);
        Assert.Equal(_dropped + gone, _buffer.Dropped);
        Assert.True(gone == 0 || fillBefore >= 85, $"dropped {gone} readings when only {fillBefore}% full");
        _dropped = _buffer.Dropped;
        Assert.Equal(_kept.Count, _buffer.Count);
        AssertWithinCapacity();
    }

    private void Remove()
    {
        long through = _buffer.FirstSequence + _random.Next(-3, _buffer.Count);
        _pendingRemove = through;
        _buffer.RemoveThrough(through);
        _pendingRemove = null;

        _kept.RemoveAll(held => held.Sequence <= through);
        Assert.Equal(_dropped, _buffer.Dropped);
        Assert.Equal(_kept.Count, _buffer.Count);
        Assert.Equal(FirstInModel(), _buffer.FirstSequence);
    }

    private void Read()
    {
        long from = FirstInModel() + _random.Next(-2, _kept.Count + 2);
        _batch.Clear();
        int read = _buffer.Read(from, _batch, _random.Next(1, 12));

        long start = Math.Max(from, FirstInModel());
        int skip = (int)Math.Min(start - FirstInModel(), _kept.Count);
        Assert.Equal(_kept.Skip(skip).Take(read).Select(Text), Reading.Texts(_batch, start));
        Assert.True(read > 0 || start >= _next, $"read nothing from {start} though readings up to {_next - 1} are held");
    }

    private void CheckWhatSurvived()
    {
        long first = _buffer.FirstSequence;
        long next = _buffer.NextSequence;
        List<string> held = Reading.ReadAll(_buffer);
        Assert.Equal(next - first, held.Count);
        Assert.Equal(_buffer.Count, held.Count);

        if (_pendingAppend != null)
        {
            // The interrupted reading is wholly there or wholly gone; readings before it may have been dropped
            // (the append makes room first), and then they are counted.
            Assert.InRange(next, _next, _next + 1);
            if (next == _next + 1)
            {
                _kept.Add((_next, _pendingAppend));
                _next++;
            }

            Assert.True(first >= FirstInModel(), $"removed readings came back: first {first}, expected at least {FirstInModel()}");
            int gone = _kept.RemoveAll(kept => kept.Sequence < first);
            Assert.Equal(_dropped + gone, _buffer.Dropped);
        }
        else
        {
            // An interrupted removal removed all it was asked to or nothing, and dropped nothing.
            long through = _pendingRemove!.Value;
            Assert.Equal(_next, next);
            Assert.Equal(_dropped, _buffer.Dropped);
            if (first != FirstInModel())
            {
                Assert.Equal(through + 1, first);
                _kept.RemoveAll(kept => kept.Sequence <= through);
            }
        }

        Assert.Equal(Expected(), held);
        _dropped = _buffer.Dropped;
        _pendingAppend = null;
        _pendingRemove = null;
        AssertWithinCapacity();
    }

    private void AssertWithinCapacity()
    {
        long segmentBytes = _flash.BytesOf("rb-") - _flash.BytesOf("rb-head");
        Assert.True(segmentBytes <= _capacity, $"segments take {segmentBytes} bytes of a {_capacity}-byte buffer");
    }

    private long FirstInModel() => _kept.Count > 0 ? _kept[0].Sequence : _next;

    private List<string> Expected() => _kept.Select(Text).ToList();

    private static string Text((long Sequence, Reading Reading) held) => held.Sequence + ":" + held.Reading;
}
