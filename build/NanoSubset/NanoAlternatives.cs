using System.Collections.Generic;

namespace NordicIoT.NanoSubset
{
    /// <summary>What to write instead, for the .NET types and members NanoSubset code reaches for most often.</summary>
    internal static class NanoAlternatives
    {
        private const string DefaultGeneric = "use object, a concrete type or an array";

        // Keyed by metadata name of the generic type definition.
        private static readonly Dictionary<string, string> ForGenericTypes = new Dictionary<string, string>
        {
            ["System.Collections.Generic.List`1"] = "use ArrayList or an array",
            ["System.Collections.Generic.Dictionary`2"] = "use Hashtable",
            ["System.Collections.Generic.SortedDictionary`2"] = "use Hashtable and sort the keys in an array",
            ["System.Collections.Generic.HashSet`1"] = "use a Hashtable of keys",
            ["System.Collections.Generic.Queue`1"] = "use System.Collections.Queue",
            ["System.Collections.Generic.Stack`1"] = "use System.Collections.Stack",
            ["System.Collections.Generic.KeyValuePair`2"] = "use DictionaryEntry",
            ["System.Collections.Generic.IEnumerable`1"] = "use IEnumerable or an array",
            ["System.Collections.Generic.IEnumerator`1"] = "use IEnumerator",
            ["System.Collections.Generic.ICollection`1"] = "use ICollection or an array",
            ["System.Collections.Generic.IList`1"] = "use IList, ArrayList or an array",
            ["System.Collections.Generic.IReadOnlyList`1"] = "use an array or IList",
            ["System.Collections.Generic.IReadOnlyCollection`1"] = "use an array or ICollection",
            ["System.Collections.Generic.IDictionary`2"] = "use IDictionary or Hashtable",
            ["System.Collections.Generic.IReadOnlyDictionary`2"] = "use IDictionary or Hashtable",
            ["System.EventHandler`1"] = "declare a delegate for the event",
            ["System.IEquatable`1"] = "override Equals(object) and GetHashCode()",
            ["System.IComparable`1"] = "implement IComparable",
            ["System.Lazy`1"] = "create the value on first use yourself",
        };

        // Keyed by "Namespace.Type.Member", "Namespace.Type" or namespace.
        private static readonly Dictionary<string, string> ForApis = new Dictionary<string, string>
        {
            ["System.String.Join"] = "append the parts to a StringBuilder",
            ["System.String.IsNullOrWhiteSpace"] = "test string.IsNullOrEmpty(s) || s.Trim().Length == 0",
            ["System.String.Split"] = "split on chars: Split(params char[])",
            ["System.String.Contains"] = "use IndexOf(char) or Contains(string)",
            ["System.String.Replace"] = "rebuild the string with StringBuilder.Replace",
            ["System.String.Create"] = "use a char[] or StringBuilder",
            ["System.Enum.GetValues"] = "list the values in an array of your own",
            ["System.Enum.GetNames"] = "map values to names with a switch",
            ["System.Enum.GetName"] = "map values to names with a switch (enum ToString() gives the number on nanoFramework)",
            ["System.Enum.IsDefined"] = "check the value with a switch or range test",
            ["System.Enum.Parse"] = "map names to values with a switch",
            ["System.Enum.TryParse"] = "map names to values with a switch",
            ["System.Math.Clamp"] = "use Math.Min/Math.Max, or Clamp on long or double",
            ["System.Math.Round"] = "use Math.Round(double) on a scaled value",
            ["System.Math.Max"] = "compare the values yourself or use the int, float or double overload",
            ["System.Math.Min"] = "compare the values yourself or use the int, float or double overload",
            ["System.Buffer"] = "use Array.Copy",
            ["System.ArgumentOutOfRangeException"] = "test the value and throw new ArgumentOutOfRangeException(name)",
            ["System.Collections.Hashtable.ContainsKey"] = "use Contains(key)",
            ["System.Char"] = "compare against character ranges, e.g. c >= '0' && c <= '9'",
            ["System.Text.Encoding.GetString"] = "use GetString(bytes, index, count)",
            ["System.Text.Encoding.GetByteCount"] = "encode with GetBytes and use the array length",
            ["System.BitConverter.SingleToInt32Bits"] = "use BitConverter.GetBytes(float) and read the four bytes",
            ["System.BitConverter.Int32BitsToSingle"] = "use BitConverter.ToSingle(bytes, index)",
            ["System.BitConverter.HalfToInt16Bits"] = "convert half precision by hand",
            ["System.Collections.Generic"] = "use ArrayList, Hashtable, Queue or Stack from System.Collections",
            ["System.Collections.Concurrent"] = "lock around an ArrayList, Hashtable or Queue",
            ["System.Buffers.Binary.BinaryPrimitives"] = "shift the bytes yourself or use BitConverter",
            ["System.Diagnostics.Stopwatch"] = "use DateTime.UtcNow ticks or Environment.TickCount64",
            ["System.Threading.Volatile"] = "use Interlocked or a lock",
        };

        public static string ForGeneric(string genericDefinitionMetadataName)
        {
            return ForGenericTypes.TryGetValue(genericDefinitionMetadataName, out var hint) ? hint : DefaultGeneric;
        }

        /// <summary>": hint" for the first key found (most specific first), or an empty string.</summary>
        public static string ForApi(params string[] keysMostSpecificFirst)
        {
            foreach (var key in keysMostSpecificFirst)
            {
                if (key.Length > 0 && ForApis.TryGetValue(key, out var hint))
                {
                    return ": " + hint;
                }
            }

            return string.Empty;
        }
    }
}
