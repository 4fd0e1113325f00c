using BenchmarkDotNet.Attributes;
using NordicIoT.Schemas.Cbor;
using NordicIoT.Schemas.Messages;

namespace NordicIoT.Benchmarks;

/// <summary>Encode and decode of a 60-reading temperature batch into caller-provided buffers.</summary>
[MemoryDiagnoser]
public class CodecBenchmarks
{
    public const int ReadingsPerBatch = 60;

    private readonly ReadingBatch _source = SampleData.TemperatureReadings(SampleData.RandomWalkDay(seed: 7)[..ReadingsPerBatch], SampleData.FixTime);
    private readonly ReadingBatch _decoded = new(ReadingsPerBatch, ReadingsPerBatch);
    private readonly CborWriter _writer = new(new byte[1024]);
    private readonly CborReader _reader = new(new byte[1], 0, 1);
    private byte[] _encoded = [];

    [GlobalSetup]
    public void Setup()
    {
        int length = BatchEncoder.Encode(_source, _source.Count, _writer);
        _encoded = _writer.Buffer[..length];
    }

    [Benchmark]
    public int Encode()
    {
        _writer.Reset(_writer.Buffer, 0);
        return BatchEncoder.Encode(_source, _source.Count, _writer);
    }

    [Benchmark]
    public int Decode()
    {
        _reader.Reset(_encoded, 0, _encoded.Length);
        BatchDecoder.Decode(_reader, _decoded);
        return _decoded.Count;
    }
}
