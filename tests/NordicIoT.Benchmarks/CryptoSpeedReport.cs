using System.Diagnostics;
using System.Security.Cryptography;
using NordicIoT.Device.Ota.Crypto;

namespace NordicIoT.Benchmarks;

/// <summary>The device's SHA-256 and ECDSA P-256 verification timed on this host, its operation counts per verify, and the ESP32 time they imply.</summary>
/// <remarks>
/// The ESP32 figure is a model, not a measurement: IL instructions per verify (operation counts measured here times
/// IL instructions per operation, counted in the Release IL of each method with its loop trips) times the cost of
/// one interpreted IL instruction on nanoFramework. The method and its sources are in the README's crypto section.
/// </remarks>
public static class CryptoSpeedReport
{
    // IL instructions executed per operation, from the Release build's IL (loop bodies times trip counts).
    private const double IlPerMultiply = 2840;       // 64 inner steps of 34 IL, row overhead, NIST reduction ~440
    private const double IlPerSquare = 2300;         // 28 cross products, 8 diagonal steps of 87 IL, reduction
    private const double IlPerAddition = 385;        // 8-limb add or subtract (~235), compare, correction half the time
    private const double IlPerInversion = 300_000;   // binary Euclid: ~358 halvings and ~179 subtractions at 256 bits
    private const double IlPerVerifyFixed = 180_000; // NAF recoding, point-operation calls, key and signature parsing
    private const double IlPerShaBlock = 11_600;     // one 64-byte compression: 16 loads, 48 schedule steps, 64 rounds

    // One interpreted IL instruction on an ESP32 at 240 MHz: 50 to 100 CPU cycles (see the README for the basis).
    private const double CpuHz = 240e6;
    private static readonly double[] CyclesPerIl = [50, 75, 100];

    public static void Run(TextWriter output)
    {
        using var signer = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        ECParameters parameters = signer.ExportParameters(includePrivateParameters: false);
        byte[] publicKey = [0x04, .. parameters.Q.X!, .. parameters.Q.Y!];
        var random = new Random(7);
        var hashes = new byte[64][];
        var signatures = new byte[64][];
        for (int i = 0; i < hashes.Length; i++)
        {
            hashes[i] = new byte[32];
            random.NextBytes(hashes[i]);
            signatures[i] = signer.SignHash(hashes[i]);
        }

        var verifier = new EcdsaP256Verifier();
        var counts = new OperationCounts();
        for (int i = 0; i < hashes.Length; i++)
        {
            verifier.Field.ResetCounts();
            verifier.Scalars.ResetCounts();
            Require(verifier.VerifyHash(publicKey, hashes[i], signatures[i]));
            counts.Add(verifier);
        }

        double ours = MicrosecondsPerCall(i => Require(verifier.VerifyHash(publicKey, hashes[i % hashes.Length], signatures[i % hashes.Length])));
        double dotnet = MicrosecondsPerCall(i => Require(signer.VerifyHash(hashes[i % hashes.Length], signatures[i % hashes.Length])));
        var sha = new Sha256();
        var digest = new byte[Sha256.HashSize];
        double oursSha = ShaMegabytesPerSecond((data, offset, count) => sha.Update(data, offset, count), () => sha.Final(digest, 0));
        using var incremental = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        double dotnetSha = ShaMegabytesPerSecond((data, offset, count) => incremental.AppendData(data, offset, count), () => incremental.GetHashAndReset(digest));

        output.WriteLine();
        output.WriteLine("Device crypto (nanoFramework C#, run here on .NET in Release; processor time, so parallel builds do not skew it)");
        output.WriteLine();
        output.WriteLine("| operation | device code on this host | .NET (native OpenSSL) |");
        output.WriteLine("|---|---:|---:|");
        output.WriteLine($"| ECDSA P-256 verify of a SHA-256 hash | {ours:F0} us | {dotnet:F0} us |");
        output.WriteLine($"| SHA-256, 4 KB fragments | {oursSha:F0} MB/s | {dotnetSha:F0} MB/s |");
        output.WriteLine();
        output.WriteLine($"Field operations per verify (mean of {hashes.Length}): {counts.Multiplications:F0} multiplications, {counts.Squarings:F0} squarings, "
            + $"{counts.Additions:F0} additions/subtractions mod p, {counts.ScalarAdditions:F0} mod n, {counts.Inversions:F1} inversions.");

        double ilPerVerify = counts.Multiplications * IlPerMultiply + counts.Squarings * IlPerSquare
            + (counts.Additions + counts.ScalarAdditions) * IlPerAddition + counts.Inversions * IlPerInversion + IlPerVerifyFixed;
        double ilPerShaByte = IlPerShaBlock / 64;
        output.WriteLine($"Model: {ilPerVerify / 1e6:F1} M IL instructions per verify, {ilPerShaByte:F0} per hashed byte.");
        output.WriteLine();
        output.WriteLine("| ESP32 estimate (240 MHz, interpreted) | verify | SHA-256 |");
        output.WriteLine("|---|---:|---:|");
        foreach (double cycles in CyclesPerIl)
        {
            double secondsPerIl = cycles / CpuHz;
            output.WriteLine($"| {cycles:F0} cycles per IL instruction | {ilPerVerify * secondsPerIl:F1} s | {1 / (ilPerShaByte * secondsPerIl) / 1024:F0} KB/s |");
        }

        output.WriteLine();
    }

