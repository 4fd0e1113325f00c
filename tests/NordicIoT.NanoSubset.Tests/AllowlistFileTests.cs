using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace NordicIoT.NanoSubset.Tests
{
    /// <summary>The analyzer refuses to pass code when it has no usable allowlist, instead of silently checking nothing.</summary>
    public class AllowlistFileTests
    {
        private const string AnyCode = "class Empty { }";

        [Fact]
        public async Task A_missing_allowlist_is_an_error()
        {
            var diagnostics = await NanoAnalyzerRunner.AnalyzeAsync(AnyCode, ImmutableArray<AdditionalText>.Empty);

            var error = Assert.Single(diagnostics);
            Assert.Equal("NANO000", error.Id);
            Assert.Contains("nanoframework-api.txt is not among the AdditionalFiles", error.GetMessage(), StringComparison.Ordinal);
        }

        [Fact]
        public async Task A_malformed_line_is_an_error_naming_the_line()
        {
            var broken = new NanoAnalyzerRunner.InMemoryFile("/x/nanoframework-api.txt", "# header\nT:System.Object\nSystem.String.Join\n");

            var diagnostics = await NanoAnalyzerRunner.AnalyzeAsync(AnyCode, ImmutableArray.Create<AdditionalText>(broken));

            var error = Assert.Single(diagnostics);
            Assert.Equal("NANO000", error.Id);
            Assert.Contains("line 3: 'System.String.Join'", error.GetMessage(), StringComparison.Ordinal);
        }

        [Fact]
        public void The_committed_allowlist_says_what_it_lists_and_from_which_package_versions()
        {
            var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "nanoframework-api.txt"));
            var header = string.Join("\n", lines.TakeWhile(l => l.StartsWith('#')));

            foreach (var package in new[] { "nanoFramework.CoreLibrary 1.17.11", "nanoFramework.System.Collections", "nanoFramework.System.Text", "nanoFramework.System.Threading", "nanoFramework.Runtime.Native", "nanoFramework.System.Math" })
            {
                Assert.Contains(package, header, StringComparison.Ordinal);
            }

            Assert.Contains("M:System.String.Split(System.Char[])", lines);
            Assert.DoesNotContain(lines, l => l.StartsWith("M:System.String.Join", StringComparison.Ordinal));
        }
    }
}
