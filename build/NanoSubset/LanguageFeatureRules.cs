using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace NordicIoT.NanoSubset
{
    /// <summary>
    /// C# constructs nanoFramework cannot compile or run, recognised by their syntax (with the semantic model only
    /// where the syntax alone is ambiguous, e.g. whether '?' makes a Nullable&lt;T&gt;).
    /// </summary>
    internal static class LanguageFeatureRules
    {
        public static void AnalyzeTypeParameters(SyntaxNodeAnalysisContext context)
        {
            var list = (TypeParameterListSyntax)context.Node;
            var owner = list.Parent switch
            {
                BaseTypeDeclarationSyntax type => type.Identifier.ValueText,
                DelegateDeclarationSyntax del => del.Identifier.ValueText,
                MethodDeclarationSyntax method => method.Identifier.ValueText,
                LocalFunctionStatementSyntax local => local.Identifier.ValueText,
                _ => string.Empty,
            };
            Report(context, NanoRules.GenericDeclaration, list.GetLocation(), owner + list);
        }

        public static void AnalyzeRecord(SyntaxNodeAnalysisContext context)
        {
            var record = (RecordDeclarationSyntax)context.Node;
            Report(context, NanoRules.RecordDeclaration, record.Identifier.GetLocation(), record.Identifier.ValueText);
        }

        public static void AnalyzeStruct(SyntaxNodeAnalysisContext context)
        {
            var declaration = (StructDeclarationSyntax)context.Node;
            if (declaration.Modifiers.Any(SyntaxKind.RefKeyword))
            {
                Report(context, NanoRules.RefStruct, declaration.Identifier.GetLocation(), declaration.Identifier.ValueText);
            }
        }

        public static void AnalyzeVolatile(SyntaxNodeAnalysisContext context)
        {
            var field = (FieldDeclarationSyntax)context.Node;
            if (field.Modifiers.Any(SyntaxKind.VolatileKeyword))
            {
                foreach (var variable in field.Declaration.Variables)
                {
                    Report(context, NanoRules.VolatileField, variable.Identifier.GetLocation(), variable.Identifier.ValueText);
                }
            }
        }

        public static void AnalyzeInterface(SyntaxNodeAnalysisContext context)
        {
            foreach (var member in ((InterfaceDeclarationSyntax)context.Node).Members)
            {
                if (member is BaseTypeDeclarationSyntax || member is DelegateDeclarationSyntax || !HasBodyOrIsStatic(member))
                {
                    continue;
                }

                Report(context, NanoRules.DefaultInterfaceMember, MemberNameLocation(member), MemberName(member));
            }
        }

        public static void AnalyzeAsyncModifier(SyntaxNodeAnalysisContext context)
        {
            var modifiers = context.Node switch
            {
                MethodDeclarationSyntax method => method.Modifiers,
                LocalFunctionStatementSyntax local => local.Modifiers,
                AnonymousFunctionExpressionSyntax lambda => lambda.Modifiers,
                _ => default,
            };
            foreach (var modifier in modifiers)
            {
                if (modifier.IsKind(SyntaxKind.AsyncKeyword))
                {
                    Report(context, NanoRules.AsyncUse, modifier.GetLocation(), "async");
                }
            }
        }

        public static void AnalyzeQuery(SyntaxNodeAnalysisContext context)
        {
            Report(context, NanoRules.LinqUse, context.Node.GetLocation(), "query expression");
        }

        public static void AnalyzeTuple(SyntaxNodeAnalysisContext context)
        {
            Report(context, NanoRules.TupleUse, context.Node.GetLocation(), context.Node.ToString());
        }

        public static void AnalyzeStackAlloc(SyntaxNodeAnalysisContext context)
        {
            Report(context, NanoRules.SpanUse, context.Node.GetLocation(), "stackalloc");
        }

        public static void AnalyzeArrayRank(SyntaxNodeAnalysisContext context)
        {
            var rank = (ArrayRankSpecifierSyntax)context.Node;
            if (rank.Rank > 1)
            {
                Report(context, NanoRules.MultidimensionalArray, rank.GetLocation(), rank.ToString());
            }
        }

        public static void AnalyzeDecimalKeyword(SyntaxNodeAnalysisContext context)
        {
            var type = (PredefinedTypeSyntax)context.Node;
            if (type.Keyword.IsKind(SyntaxKind.DecimalKeyword))
            {
                Report(context, NanoRules.DecimalUse, type.GetLocation(), "decimal");
            }
        }

        public static void AnalyzeDecimalLiteral(SyntaxNodeAnalysisContext context)
        {
            var literal = (LiteralExpressionSyntax)context.Node;
            if (literal.Token.Value is decimal)
            {
                Report(context, NanoRules.DecimalUse, literal.GetLocation(), literal.Token.Text);
            }
        }

        public static void AnalyzeNullableType(SyntaxNodeAnalysisContext context)
        {
            var type = context.SemanticModel.GetTypeInfo(context.Node, context.CancellationToken).Type;
            if (type != null && type.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T)
            {
                Report(context, NanoRules.NullableValueType, context.Node.GetLocation(), context.Node.ToString());
            }
        }

        /// <summary>s?.Length is an int? even when no '?' type is written.</summary>
        public static void AnalyzeConditionalAccess(SyntaxNodeAnalysisContext context)
        {
            var type = context.SemanticModel.GetTypeInfo(context.Node, context.CancellationToken).Type;
            if (type != null && type.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T)
            {
                Report(context, NanoRules.NullableValueType, context.Node.GetLocation(), context.Node + " (type " + type.ToDisplayString() + ")");
            }
        }

        public static void AnalyzeForEach(SyntaxNodeAnalysisContext context)
        {
            var loop = (CommonForEachStatementSyntax)context.Node;
            var collection = context.SemanticModel.GetTypeInfo(loop.Expression, context.CancellationToken).Type;
            if (collection == null || collection is IArrayTypeSymbol || collection.SpecialType == SpecialType.System_String)
            {
                return;
            }

            var info = context.SemanticModel.GetForEachStatementInfo(loop);
            var enumerator = info.GetEnumeratorMethod?.ReturnType as INamedTypeSymbol;
            if (IsConstructedGeneric(collection) || IsGenericEnumerator(enumerator))
            {
                Report(context, NanoRules.GenericForEach, loop.Expression.GetLocation(), collection.ToDisplayString());
            }
        }

        /// <summary>Reports once per iterator, at its first yield.</summary>
        public static void AnalyzeYield(SyntaxNodeAnalysisContext context)
        {
            var function = context.Node.Ancestors().FirstOrDefault(IsFunction);
            if (function == null)
            {
                return;
            }

            var firstYield = function.DescendantNodes(n => n == function || !IsFunction(n) && !(n is AnonymousFunctionExpressionSyntax))
                .OfType<YieldStatementSyntax>()
                .FirstOrDefault();
            if (firstYield == context.Node)
            {
                Report(context, NanoRules.Iterator, context.Node.GetLocation(), FunctionName(function));
            }
        }

        /// <summary>x.ToString("0.00") and $"{x:0.00}" on numbers: nanoFramework's native formatter knows only standard formats.</summary>
        public static void AnalyzeToStringFormat(SyntaxNodeAnalysisContext context)
        {
            var invocation = (InvocationExpressionSyntax)context.Node;
            if (!(invocation.Expression is MemberAccessExpressionSyntax access)
                || access.Name.Identifier.ValueText != "ToString"
                || invocation.ArgumentList.Arguments.Count == 0)
            {
                return;
            }

            var format = invocation.ArgumentList.Arguments[0].Expression;
            var constant = context.SemanticModel.GetConstantValue(format, context.CancellationToken);
            if (!constant.HasValue || !(constant.Value is string text) || NumericFormats.IsSupported(text))
            {
                return;
            }

            if (IsNumeric(context.SemanticModel.GetTypeInfo(access.Expression, context.CancellationToken).Type))
            {
                Report(context, NanoRules.NumericFormat, format.GetLocation(), text);
            }
        }

        public static void AnalyzeInterpolationFormat(SyntaxNodeAnalysisContext context)
        {
            var interpolation = (InterpolationSyntax)context.Node;
            if (interpolation.FormatClause == null)
            {
                return;
            }

            var text = interpolation.FormatClause.FormatStringToken.ValueText;
            if (!NumericFormats.IsSupported(text) && IsNumeric(context.SemanticModel.GetTypeInfo(interpolation.Expression, context.CancellationToken).Type))
            {
                Report(context, NanoRules.NumericFormat, interpolation.FormatClause.GetLocation(), text);
            }
        }

        private static bool IsNumeric(ITypeSymbol? type)
        {
            switch (type?.SpecialType)
            {
                case SpecialType.System_Byte:
                case SpecialType.System_SByte:
                case SpecialType.System_Int16:
                case SpecialType.System_UInt16:
                case SpecialType.System_Int32:
                case SpecialType.System_UInt32:
                case SpecialType.System_Int64:
                case SpecialType.System_UInt64:
                case SpecialType.System_Single:
                case SpecialType.System_Double:
                    return true;
                default:
                    return false;
            }
        }

        private static bool IsConstructedGeneric(ITypeSymbol type)
        {
            return type is INamedTypeSymbol named && named.IsGenericType && !named.IsDefinition;
        }

        private static bool IsGenericEnumerator(INamedTypeSymbol? enumerator)
        {
            for (var type = enumerator; type != null; type = type.ContainingType)
            {
                if (type.IsGenericType)
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsFunction(SyntaxNode node)
        {
            return node is BaseMethodDeclarationSyntax || node is AccessorDeclarationSyntax || node is LocalFunctionStatementSyntax;
        }

        private static string FunctionName(SyntaxNode function)
        {
            switch (function)
            {
                case MethodDeclarationSyntax method:
                    return method.Identifier.ValueText;
                case LocalFunctionStatementSyntax local:
                    return local.Identifier.ValueText;
                case AccessorDeclarationSyntax accessor when accessor.Parent?.Parent is BasePropertyDeclarationSyntax property:
                    return MemberName(property) + "." + accessor.Keyword.ValueText;
                default:
                    return function.ToString().Split('\n')[0].Trim();
            }
        }

        private static bool HasBodyOrIsStatic(MemberDeclarationSyntax member)
        {
            if (member.Modifiers.Any(SyntaxKind.StaticKeyword))
            {
                return true;
            }

            switch (member)
            {
                case BaseMethodDeclarationSyntax method:
                    return method.Body != null || method.ExpressionBody != null;
                case PropertyDeclarationSyntax property:
                    return property.ExpressionBody != null || AccessorsHaveBodies(property.AccessorList);
                case IndexerDeclarationSyntax indexer:
                    return indexer.ExpressionBody != null || AccessorsHaveBodies(indexer.AccessorList);
                case EventDeclarationSyntax evt:
                    return AccessorsHaveBodies(evt.AccessorList);
                default:
                    return false;
            }
        }

        private static bool AccessorsHaveBodies(AccessorListSyntax? accessors)
        {
            return accessors != null && accessors.Accessors.Any(a => a.Body != null || a.ExpressionBody != null);
        }

        private static string MemberName(MemberDeclarationSyntax member)
        {
            switch (member)
            {
                case MethodDeclarationSyntax method:
                    return method.Identifier.ValueText;
                case PropertyDeclarationSyntax property:
                    return property.Identifier.ValueText;
                case EventDeclarationSyntax evt:
                    return evt.Identifier.ValueText;
                case IndexerDeclarationSyntax _:
                    return "this[]";
                case BaseFieldDeclarationSyntax field:
                    return string.Join(", ", field.Declaration.Variables.Select(v => v.Identifier.ValueText));
                case OperatorDeclarationSyntax op:
                    return "operator " + op.OperatorToken.ValueText;
                case ConstructorDeclarationSyntax ctor:
                    return ctor.Identifier.ValueText;
                default:
                    return member.Kind().ToString();
            }
        }

        private static Location MemberNameLocation(MemberDeclarationSyntax member)
        {
            switch (member)
            {
                case MethodDeclarationSyntax method:
                    return method.Identifier.GetLocation();
                case PropertyDeclarationSyntax property:
                    return property.Identifier.GetLocation();
                case EventDeclarationSyntax evt:
                    return evt.Identifier.GetLocation();
                default:
                    return member.GetLocation();
            }
        }

        private static void Report(SyntaxNodeAnalysisContext context, DiagnosticDescriptor rule, Location location, string subject)
        {
            context.ReportDiagnostic(Diagnostic.Create(rule, location, subject));
        }
    }
}