    private static void Require(bool valid)
    {
        if (!valid)
        {
            throw new InvalidOperationException("a signature that .NET made did not verify");
        }
    }

    /// <summary>Mean processor time of one call after a warm-up, over at least half a second of it.</summary>
    /// <remarks>Processor time rather than wall time: parallel builds on a shared machine stretch the wall clock.</remarks>
    private static double MicrosecondsPerCall(Action<int> call)
    {
        for (int i = 0; i < 200; i++)
        {
            call(i);
        }

        TimeSpan start = ProcessorTime();
        int calls = 0;
        while (ProcessorTime() - start < TimeSpan.FromSeconds(0.5))
        {
            for (int i = 0; i < 50; i++)
            {
                call(calls++);
            }
        }

        return (ProcessorTime() - start).TotalMicroseconds / calls;
    }

    private static TimeSpan ProcessorTime() => Process.GetCurrentProcess().TotalProcessorTime;

    private delegate void Append(byte[] data, int offset, int count);

    /// <summary>Hashes 1 MiB messages fed in 4 KB fragments, as a download arrives, for at least half a second of processor time.</summary>
    private static double ShaMegabytesPerSecond(Append append, Action finish)
    {
        var data = new byte[1 << 20];
        new Random(3).NextBytes(data);
        const int fragment = 4096;
        append(data, 0, data.Length);
        finish();
        long bytes = 0;
        TimeSpan start = ProcessorTime();
        while (ProcessorTime() - start < TimeSpan.FromSeconds(0.5) || bytes < 4 * data.Length)
        {
            for (int offset = 0; offset < data.Length; offset += fragment)
            {
                append(data, offset, fragment);
            }

            finish();
            bytes += data.Length;
        }

        return bytes / (ProcessorTime() - start).TotalSeconds / 1e6;
    }

    private sealed class OperationCounts
    {
        private int _verifies;

        public double Multiplications { get; private set; }

        public double Squarings { get; private set; }

        public double Additions { get; private set; }

        public double ScalarAdditions { get; private set; }

        public double Inversions { get; private set; }

        public void Add(EcdsaP256Verifier verifier)
        {
            _verifies++;
            Multiplications += (verifier.Field.Multiplications - Multiplications) / _verifies;
            Squarings += (verifier.Field.Squarings - Squarings) / _verifies;
            Additions += (verifier.Field.Additions - Additions) / _verifies;
            ScalarAdditions += (verifier.Scalars.Additions - ScalarAdditions) / _verifies;
            Inversions += (verifier.Field.Inversions + verifier.Scalars.Inversions - Inversions) / _verifies;
        }
    }
}
