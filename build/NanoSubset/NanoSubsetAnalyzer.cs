using System;
using System.Collections.Immutable;
using System.IO;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace NordicIoT.NanoSubset
{
    /// <summary>
    /// Rejects C# and .NET APIs that .NET nanoFramework 1.x cannot compile or run, so the net10.0 build of code
    /// shared with the device fails exactly where the .nfproj build (or the board) would.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class NanoSubsetAnalyzer : DiagnosticAnalyzer
    {
        // Expressions that can bind a user-defined operator of a .NET type.
        private static readonly SyntaxKind[] OperatorKinds =
        {
            SyntaxKind.AddExpression, SyntaxKind.SubtractExpression, SyntaxKind.MultiplyExpression, SyntaxKind.DivideExpression,
            SyntaxKind.ModuloExpression, SyntaxKind.EqualsExpression, SyntaxKind.NotEqualsExpression, SyntaxKind.LessThanExpression,
            SyntaxKind.LessThanOrEqualExpression, SyntaxKind.GreaterThanExpression, SyntaxKind.GreaterThanOrEqualExpression,
            SyntaxKind.BitwiseAndExpression, SyntaxKind.BitwiseOrExpression, SyntaxKind.ExclusiveOrExpression,
            SyntaxKind.LeftShiftExpression, SyntaxKind.RightShiftExpression, SyntaxKind.UnaryMinusExpression,
            SyntaxKind.UnaryPlusExpression, SyntaxKind.LogicalNotExpression, SyntaxKind.BitwiseNotExpression,
            SyntaxKind.PreIncrementExpression, SyntaxKind.PreDecrementExpression, SyntaxKind.PostIncrementExpression,
            SyntaxKind.PostDecrementExpression, SyntaxKind.AddAssignmentExpression, SyntaxKind.SubtractAssignmentExpression,
        };

        /// <inheritdoc />
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => NanoRules.All;

        /// <inheritdoc />
        public override void Initialize(AnalysisContext context)
        {
            // Generated files (SDK assembly attributes) are not part of the .nfproj build.
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(Start);
        }

        private static void Start(CompilationStartAnalysisContext context)
        {
            var surface = LoadSurface(context.Options, context.CancellationToken, out var error);
            if (surface == null)
            {
                context.RegisterCompilationEndAction(end =>
                    end.ReportDiagnostic(Diagnostic.Create(NanoRules.AllowlistUnusable, Location.None, error)));
                return;
            }

            var api = new ApiUseChecker(context.Compilation, surface);
            context.RegisterSyntaxNodeAction(api.AnalyzeName, SyntaxKind.IdentifierName, SyntaxKind.GenericName);
            context.RegisterSyntaxNodeAction(
                api.AnalyzeConstructorCall,
                SyntaxKind.ObjectCreationExpression,
                SyntaxKind.ImplicitObjectCreationExpression,
                SyntaxKind.BaseConstructorInitializer,
                SyntaxKind.ThisConstructorInitializer,
                SyntaxKind.Attribute);
            context.RegisterSyntaxNodeAction(api.AnalyzeElementAccess, SyntaxKind.ElementAccessExpression, SyntaxKind.ElementBindingExpression);
            context.RegisterSyntaxNodeAction(api.AnalyzeOperator, OperatorKinds);
            context.RegisterSyntaxNodeAction(api.AnalyzeImplicitType, SyntaxKind.IndexExpression, SyntaxKind.RangeExpression);
            context.RegisterSyntaxNodeAction(api.AnalyzeUsing, SyntaxKind.UsingDirective);

            context.RegisterSyntaxNodeAction(LanguageFeatureRules.AnalyzeTypeParameters, SyntaxKind.TypeParameterList);
            context.RegisterSyntaxNodeAction(LanguageFeatureRules.AnalyzeRecord, SyntaxKind.RecordDeclaration, SyntaxKind.RecordStructDeclaration);
            context.RegisterSyntaxNodeAction(LanguageFeatureRules.AnalyzeStruct, SyntaxKind.StructDeclaration);
            context.RegisterSyntaxNodeAction(LanguageFeatureRules.AnalyzeInterface, SyntaxKind.InterfaceDeclaration);
            context.RegisterSyntaxNodeAction(LanguageFeatureRules.AnalyzeVolatile, SyntaxKind.FieldDeclaration);
            context.RegisterSyntaxNodeAction(
                LanguageFeatureRules.AnalyzeAsyncModifier,
                SyntaxKind.MethodDeclaration,
                SyntaxKind.LocalFunctionStatement,
                SyntaxKind.ParenthesizedLambdaExpression,
                SyntaxKind.SimpleLambdaExpression,
                SyntaxKind.AnonymousMethodExpression);
            context.RegisterSyntaxNodeAction(LanguageFeatureRules.AnalyzeQuery, SyntaxKind.QueryExpression);
            context.RegisterSyntaxNodeAction(
                LanguageFeatureRules.AnalyzeTuple,
                SyntaxKind.TupleType,
                SyntaxKind.TupleExpression,
                SyntaxKind.ParenthesizedVariableDesignation);
            context.RegisterSyntaxNodeAction(
                LanguageFeatureRules.AnalyzeStackAlloc,
                SyntaxKind.StackAllocArrayCreationExpression,
                SyntaxKind.ImplicitStackAllocArrayCreationExpression);
            context.RegisterSyntaxNodeAction(LanguageFeatureRules.AnalyzeArrayRank, SyntaxKind.ArrayRankSpecifier);
            context.RegisterSyntaxNodeAction(LanguageFeatureRules.AnalyzeDecimalKeyword, SyntaxKind.PredefinedType);
            context.RegisterSyntaxNodeAction(LanguageFeatureRules.AnalyzeDecimalLiteral, SyntaxKind.NumericLiteralExpression);
            context.RegisterSyntaxNodeAction(LanguageFeatureRules.AnalyzeNullableType, SyntaxKind.NullableType);
            context.RegisterSyntaxNodeAction(LanguageFeatureRules.AnalyzeConditionalAccess, SyntaxKind.ConditionalAccessExpression);
            context.RegisterSyntaxNodeAction(LanguageFeatureRules.AnalyzeForEach, SyntaxKind.ForEachStatement, SyntaxKind.ForEachVariableStatement);
            context.RegisterSyntaxNodeAction(LanguageFeatureRules.AnalyzeYield, SyntaxKind.YieldReturnStatement, SyntaxKind.YieldBreakStatement);
            context.RegisterSyntaxNodeAction(LanguageFeatureRules.AnalyzeToStringFormat, SyntaxKind.InvocationExpression);
            context.RegisterSyntaxNodeAction(LanguageFeatureRules.AnalyzeInterpolationFormat, SyntaxKind.Interpolation);
        }

        private static NanoApiSurface? LoadSurface(AnalyzerOptions options, CancellationToken cancellationToken, out string error)
        {
            foreach (var file in options.AdditionalFiles)
            {
                if (!string.Equals(Path.GetFileName(file.Path), NanoApiSurface.FileName, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                var text = file.GetText(cancellationToken);
                if (text == null)
                {
                    error = $"{NanoApiSurface.FileName} ({file.Path}) could not be read";
                    return null;
                }

                return NanoApiSurface.Parse(text, cancellationToken, out error);
            }

            error = $"{NanoApiSurface.FileName} is not among the AdditionalFiles, so nothing can be checked against nanoFramework's API: "
                + "add it as Directory.Build.targets does for NanoSubset projects";
            return null;
        }
    }
}
