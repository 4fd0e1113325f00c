using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace NordicIoT.NanoSubset
{
    /// <summary>The NANO diagnostics: each names C# or an API that .NET nanoFramework 1.x cannot compile or run.</summary>
    internal static class NanoRules
    {
        private const string Category = "NanoSubset";

        public static readonly DiagnosticDescriptor AllowlistUnusable = Create(
            "NANO000", "nanoFramework API allowlist unusable",
            "{0}",
            WellKnownDiagnosticTags.CompilationEnd);

        public static readonly DiagnosticDescriptor GenericDeclaration = Create(
            "NANO001", "Generic type or method declared",
            "'{0}' declares type parameters; nanoFramework 1.x has no generics: write it for concrete types or object");

        public static readonly DiagnosticDescriptor GenericUse = Create(
            "NANO002", "Generic type or method used",
            "'{0}' is generic; nanoFramework 1.x has no generics: {1}");

        public static readonly DiagnosticDescriptor NullableValueType = Create(
            "NANO003", "Nullable value type used",
            "'{0}' is a nullable value type (Nullable<T>), which nanoFramework 1.x lacks: keep a separate 'has value' flag or a sentinel value");

        public static readonly DiagnosticDescriptor SpanUse = Create(
            "NANO004", "Span, Memory or stackalloc used",
            "'{0}' needs Span<T>/ReadOnlySpan<T>/Memory<T>, which nanoFramework 1.x lacks: pass a byte[] with offset and count");

        public static readonly DiagnosticDescriptor TupleUse = Create(
            "NANO005", "Tuple used",
            "'{0}' is a tuple (System.ValueTuple), which nanoFramework lacks: return a small class or use out parameters");

        public static readonly DiagnosticDescriptor LinqUse = Create(
            "NANO006", "LINQ used",
            "'{0}' is LINQ, which nanoFramework lacks: write the loop");

        public static readonly DiagnosticDescriptor AsyncUse = Create(
            "NANO007", "async, await or Task used",
            "'{0}' is async/Task code, which nanoFramework lacks: use a Thread, a Timer or events");

        public static readonly DiagnosticDescriptor RecordDeclaration = Create(
            "NANO008", "Record declared",
            "record '{0}': records need IEquatable<T>, which nanoFramework lacks: declare a class or struct with explicit members");

        public static readonly DiagnosticDescriptor DecimalUse = Create(
            "NANO009", "decimal used",
            "'{0}' is decimal, which nanoFramework lacks: use double, or a long counting fixed units");

        public static readonly DiagnosticDescriptor DynamicUse = Create(
            "NANO010", "dynamic used",
            "'{0}' is dynamic, which nanoFramework lacks: use static types");

        public static readonly DiagnosticDescriptor GenericForEach = Create(
            "NANO011", "foreach over a generic sequence",
            "foreach over '{0}' enumerates a generic sequence, which nanoFramework 1.x lacks: iterate an array or an ArrayList");

        public static readonly DiagnosticDescriptor Iterator = Create(
            "NANO012", "Iterator (yield) declared",
            "'{0}' is an iterator (yield); the compiler builds every iterator on IEnumerator<T>, which nanoFramework 1.x lacks: fill and return an array or ArrayList");

        public static readonly DiagnosticDescriptor DefaultInterfaceMember = Create(
            "NANO013", "Interface member with a body",
            "'{0}' has a body or is static inside an interface (default interface member), which nanoFramework does not run: implement it in the classes");

        public static readonly DiagnosticDescriptor RefStruct = Create(
            "NANO014", "ref struct declared",
            "ref struct '{0}' is not supported by nanoFramework: declare a plain struct or class");

        public static readonly DiagnosticDescriptor MultidimensionalArray = Create(
            "NANO015", "Multidimensional array used",
            "'{0}' is a multidimensional array, which nanoFramework does not support: use a jagged array or index a one-dimensional one");

        public static readonly DiagnosticDescriptor ApiNotInNano = Create(
            "NANO016", "API missing from nanoFramework",
            "'{0}' is not in nanoFramework's API (build/NanoSubset/nanoframework-api.txt){1}");

        public static readonly DiagnosticDescriptor NumericFormat = Create(
            "NANO017", "Numeric format string nanoFramework cannot format",
            "Numeric format \"{0}\" is not supported by nanoFramework, which formats numbers only with D, F, G, N or X and an optional precision (\"X2\", \"F3\")");

        public static readonly DiagnosticDescriptor VolatileField = Create(
            "NANO018", "volatile field declared",
            "Field '{0}' is volatile; nanoFramework's mscorlib lacks IsVolatile, so it does not compile there: guard the field with lock or use Interlocked");

        public static readonly ImmutableArray<DiagnosticDescriptor> All = ImmutableArray.Create(
            AllowlistUnusable, GenericDeclaration, GenericUse, NullableValueType, SpanUse, TupleUse, LinqUse, AsyncUse,
            RecordDeclaration, DecimalUse, DynamicUse, GenericForEach, Iterator, DefaultInterfaceMember, RefStruct,
            MultidimensionalArray, ApiNotInNano, NumericFormat, VolatileField);

        private static DiagnosticDescriptor Create(string id, string title, string message, params string[] tags)
        {
            return new DiagnosticDescriptor(
                id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true,
                description: "NanoSubset code also compiles for .NET nanoFramework; see docs/nanoframework-builds.md.",
                customTags: tags);
        }
    }
}
