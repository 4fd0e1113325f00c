using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using NordicIoT.NanoSubset;

namespace NordicIoT.NanoSubset.Tests
{
    /// <summary>Compiles C# 9 source against the running .NET and returns what the NanoSubset analyzer reports on it.</summary>
    internal static class NanoAnalyzerRunner
    {
        private static readonly Lazy<ImmutableArray<MetadataReference>> DotNet = new(LoadDotNetReferences);

        public static AdditionalText Allowlist { get; } = new InMemoryFile(
            Path.Combine(AppContext.BaseDirectory, "nanoframework-api.txt"),
            File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "nanoframework-api.txt")));

        public static Task<ImmutableArray<Diagnostic>> AnalyzeAsync(string source, params MetadataReference[] references)
        {
            return AnalyzeAsync(source, ImmutableArray.Create(Allowlist), references);
        }

        public static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(
            string source, ImmutableArray<AdditionalText> additionalFiles, params MetadataReference[] references)
        {
            var compilation = Compile("NanoSubsetUnderTest", source, references);
            var analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(new NanoSubsetAnalyzer());
            var options = new CompilationWithAnalyzersOptions(
                new AnalyzerOptions(additionalFiles),
                onAnalyzerException: (exception, _, _) => throw new InvalidOperationException("The analyzer threw", exception),
                concurrentAnalysis: false,
                logAnalyzerExecutionTime: false);
            var diagnostics = await compilation.WithAnalyzers(analyzers, options).GetAnalyzerDiagnosticsAsync();
            return diagnostics.OrderBy(d => d.Location.SourceSpan.Start).ToImmutableArray();
        }

        /// <summary>Analyzes the source and asserts it draws diagnostics, all with the given id; returns them.</summary>
        public static async Task<ImmutableArray<Diagnostic>> AssertOnlyAsync(string id, string source)
        {
            var diagnostics = await AnalyzeAsync(source);
            Assert.True(diagnostics.Length > 0, $"Expected {id}, got no diagnostics");
            Assert.True(diagnostics.All(d => d.Id == id), $"Expected only {id}, got:\n" + string.Join("\n", diagnostics));
            return diagnostics;
        }

        /// <summary>A compilation of valid C# 9 (it fails the test if the source itself does not compile).</summary>
        public static CSharpCompilation Compile(string assemblyName, string source, params MetadataReference[] references)
        {
            var tree = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.CSharp9), path: assemblyName + ".cs");
            var compilation = CSharpCompilation.Create(
                assemblyName,
                new[] { tree },
                DotNet.Value.AddRange(references),
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Disable));
            var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            Assert.True(errors.Count == 0, "The test source does not compile:\n" + string.Join("\n", errors));
            return compilation;
        }

        // The assemblies of the shared framework this test runs on: the same public API as the net10.0 reference pack.
        private static ImmutableArray<MetadataReference> LoadDotNetReferences()
        {
            var frameworkDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
            return Directory.GetFiles(frameworkDirectory, "*.dll")
                .Where(IsManagedAssembly)
                .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
                .ToImmutableArray();
        }

        private static bool IsManagedAssembly(string path)
        {
            try
            {
                AssemblyName.GetAssemblyName(path);
                return true;
            }
            catch (BadImageFormatException)
            {
                return false;
            }
        }

        /// <summary>An AdditionalFiles item held in memory.</summary>
        internal sealed class InMemoryFile : AdditionalText
        {
            private readonly SourceText _text;

            public InMemoryFile(string path, string text)
            {
                Path = path;
                _text = SourceText.From(text);
            }

            public override string Path { get; }

            public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
        }
    }
}
