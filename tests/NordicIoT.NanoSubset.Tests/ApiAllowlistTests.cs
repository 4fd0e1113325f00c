namespace NordicIoT.NanoSubset.Tests
{
    /// <summary>Members are matched by signature: an overload nanoFramework lacks is rejected even when a sibling exists.</summary>
    public class ApiAllowlistTests
    {
        [Fact]
        public async Task Split_on_a_char_passes_but_split_on_a_string_is_rejected()
        {
            var diagnostics = await NanoAnalyzerRunner.AnalyzeAsync("""
                class Parser
                {
                    string[] ByChar(string line) => line.Split(',');
                    string[] ByString(string line) => line.Split(", ");
                }
                """);

            var rejected = Assert.Single(diagnostics);
            Assert.Equal("NANO016", rejected.Id);
            Assert.Contains("Split(string, StringSplitOptions)", rejected.GetMessage(), StringComparison.Ordinal);
        }

        [Fact]
        public async Task Math_abs_passes_but_clamp_on_int_is_rejected()
        {
            var diagnostics = await NanoAnalyzerRunner.AnalyzeAsync("""
                class Limits
                {
                    int Magnitude(int value) => System.Math.Abs(value);
                    int Bounded(int value) => System.Math.Clamp(value, 0, 100);
                }
                """);

            var rejected = Assert.Single(diagnostics);
            Assert.Equal("NANO016", rejected.Id);
            Assert.Contains("Math.Clamp(int, int, int)", rejected.GetMessage(), StringComparison.Ordinal);
        }

        [Fact]
        public async Task An_overload_that_would_silently_convert_the_arguments_does_not_count()
        {
            // nanoFramework has Math.Max(int, int), (float, float) and (double, double): Max(long, long) would bind the
            // float one there and lose precision, so it is rejected instead of accepted through the conversion.
            var diagnostics = await NanoAnalyzerRunner.AnalyzeAsync("""
                class Limits
                {
                    long Larger(long a, long b) => System.Math.Max(a, b);
                }
                """);

            Assert.Equal("NANO016", Assert.Single(diagnostics).Id);
        }

        [Fact]
        public async Task Get_string_needs_index_and_count_on_nanoframework()
        {
            var diagnostics = await NanoAnalyzerRunner.AnalyzeAsync("""
                class Text
                {
                    string Whole(byte[] data) => System.Text.Encoding.UTF8.GetString(data);
                    string Part(byte[] data) => System.Text.Encoding.UTF8.GetString(data, 0, data.Length);
                }
                """);

            var rejected = Assert.Single(diagnostics);
            Assert.EndsWith("use GetString(bytes, index, count)", rejected.GetMessage(), StringComparison.Ordinal);
        }

        [Fact]
        public async Task Types_nanoframework_lacks_are_reported_once_where_they_are_named()
        {
            var diagnostics = await NanoAnalyzerRunner.AssertOnlyAsync("NANO016", """
                class Timing
                {
                    long Measure()
                    {
                        var watch = System.Diagnostics.Stopwatch.StartNew();
                        return watch.ElapsedMilliseconds;
                    }
                }
                """);

            Assert.StartsWith("'Stopwatch'", Assert.Single(diagnostics).GetMessage(), StringComparison.Ordinal);
        }

        [Fact]
        public async Task Members_nanoframework_lacks_on_types_it_has_are_rejected()
        {
            var diagnostics = await NanoAnalyzerRunner.AssertOnlyAsync("NANO016", """
                class Checks
                {
                    bool Blank(string text) => string.IsNullOrWhiteSpace(text);
                    bool HasComma(string text) => text.Contains(',');
                    bool Known(System.Collections.Hashtable table, object key) => table.ContainsKey(key);
                }
                """);

            Assert.Equal(3, diagnostics.Length);
        }

        [Fact]
        public async Task Operators_of_dotnet_types_are_checked_like_methods()
        {
            var diagnostics = await NanoAnalyzerRunner.AnalyzeAsync("""
                class Clock
                {
                    System.TimeSpan Since(System.DateTime start) => System.DateTime.UtcNow - start;
                    System.TimeSpan Twice(System.TimeSpan span) => span * 2.0;
                }
                """);

            var rejected = Assert.Single(diagnostics);
            Assert.Equal("NANO016", rejected.Id);
            Assert.Contains("TimeSpan.operator *(TimeSpan, double)", rejected.GetMessage(), StringComparison.Ordinal);
        }

        [Fact]
        public async Task Indexers_match_by_signature_whatever_the_library_calls_them()
        {
            // .NET names the StringBuilder indexer Chars, nanoFramework names it Item: both are sb[i] in C#.
            var diagnostics = await NanoAnalyzerRunner.AnalyzeAsync("""
                class Scan
                {
                    char First(System.Text.StringBuilder text, string other) => text[0] == other[0] ? text[0] : other[1];
                }
                """);

            Assert.Empty(diagnostics);
        }
    }
}
