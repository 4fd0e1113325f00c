using System.Collections.Generic;
using System.Text;
using Microsoft.CodeAnalysis;

namespace NordicIoT.NanoSubset
{
    /// <summary>
    /// Tells which referenced assemblies are .NET itself (the API the allowlist is about) by the key they are signed
    /// with; the project's own code and other project or package references are not checked against the allowlist.
    /// </summary>
    internal static class PlatformAssemblies
    {
        // Public key tokens of the keys Microsoft signs .NET with: ECMA/mscorlib, framework, netstandard,
        // System.Private.CoreLib, ASP.NET/Extensions, and the Silverlight-era one some facades still carry.
        private static readonly HashSet<string> DotNetKeyTokens = new HashSet<string>
        {
            "b77a5c561934e089",
            "b03f5f7f11d50a3a",
            "cc7b13ffcd2ddd51",
            "7cec85d7bea7798e",
            "adb9793829ddae60",
            "31bf3856ad364e35",
        };

        public static bool IsDotNet(IAssemblySymbol assembly)
        {
            var token = assembly.Identity.PublicKeyToken;
            if (token.IsDefaultOrEmpty)
            {
                return false;
            }

            var hex = new StringBuilder(token.Length * 2);
            foreach (var b in token)
            {
                hex.Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
            }

            return DotNetKeyTokens.Contains(hex.ToString());
        }
    }
}
