using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace NordicIoT.NanoSubset
{
    /// <summary>
    /// Checks every .NET type and member the code names against the nanoFramework allowlist, and sorts the
    /// missing ones into the NANO categories (generics, nullable, span, tuple, LINQ, async, decimal, dynamic).
    /// One instance per compilation; symbol verdicts are cached because the same names recur in every file.
    /// </summary>
    internal sealed class ApiUseChecker
    {
        private static readonly SymbolDisplayFormat Display = new SymbolDisplayFormat(
            typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypes,
            genericsOptions: SymbolDisplayGenericsOptions.IncludeTypeParameters,
            memberOptions: SymbolDisplayMemberOptions.IncludeContainingType | SymbolDisplayMemberOptions.IncludeParameters,
            parameterOptions: SymbolDisplayParameterOptions.IncludeType | SymbolDisplayParameterOptions.IncludeParamsRefOut,
            miscellaneousOptions: SymbolDisplayMiscellaneousOptions.UseSpecialTypes | SymbolDisplayMiscellaneousOptions.EscapeKeywordIdentifiers);

        private readonly Compilation _compilation;
        private readonly NanoApiSurface _surface;
        private readonly ConcurrentDictionary<IAssemblySymbol, bool> _checkedAssemblies = new ConcurrentDictionary<IAssemblySymbol, bool>(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<ISymbol, bool> _listed = new ConcurrentDictionary<ISymbol, bool>(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<string, IMethodSymbol?> _resolved = new ConcurrentDictionary<string, IMethodSymbol?>();

        public ApiUseChecker(Compilation compilation, NanoApiSurface surface)
        {
            _compilation = compilation;
            _surface = surface;
        }

        /// <summary>Identifiers and generic names: the types, methods, properties, fields and events they bind to.</summary>
        public void AnalyzeName(SyntaxNodeAnalysisContext context)
        {
            var name = (SimpleNameSyntax)context.Node;
            if (name.IsVar || name.IsPartOfStructuredTrivia() || name.Parent is AttributeSyntax)
            {
                return;
            }

            var symbol = context.SemanticModel.GetSymbolInfo(name, context.CancellationToken).Symbol;
            switch (symbol)
            {
                case ITypeSymbol type:
                    if (!IsInsideReportedGeneric(name, context.SemanticModel))
                    {
                        CheckType(context, type, name.GetLocation());
                    }

                    break;
                case IMethodSymbol method when method.MethodKind != MethodKind.Constructor:
                    CheckMember(context, method, name, CallSiteOf(name));
                    break;
                case IPropertySymbol _:
                case IFieldSymbol _:
                case IEventSymbol _:
                    CheckMember(context, symbol, name, null);
                    break;
            }
        }

        /// <summary>new T(...), new(...), : base(...), : this(...) and [Attribute(...)]: the constructor and its overload.</summary>
        public void AnalyzeConstructorCall(SyntaxNodeAnalysisContext context)
        {
            var node = context.Node;
            if (!(context.SemanticModel.GetSymbolInfo(node, context.CancellationToken).Symbol is IMethodSymbol constructor))
            {
                return;
            }

            // An explicit type name is checked where it is written; new() and attributes name it implicitly.
            var typeNamed = node is ObjectCreationExpressionSyntax || node is ConstructorInitializerSyntax;
            if (!typeNamed)
            {
                var location = node is AttributeSyntax attribute ? attribute.Name.GetLocation() : node.GetLocation();
                if (CheckType(context, constructor.ContainingType, location))
                {
                    return;
                }
            }

            CheckMember(context, constructor, node, node);
        }

        /// <summary>Indexers (s[i], table[key]); the name of an indexer differs between libraries, so only its signature counts.</summary>
        public void AnalyzeElementAccess(SyntaxNodeAnalysisContext context)
        {
            if (context.SemanticModel.GetSymbolInfo(context.Node, context.CancellationToken).Symbol is IPropertySymbol indexer)
            {
                CheckMember(context, indexer, context.Node, null);
            }
        }

        /// <summary>User-defined operators of .NET types (DateTime - TimeSpan, string == string).</summary>
        public void AnalyzeOperator(SyntaxNodeAnalysisContext context)
        {
            if (context.SemanticModel.GetSymbolInfo(context.Node, context.CancellationToken).Symbol is IMethodSymbol op
                && op.MethodKind == MethodKind.UserDefinedOperator)
            {
                CheckMember(context, op, context.Node, null);
            }
        }

        /// <summary>^i and a..b build System.Index and System.Range without naming them.</summary>
        public void AnalyzeImplicitType(SyntaxNodeAnalysisContext context)
        {
            var type = context.SemanticModel.GetTypeInfo(context.Node, context.CancellationToken).Type;
            if (type != null)
            {
                CheckType(context, type, context.Node.GetLocation());
            }
        }

        /// <summary>using N; compiles on nanoFramework only if some nanoFramework type lives in N.</summary>
        public void AnalyzeUsing(SyntaxNodeAnalysisContext context)
        {
            var directive = (UsingDirectiveSyntax)context.Node;
            if (directive.Alias != null || !directive.StaticKeyword.IsKind(SyntaxKind.None) || directive.Name == null)
            {
                return;
            }

            if (!(context.SemanticModel.GetSymbolInfo(directive.Name, context.CancellationToken).Symbol is INamespaceSymbol ns))
            {
                return;
            }

            var name = ns.ToDisplayString();
            if (_surface.ContainsNamespace(name) || DeclaredOutsideDotNet(ns))
            {
                return;
            }

            var nameLocation = directive.Name.GetLocation();
            if (IsUnder(name, "System.Linq"))
            {
                context.ReportDiagnostic(Diagnostic.Create(NanoRules.LinqUse, nameLocation, "using " + name));
            }
            else if (IsUnder(name, "System.Threading.Tasks"))
            {
                context.ReportDiagnostic(Diagnostic.Create(NanoRules.AsyncUse, nameLocation, "using " + name));
            }
            else
            {
                context.ReportDiagnostic(Diagnostic.Create(NanoRules.ApiNotInNano, nameLocation, "namespace " + name, NanoAlternatives.ForApi(name)));
            }
        }

        // The project's own namespaces and those of referenced projects are not .NET's to check.
        private bool DeclaredOutsideDotNet(INamespaceSymbol ns)
        {
            foreach (var part in ns.ConstituentNamespaces)
            {
                var assembly = part.ContainingAssembly;
                if (assembly != null && (SymbolEqualityComparer.Default.Equals(assembly, _compilation.Assembly) || !_checkedAssemblies.GetOrAdd(assembly, PlatformAssemblies.IsDotNet)))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Reports a type nanoFramework cannot use; true when something was reported.</summary>
        public bool CheckType(SyntaxNodeAnalysisContext context, ITypeSymbol type, Location location)
        {
            if (type.TypeKind == TypeKind.Dynamic)
            {
                context.ReportDiagnostic(Diagnostic.Create(NanoRules.DynamicUse, location, "dynamic"));
                return true;
            }

            if (!(type is INamedTypeSymbol named) || !IsChecked(named))
            {
                return false;
            }

            var rule = CategoryOf(named);
            if (rule != null)
            {
                context.ReportDiagnostic(Diagnostic.Create(rule, location, named.ToDisplayString(Display)));
                return true;
            }

            if (named.IsGenericType)
            {
                var hint = NanoAlternatives.ForGeneric(MetadataName(named.OriginalDefinition));
                context.ReportDiagnostic(Diagnostic.Create(NanoRules.GenericUse, location, named.ToDisplayString(Display), hint));
                return true;
            }

            if (IsListed(named))
            {
                return false;
            }

            var fullName = MetadataName(named);
            context.ReportDiagnostic(Diagnostic.Create(
                NanoRules.ApiNotInNano, location, named.ToDisplayString(Display), NanoAlternatives.ForApi(fullName, named.ContainingNamespace.ToDisplayString())));
            return true;
        }

        private void CheckMember(SyntaxNodeAnalysisContext context, ISymbol member, SyntaxNode node, SyntaxNode? callSite)
        {
            var method = member as IMethodSymbol;
            if (method?.ReducedFrom != null)
            {
                member = method = method.ReducedFrom;
            }

            if (method != null && (method.MethodKind == MethodKind.BuiltinOperator || method.MethodKind == MethodKind.LocalFunction))
            {
                return;
            }

            if (!IsChecked(member))
            {
                return;
            }

            // Values of generic types and of decimal are reported where their type was named or produced.
            var container = member.ContainingType;
            if (container.IsGenericType || container.SpecialType == SpecialType.System_Decimal)
            {
                return;
            }

            // Static API holders (Enumerable, Task, MemoryExtensions) are often used without naming their type.
            var location = node.GetLocation();
            var rule = CategoryOf(container);
            if (rule != null)
            {
                context.ReportDiagnostic(Diagnostic.Create(rule, location, member.ToDisplayString(Display)));
                return;
            }

            if (method != null && method.IsGenericMethod)
            {
                var hint = NanoAlternatives.ForApi(MetadataName(container) + "." + method.Name);
                context.ReportDiagnostic(Diagnostic.Create(
                    NanoRules.GenericUse, location, method.ToDisplayString(Display), hint.Length > 0 ? hint.Substring(2) : "write it for the concrete type"));
                return;
            }

            if (IsListedOrOverridesListed(member) || HasEquivalentOverload(context.SemanticModel, method, callSite))
            {
                return;
            }

            // A type nanoFramework lacks is reported where the code names it; extension methods name no type.
            if (!IsListed(container) && !(method != null && method.IsExtensionMethod))
            {
                return;
            }

            var containerName = MetadataName(container);
            context.ReportDiagnostic(Diagnostic.Create(
                NanoRules.ApiNotInNano, location, member.ToDisplayString(Display),
                NanoAlternatives.ForApi(containerName + "." + member.Name, containerName)));
        }

        private bool HasEquivalentOverload(SemanticModel model, IMethodSymbol? method, SyntaxNode? callSite)
        {
            if (method == null || callSite == null)
            {
                return false;
            }

            var arguments = CallArguments.Of(callSite, model);
            if (arguments == null)
            {
                return false;
            }

            for (var type = method.ContainingType; type != null; type = type.BaseType)
            {
                var typeName = MetadataName(type);
                foreach (var id in _surface.MethodsNamed(typeName, method.MetadataName.Replace('.', '#')))
                {
                    var candidate = _resolved.GetOrAdd(id, key => DocumentationCommentId.GetFirstSymbolForDeclarationId(key, _compilation) as IMethodSymbol);
                    if (candidate != null && candidate.IsStatic == method.IsStatic && arguments.TakenAlike(method, candidate))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private bool IsListedOrOverridesListed(ISymbol member)
        {
            for (var current = member; current != null; current = Overridden(current))
            {
                if (IsListed(current))
                {
                    return true;
                }
            }

            return false;
        }

        private bool IsListed(ISymbol symbol)
        {
            return _listed.GetOrAdd(symbol.OriginalDefinition, s =>
            {
                var id = s.GetDocumentationCommentId();
                if (id == null)
                {
                    return false;
                }

                if (s is IPropertySymbol property && property.IsIndexer)
                {
                    return _surface.Contains(NanoApiSurface.IndexerKey(id));
                }

                // C# reads a field and a property alike (nanoFramework's DictionaryEntry.Key is a field, .NET's a property).
                return _surface.Contains(id)
                    || (s is IPropertySymbol && _surface.Contains("F" + id.Substring(1)))
                    || (s is IFieldSymbol && _surface.Contains("P" + id.Substring(1)));
            });
        }

        private bool IsChecked(ISymbol symbol)
        {
            var assembly = symbol.ContainingAssembly;
            if (assembly == null || SymbolEqualityComparer.Default.Equals(assembly, _compilation.Assembly))
            {
                return false;
            }

            return _checkedAssemblies.GetOrAdd(assembly, PlatformAssemblies.IsDotNet);
        }

        // In Dictionary<string, List<int>> the outer type is reported; repeating it for every type argument is noise.
        private bool IsInsideReportedGeneric(SimpleNameSyntax name, SemanticModel model)
        {
            SyntaxNode written = name;
            while (written.Parent is QualifiedNameSyntax qualified && qualified.Right == written)
            {
                written = qualified;
            }

            return written.Parent is TypeArgumentListSyntax list
                && list.Parent is GenericNameSyntax outer
                && model.GetSymbolInfo(outer).Symbol is INamedTypeSymbol outerType
                && IsChecked(outerType);
        }

        private static DiagnosticDescriptor? CategoryOf(INamedTypeSymbol type)
        {
            if (type.SpecialType == SpecialType.System_Decimal)
            {
                return NanoRules.DecimalUse;
            }

            if (type.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T)
            {
                return NanoRules.NullableValueType;
            }

            if (type.IsTupleType)
            {
                return NanoRules.TupleUse;
            }

            var ns = type.ContainingNamespace?.ToDisplayString() ?? string.Empty;
            switch (ns + "." + type.MetadataName)
            {
                case "System.Span`1":
                case "System.ReadOnlySpan`1":
                case "System.Memory`1":
                case "System.ReadOnlyMemory`1":
                case "System.MemoryExtensions":
                    return NanoRules.SpanUse;
            }

            if (type.Name.StartsWith("ValueTuple", System.StringComparison.Ordinal) && ns == "System")
            {
                return NanoRules.TupleUse;
            }

            if (IsUnder(ns, "System.Linq"))
            {
                return NanoRules.LinqUse;
            }

            if (IsUnder(ns, "System.Threading.Tasks"))
            {
                return NanoRules.AsyncUse;
            }

            return null;
        }

        private static SyntaxNode? CallSiteOf(SimpleNameSyntax name)
        {
            SyntaxNode target = name;
            if (name.Parent is MemberAccessExpressionSyntax access && access.Name == name)
            {
                target = access;
            }
            else if (name.Parent is MemberBindingExpressionSyntax binding && binding.Name == name)
            {
                target = binding;
            }

            return target.Parent is InvocationExpressionSyntax invocation && invocation.Expression == target ? invocation : null;
        }

        private static ISymbol? Overridden(ISymbol symbol)
        {
            switch (symbol)
            {
                case IMethodSymbol method:
                    return method.OverriddenMethod;
                case IPropertySymbol property:
                    return property.OverriddenProperty;
                case IEventSymbol evt:
                    return evt.OverriddenEvent;
                default:
                    return null;
            }
        }

        // Namespace-qualified metadata name, nested types joined with '.', as in documentation comment IDs.
        private static string MetadataName(INamedTypeSymbol type)
        {
            var prefix = type.ContainingType != null
                ? MetadataName(type.ContainingType)
                : type.ContainingNamespace == null || type.ContainingNamespace.IsGlobalNamespace ? string.Empty : type.ContainingNamespace.ToDisplayString();
            return prefix.Length == 0 ? type.MetadataName : prefix + "." + type.MetadataName;
        }

        private static bool IsUnder(string name, string root)
        {
            return name == root || name.StartsWith(root + ".", System.StringComparison.Ordinal);
        }
    }
}
