namespace NordicIoT.NanoSubset.Tests
{
    /// <summary>Code nanoFramework runs draws no diagnostics, so the guard does not push people into workarounds.</summary>
    public class AllowedCodeTests
    {
        [Fact]
        public async Task Collections_text_threads_and_bit_conversion_nanoframework_has_pass()
        {
            var diagnostics = await NanoAnalyzerRunner.AnalyzeAsync("""
                using System;
                using System.Collections;
                using System.Text;
                using System.Threading;

                namespace Device
                {
                    public delegate void ReadingHandler(int sensor, double value);

                    public class SensorFailedException : Exception
                    {
                        public SensorFailedException(string message, Exception inner) : base(message, inner)
                        {
                        }
                    }

                    public class Sampler
                    {
                        private readonly ArrayList _pending = new ArrayList();
                        private readonly Hashtable _lastBySensor = new Hashtable();
                        private readonly Queue _outbox = new Queue();
                        private readonly AutoResetEvent _wake = new AutoResetEvent(false);
                        private readonly object _gate = new object();
                        private readonly StringBuilder _line = new();
                        private readonly byte[] _frame = new byte[16];
                        private int _sequence;
                        private Thread _worker;

                        public event ReadingHandler ReadingTaken;

                        public void Start()
                        {
                            _worker = new Thread(Run);
                            _worker.Start();
                        }

                        public string Describe(int sensor, double value)
                        {
                            var text = new StringBuilder(32);
                            text.Append("sensor ").Append(sensor).Append(": ").Append(value.ToString("F2"));
                            _line.Clear();
                            return text.ToString() + _line.Append($" (#{_sequence:D4}, 0x{sensor:X2})");
                        }

                        public int Encode(int sensor, uint value)
                        {
                            var bytes = BitConverter.GetBytes(value);
                            Array.Copy(bytes, 0, _frame, 0, bytes.Length);
                            var head = BitConverter.ToUInt16(_frame, 0);
                            var bits = BitConverter.DoubleToInt64Bits(1.5);
                            return BitConverter.IsLittleEndian ? head + (int)(bits >> 60) : sensor;
                        }

                        public string Classify(int value) => value switch
                        {
                            < 0 => "negative",
                            0 => "zero",
                            _ => "positive",
                        };

                        public string[] Fields(string line) => line.Trim().Split(',', ';');

                        public int Total()
                        {
                            var total = 0;
                            lock (_gate)
                            {
                                foreach (object item in _pending)
                                {
                                    total += (int)item;
                                }

                                foreach (DictionaryEntry entry in _lastBySensor)
                                {
                                    total += (int)entry.Key;
                                }
                            }

                            return total + Math.Abs(-3) + Math.Max(1, 2) + (int)Math.Clamp(5.0, 0.0, 1.0);
                        }

                        public byte[] Utf8(string text)
                        {
                            var bytes = Encoding.UTF8.GetBytes(text);
                            var back = Encoding.UTF8.GetString(bytes, 0, bytes.Length);
                            return back.Length == text.Length ? bytes : new byte[0];
                        }

                        private void Run()
                        {
                            ReadingHandler log = (sensor, value) => _pending.Add(sensor);
                            ReadingTaken += log;
                            var count = Interlocked.Increment(ref _sequence);
                            int Twice(int x) => x * 2 + count;
                            _outbox.Enqueue(Twice(count));
                            _lastBySensor[count] = DateTime.UtcNow;
                            ReadingTaken?.Invoke(count, 1.0);
                            _wake.WaitOne(100, false);
                            Thread.Sleep(Timeout.Infinite);
                        }
                    }
                }
                """);

            Assert.Empty(diagnostics);
        }

        [Fact]
        public async Task Types_declared_in_the_code_itself_or_in_referenced_projects_are_not_checked_against_the_allowlist()
        {
            var library = NanoAnalyzerRunner.Compile("NordicIoT.SharedLibrary", """
                namespace Shared
                {
                    public class Codec
                    {
                        public string Join(string[] parts) => parts.Length.ToString();
                    }
                }
                """);

            var diagnostics = await NanoAnalyzerRunner.AnalyzeAsync(
                """
                using Shared;

                namespace Device
                {
                    public class Uplink
                    {
                        private readonly Codec _codec = new Codec();
                        private string Local(string[] parts) => parts[0];
                        public string Send(string[] parts) => _codec.Join(parts) + Local(parts);
                    }
                }
                """,
                library.ToMetadataReference());

            Assert.Empty(diagnostics);
        }
    }
}
