using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis.Text;

namespace NordicIoT.NanoSubset
{
    /// <summary>The nanoFramework types and members listed in nanoframework-api.txt, keyed by documentation comment ID.</summary>
    internal sealed class NanoApiSurface
    {
        public const string FileName = "nanoframework-api.txt";

        private static readonly IReadOnlyList<string> NoMethods = Array.Empty<string>();

        private readonly HashSet<string> _ids = new HashSet<string>(StringComparer.Ordinal);
        private readonly HashSet<string> _namespaces = new HashSet<string>(StringComparer.Ordinal);
        private readonly Dictionary<string, List<string>> _methodsByTypeAndName = new Dictionary<string, List<string>>(StringComparer.Ordinal);

        private NanoApiSurface()
        {
        }

        /// <summary>Reads the allowlist; returns null and sets <paramref name="error"/> when a line is not a documentation comment ID.</summary>
        public static NanoApiSurface? Parse(SourceText text, CancellationToken cancellationToken, out string error)
        {
            var surface = new NanoApiSurface();
            foreach (var line in text.Lines)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var entry = line.ToString().Trim();
                if (entry.Length == 0 || entry[0] == '#')
                {
                    continue;
                }

                if (!IsDocumentationId(entry))
                {
                    error = $"{FileName} line {line.LineNumber + 1}: '{entry}' is not a documentation comment ID (T:, M:, P:, F: or E: followed by a name)";
                    return null;
                }

                surface.Add(entry);
            }

            if (surface._ids.Count == 0)
            {
                error = $"{FileName} lists no types or members";
                return null;
            }

            error = string.Empty;
            return surface;
        }

        /// <summary>True when the ID (indexers: as returned by <see cref="IndexerKey"/>) is listed.</summary>
        public bool Contains(string documentationId) => _ids.Contains(documentationId);

        /// <summary>True when some listed type lives in this namespace or below it.</summary>
        public bool ContainsNamespace(string name) => _namespaces.Contains(name);

        /// <summary>The listed method IDs with this name declared by the type whose ID (without "T:") is given.</summary>
        public IReadOnlyList<string> MethodsNamed(string typeName, string methodName)
        {
            return _methodsByTypeAndName.TryGetValue(typeName + "|" + methodName, out var ids) ? ids : NoMethods;
        }

        /// <summary>
        /// The lookup key of an indexer: its type and parameter types without the member name, because the name
        /// differs between libraries (nanoFramework's StringBuilder indexer is "Item", .NET's is "Chars") while C#
        /// calls both the same way.
        /// </summary>
        public static string IndexerKey(string propertyDocumentationId)
        {
            var parameters = propertyDocumentationId.IndexOf('(');
            var nameStart = propertyDocumentationId.LastIndexOf('.', parameters);
            return "I:" + propertyDocumentationId.Substring(2, nameStart - 2) + propertyDocumentationId.Substring(parameters);
        }

        private void Add(string id)
        {
            var parameters = id.IndexOf('(');
            var kind = id[0];
            if (kind == 'P' && parameters > 0)
            {
                _ids.Add(IndexerKey(id));
                return;
            }

            _ids.Add(id);
            var qualifiedName = parameters > 0 ? id.Substring(2, parameters - 2) : id.Substring(2);
            if (kind == 'T')
            {
                for (var dot = qualifiedName.LastIndexOf('.'); dot > 0; dot = qualifiedName.LastIndexOf('.', dot - 1))
                {
                    _namespaces.Add(qualifiedName.Substring(0, dot));
                }
            }
            else if (kind == 'M')
            {
                var nameStart = qualifiedName.LastIndexOf('.');
                var key = qualifiedName.Substring(0, nameStart) + "|" + StripGenericArity(qualifiedName.Substring(nameStart + 1));
                if (!_methodsByTypeAndName.TryGetValue(key, out var ids))
                {
                    ids = new List<string>();
                    _methodsByTypeAndName.Add(key, ids);
                }

                ids.Add(id);
            }
        }

        private static string StripGenericArity(string name)
        {
            var tick = name.IndexOf("``", StringComparison.Ordinal);
            return tick < 0 ? name : name.Substring(0, tick);
        }

        private static bool IsDocumentationId(string entry)
        {
            return entry.Length > 2
                && entry[1] == ':'
                && "TMPFE".IndexOf(entry[0]) >= 0
                && entry.IndexOf(' ') < 0
                && (entry[0] != 'P' || entry.IndexOf('(') < 0 || entry.LastIndexOf('.', entry.IndexOf('(')) > 2);
        }
    }
}
