using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace NordicIoT.NanoSubset
{
    /// <summary>
    /// The arguments written at a call site, and the parameter types a given overload would receive them as.
    /// Two overloads that take the same arguments as the same types behave the same, so a .NET-only overload can
    /// stand for the nanoFramework one (string.Split(',') binds Split(char, options) on .NET, Split(params char[])
    /// on nanoFramework).
    /// </summary>
    internal sealed class CallArguments
    {
        private readonly ImmutableArray<Argument> _arguments;
        private readonly SemanticModel _model;

        private CallArguments(ImmutableArray<Argument> arguments, SemanticModel model)
        {
            _arguments = arguments;
            _model = model;
        }

        /// <summary>The arguments of a call, object creation, constructor initializer or attribute; null for anything else.</summary>
        public static CallArguments? Of(SyntaxNode callSite, SemanticModel model)
        {
            var builder = ImmutableArray.CreateBuilder<Argument>();
            switch (callSite)
            {
                case InvocationExpressionSyntax invocation:
                    AddAll(builder, invocation.ArgumentList.Arguments);
                    break;
                case BaseObjectCreationExpressionSyntax creation:
                    if (creation.ArgumentList != null)
                    {
                        AddAll(builder, creation.ArgumentList.Arguments);
                    }

                    break;
                case ConstructorInitializerSyntax initializer:
                    AddAll(builder, initializer.ArgumentList.Arguments);
                    break;
                case AttributeSyntax attribute:
                    if (attribute.ArgumentList != null)
                    {
                        foreach (var argument in attribute.ArgumentList.Arguments)
                        {
                            if (argument.NameEquals == null)
                            {
                                builder.Add(new Argument(argument.Expression, argument.NameColon?.Name.Identifier.ValueText, RefKind.None));
                            }
                        }
                    }

                    break;
                default:
                    return null;
            }

            return new CallArguments(builder.ToImmutable(), model);
        }

        /// <summary>True when both methods take these arguments, each as the same parameter type.</summary>
        public bool TakenAlike(IMethodSymbol bound, IMethodSymbol candidate)
        {
            var boundTypes = ParameterTypes(bound);
            var candidateTypes = ParameterTypes(candidate);
            if (boundTypes == null || candidateTypes == null)
            {
                return false;
            }

            for (var i = 0; i < boundTypes.Length; i++)
            {
                if (!SymbolEqualityComparer.Default.Equals(boundTypes[i], candidateTypes[i]))
                {
                    return false;
                }
            }

            return true;
        }

        // C# tries the normal form first and the expanded params form only when the normal form does not apply.
        private ITypeSymbol[]? ParameterTypes(IMethodSymbol method)
        {
            var normal = Map(method, expanded: false);
            if (normal != null || method.Parameters.IsEmpty || !method.Parameters[method.Parameters.Length - 1].IsParams)
            {
                return normal;
            }

            return Map(method, expanded: true);
        }

        private ITypeSymbol[]? Map(IMethodSymbol method, bool expanded)
        {
            var parameters = method.Parameters;
            var paramsIndex = expanded ? parameters.Length - 1 : -1;
            var used = new bool[parameters.Length];
            var types = new ITypeSymbol[_arguments.Length];
            for (var i = 0; i < _arguments.Length; i++)
            {
                var argument = _arguments[i];
                int index;
                if (argument.Name != null)
                {
                    index = IndexOf(parameters, argument.Name);
                    if (index < 0 || index == paramsIndex)
                    {
                        return null;
                    }
                }
                else
                {
                    index = expanded && i >= paramsIndex ? paramsIndex : i;
                    if (index >= parameters.Length)
                    {
                        return null;
                    }
                }

                var parameter = parameters[index];
                var type = index == paramsIndex ? ((IArrayTypeSymbol)parameter.Type).ElementType : parameter.Type;
                if (!Accepts(parameter, type, argument))
                {
                    return null;
                }

                used[index] = true;
                types[i] = type;
            }

            for (var p = 0; p < parameters.Length; p++)
            {
                if (!used[p] && !parameters[p].IsOptional && !parameters[p].IsParams)
                {
                    return null;
                }
            }

            return types;
        }

        private bool Accepts(IParameterSymbol parameter, ITypeSymbol type, Argument argument)
        {
            var parameterRef = parameter.RefKind == RefKind.In ? RefKind.None : parameter.RefKind;
            if (parameterRef != argument.RefKind)
            {
                return false;
            }

            if (argument.RefKind != RefKind.None)
            {
                return SymbolEqualityComparer.Default.Equals(_model.GetTypeInfo(argument.Expression).Type, type);
            }

            return _model.ClassifyConversion(argument.Expression, type).IsImplicit;
        }

        private static int IndexOf(ImmutableArray<IParameterSymbol> parameters, string name)
        {
            for (var i = 0; i < parameters.Length; i++)
            {
                if (parameters[i].Name == name)
                {
                    return i;
                }
            }

            return -1;
        }

        private static void AddAll(ImmutableArray<Argument>.Builder builder, IEnumerable<ArgumentSyntax> arguments)
        {
            foreach (var argument in arguments)
            {
                var refKind = argument.RefKindKeyword.Kind() switch
                {
                    SyntaxKind.RefKeyword => RefKind.Ref,
                    SyntaxKind.OutKeyword => RefKind.Out,
                    _ => RefKind.None,
                };
                builder.Add(new Argument(argument.Expression, argument.NameColon?.Name.Identifier.ValueText, refKind));
            }
        }

        private readonly struct Argument
        {
            public Argument(ExpressionSyntax expression, string? name, RefKind refKind)
            {
                Expression = expression;
                Name = name;
                RefKind = refKind;
            }

            public ExpressionSyntax Expression { get; }

            public string? Name { get; }

            public RefKind RefKind { get; }
        }
    }
}
