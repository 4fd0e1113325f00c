namespace NordicIoT.NanoSubset.Tests
{
    /// <summary>Each C# construct nanoFramework 1.x cannot compile or run draws its own NANO id.</summary>
    public class RejectedCodeTests
    {
        [Fact]
        public async Task List_of_int_is_rejected_as_generic_and_the_message_names_the_alternative()
        {
            var diagnostics = await NanoAnalyzerRunner.AssertOnlyAsync("NANO002", """
                class Readings
                {
                    void Collect()
                    {
                        System.Collections.Generic.List<int> values = new System.Collections.Generic.List<int>();
                        values.Add(1);
                    }
                }
                """);

            Assert.Equal(2, diagnostics.Length);
            Assert.Equal(
                "'List<int>' is generic; nanoFramework 1.x has no generics: use ArrayList or an array",
                diagnostics[0].GetMessage());
            Assert.Equal("List<int>", diagnostics[0].Location.SourceTree!.GetText().ToString(diagnostics[0].Location.SourceSpan));
        }

        [Fact]
        public async Task A_volatile_field_is_rejected_because_nano_mscorlib_lacks_IsVolatile()
        {
            var diagnostics = await NanoAnalyzerRunner.AssertOnlyAsync("NANO018", """
                class Loop
                {
                    private volatile bool _stopping;
                    bool Stopping() => _stopping;
                }
                """);

            Assert.Single(diagnostics);
        }

        [Fact]
        public async Task Linq_method_calls_and_the_using_are_rejected()
        {
            var diagnostics = await NanoAnalyzerRunner.AssertOnlyAsync("NANO006", """
                using System.Linq;

                class Filter
                {
                    int[] Positive(int[] values) => values.Where(v => v > 0).ToArray();
                }
                """);

            Assert.Equal(3, diagnostics.Length);
        }

        [Fact]
        public async Task Linq_query_syntax_is_rejected()
        {
            await NanoAnalyzerRunner.AssertOnlyAsync("NANO006", """
                using System.Linq;

                class Filter
                {
                    object Positive(int[] values) => from v in values where v > 0 select v;
                }
                """);
        }

        [Fact]
        public async Task Async_await_and_task_are_rejected()
        {
            var diagnostics = await NanoAnalyzerRunner.AssertOnlyAsync("NANO007", """
                class Poller
                {
                    async void Poll()
                    {
                        await System.Threading.Tasks.Task.Delay(10);
                    }
                }
                """);

            Assert.Contains(diagnostics, d => d.GetMessage().StartsWith("'async'", StringComparison.Ordinal));
            Assert.Contains(diagnostics, d => d.GetMessage().Contains("Task.Delay", StringComparison.Ordinal));
        }

        [Fact]
        public async Task Generic_type_and_method_declarations_are_rejected()
        {
            var diagnostics = await NanoAnalyzerRunner.AssertOnlyAsync("NANO001", """
                class Box<T>
                {
                    T _value;
                    TOut Map<TOut>(TOut fallback) => fallback;
                }
                """);

            Assert.Equal(2, diagnostics.Length);
            Assert.StartsWith("'Box<T>' declares type parameters", diagnostics[0].GetMessage(), StringComparison.Ordinal);
        }

        [Fact]
        public async Task Dictionary_is_rejected_with_hashtable_as_the_alternative()
        {
            var diagnostics = await NanoAnalyzerRunner.AssertOnlyAsync("NANO002", """
                class Registry
                {
                    readonly System.Collections.Generic.Dictionary<string, System.Collections.Generic.List<int>> _byName =
                        new System.Collections.Generic.Dictionary<string, System.Collections.Generic.List<int>>();

                    int Count => _byName.Count;
                }
                """);

            Assert.Equal(2, diagnostics.Length);
            Assert.EndsWith("use Hashtable", diagnostics[0].GetMessage(), StringComparison.Ordinal);
        }

        [Fact]
        public async Task Generic_delegates_and_generic_method_calls_are_rejected()
        {
            await NanoAnalyzerRunner.AssertOnlyAsync("NANO002", """
                class Hooks
                {
                    System.Action<int> OnValue;
                    System.Func<int> Read;
                    public event System.EventHandler<System.EventArgs> Changed;
                    int[] Empty() => System.Array.Empty<int>();
                }
                """);
        }

        [Fact]
        public async Task Nullable_int_is_rejected_including_the_one_conditional_access_produces()
        {
            var diagnostics = await NanoAnalyzerRunner.AssertOnlyAsync("NANO003", """
                class Reading
                {
                    int? _lastValue;
                    System.Nullable<long> _since;
                    object Length(string text) => text?.Length;
                }
                """);

            Assert.Equal(3, diagnostics.Length);
        }

        [Fact]
        public async Task Tuples_are_rejected_including_switching_on_a_tuple()
        {
            await NanoAnalyzerRunner.AssertOnlyAsync("NANO005", """
                class Pair
                {
                    (int Low, int High) Split(int value) => (value & 0xFF, value >> 8);

                    string Classify(int a, int b) => (a, b) switch
                    {
                        (0, 0) => "none",
                        _ => "some",
                    };

                    void Swap(ref int a, ref int b) => (a, b) = (b, a);
                }
                """);
        }

        [Fact]
        public async Task Records_are_rejected()
        {
            var diagnostics = await NanoAnalyzerRunner.AssertOnlyAsync("NANO008", "record Sample(int Value);");

            Assert.Single(diagnostics);
        }

        [Fact]
        public async Task Decimal_keyword_literals_and_type_are_rejected()
        {
            var diagnostics = await NanoAnalyzerRunner.AssertOnlyAsync("NANO009", """
                class Money
                {
                    decimal _amount = 1.5m;
                    System.Decimal _other;
                }
                """);

            Assert.Equal(3, diagnostics.Length);
        }

        [Fact]
        public async Task String_join_is_rejected_with_stringbuilder_as_the_alternative()
        {
            var diagnostics = await NanoAnalyzerRunner.AssertOnlyAsync("NANO016", """
                class Csv
                {
                    string Line(string[] cells) => string.Join(",", cells);
                }
                """);

            var message = Assert.Single(diagnostics).GetMessage();
            Assert.StartsWith("'string.Join(string, params string[])' is not in nanoFramework's API", message, StringComparison.Ordinal);
            Assert.EndsWith("append the parts to a StringBuilder", message, StringComparison.Ordinal);
        }

        [Fact]
        public async Task Enum_get_values_is_rejected()
        {
            var diagnostics = await NanoAnalyzerRunner.AssertOnlyAsync("NANO016", """
                enum Mode { Idle, Active }

                class Modes
                {
                    System.Array All() => System.Enum.GetValues(typeof(Mode));
                }
                """);

            Assert.Contains("Enum.GetValues(Type)", Assert.Single(diagnostics).GetMessage(), StringComparison.Ordinal);
        }

        [Fact]
        public async Task Span_memory_and_stackalloc_are_rejected()
        {
            await NanoAnalyzerRunner.AssertOnlyAsync("NANO004", """
                class Frames
                {
                    int Sum(System.ReadOnlySpan<byte> data) => data.Length;

                    int Scratch()
                    {
                        System.Span<byte> buffer = stackalloc byte[8];
                        System.Memory<byte> memory = new byte[4];
                        return buffer.Length + memory.Length;
                    }

                    int Chars(string text) => System.MemoryExtensions.AsSpan(text).Length;
                }
                """);
        }

        [Fact]
        public async Task Dynamic_is_rejected()
        {
            await NanoAnalyzerRunner.AssertOnlyAsync("NANO010", """
                class Loose
                {
                    object Read(dynamic value) => value;
                }
                """);
        }

        [Fact]
        public async Task Foreach_over_a_generic_sequence_is_rejected_even_without_a_generic_name_in_sight()
        {
            var diagnostics = await NanoAnalyzerRunner.AnalyzeAsync("""
                class Walker
                {
                    static System.Collections.Generic.IEnumerable<int> Source() => new int[0];

                    int Total()
                    {
                        var total = 0;
                        foreach (var value in Source())
                        {
                            total += value;
                        }

                        return total;
                    }
                }
                """);

            Assert.Equal(new[] { "NANO002", "NANO011" }, diagnostics.Select(d => d.Id).ToArray());
        }

        [Fact]
        public async Task Iterators_are_rejected_once_each_even_for_non_generic_ienumerable()
        {
            var diagnostics = await NanoAnalyzerRunner.AssertOnlyAsync("NANO012", """
                class Sequence
                {
                    System.Collections.IEnumerable Numbers()
                    {
                        yield return 1;
                        yield return 2;
                        yield break;
                    }
                }
                """);

            Assert.Contains("'Numbers' is an iterator", Assert.Single(diagnostics).GetMessage(), StringComparison.Ordinal);
        }

        [Fact]
        public async Task Default_and_static_interface_members_are_rejected()
        {
            var diagnostics = await NanoAnalyzerRunner.AssertOnlyAsync("NANO013", """
                interface ISensor
                {
                    int Read();
                    int ReadTwice() => Read() + Read();
                    static int Zero => 0;
                }
                """);

            Assert.Equal(2, diagnostics.Length);
        }

        [Fact]
        public async Task Ref_structs_are_rejected()
        {
            await NanoAnalyzerRunner.AssertOnlyAsync("NANO014", "ref struct Cursor { public int Offset; }");
        }

        [Fact]
        public async Task Multidimensional_arrays_are_rejected_but_jagged_ones_are_not()
        {
            var diagnostics = await NanoAnalyzerRunner.AssertOnlyAsync("NANO015", """
                class Grid
                {
                    int[,] _cells = new int[2, 3];
                    int[][] _rows = new int[2][];
                }
                """);

            Assert.Equal(2, diagnostics.Length);
        }

        [Fact]
        public async Task Custom_numeric_formats_are_rejected_in_to_string_and_interpolation()
        {
            var diagnostics = await NanoAnalyzerRunner.AssertOnlyAsync("NANO017", """
                class Display
                {
                    string Temperature(double celsius) => celsius.ToString("0.00");
                    string Line(int count) => $"{count:#,##0} readings, {count:X4} hex";
                }
                """);

            Assert.Equal(new[] { "0.00", "#,##0" }, diagnostics.Select(d => d.GetMessage().Split('"')[1]).ToArray());
        }

        [Fact]
        public async Task Index_from_end_is_rejected_because_system_index_is_missing()
        {
            var diagnostics = await NanoAnalyzerRunner.AssertOnlyAsync("NANO016", """
                class Last
                {
                    byte Of(byte[] data) => data[^1];
                }
                """);

            Assert.StartsWith("'Index'", Assert.Single(diagnostics).GetMessage(), StringComparison.Ordinal);
        }

        [Fact]
        public async Task Using_a_namespace_nanoframework_lacks_is_rejected()
        {
            var diagnostics = await NanoAnalyzerRunner.AssertOnlyAsync("NANO016", """
                using System.Collections.Generic;

                class Nothing
                {
                }
                """);

            Assert.EndsWith(
                "use ArrayList, Hashtable, Queue or Stack from System.Collections",
                Assert.Single(diagnostics).GetMessage(),
                StringComparison.Ordinal);
        }
    }
}
