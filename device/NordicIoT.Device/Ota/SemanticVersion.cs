using System;

namespace NordicIoT.Device.Ota
{
    /// <summary>Orders application versions by Semantic Versioning 2.0.0: MAJOR.MINOR.PATCH, then pre-release (lower than the release), build metadata ignored.</summary>
    public static class SemanticVersion
    {
        /// <summary>True when <paramref name="version"/> is a semantic version (e.g. 1.4.2, 2.0.0-rc.1, 1.0.0+build.5).</summary>
        public static bool IsValid(string version)
        {
            return Parse(version) != null;
        }

        /// <summary>Negative when <paramref name="a"/> comes before <paramref name="b"/>, 0 when they rank the same, positive after.</summary>
        /// <exception cref="ArgumentException">One of them is not a semantic version.</exception>
        public static int Compare(string a, string b)
        {
            string[] left = Require(a);
            string[] right = Require(b);
            for (int i = 0; i < 3; i++)
            {
                int order = CompareNumbers(left[i], right[i]);
                if (order != 0)
                {
                    return order;
                }
            }

            // A release ranks above any of its pre-releases; otherwise identifiers compare left to right.
            if (left.Length == 3 || right.Length == 3)
            {
                return right.Length - left.Length;
            }

            for (int i = 3; i < left.Length && i < right.Length; i++)
            {
                int order = CompareIdentifiers(left[i], right[i]);
                if (order != 0)
                {
                    return order;
                }
            }

            return left.Length - right.Length;
        }

        // MAJOR, MINOR, PATCH, then the pre-release identifiers; null when the text is not a semantic version.
        private static string[] Parse(string version)
        {
            if (version == null || version.Length == 0)
            {
                return null;
            }

            int plus = version.IndexOf('+');
            if (plus >= 0 && !AreIdentifiers(version.Substring(plus + 1).Split('.'), false))
            {
                return null;
            }

            string precedence = plus >= 0 ? version.Substring(0, plus) : version;
            int dash = precedence.IndexOf('-');
            string[] core = (dash >= 0 ? precedence.Substring(0, dash) : precedence).Split('.');
            if (core.Length != 3 || !IsNumber(core[0]) || !IsNumber(core[1]) || !IsNumber(core[2]))
            {
                return null;
            }

            if (dash < 0)
            {
                return core;
            }

            string[] pre = precedence.Substring(dash + 1).Split('.');
            if (!AreIdentifiers(pre, true))
            {
                return null;
            }

            string[] parts = new string[3 + pre.Length];
            Array.Copy(core, parts, 3);
            Array.Copy(pre, 0, parts, 3, pre.Length);
            return parts;
        }

        private static string[] Require(string version)
        {
            string[] parts = Parse(version);
            if (parts == null)
            {
                throw new ArgumentException("\"" + version + "\" is not a semantic version (MAJOR.MINOR.PATCH[-pre][+build])");
            }

            return parts;
        }

        private static bool AreIdentifiers(string[] identifiers, bool numericWithoutLeadingZero)
        {
            for (int i = 0; i < identifiers.Length; i++)
            {
                string id = identifiers[i];
                if (id.Length == 0)
                {
                    return false;
                }

                for (int c = 0; c < id.Length; c++)
                {
                    char ch = id[c];
                    bool allowed = (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch == '-';
                    if (!allowed)
                    {
                        return false;
                    }
                }

                if (numericWithoutLeadingZero && IsDigits(id) && id.Length > 1 && id[0] == '0')
                {
                    return false;
                }
            }

            return true;
        }

        private static bool IsNumber(string text)
        {
            return IsDigits(text) && (text.Length == 1 || text[0] != '0');
        }

        private static bool IsDigits(string text)
        {
            if (text.Length == 0)
            {
                return false;
            }

            for (int i = 0; i < text.Length; i++)
            {
                if (text[i] < '0' || text[i] > '9')
                {
                    return false;
                }
            }

            return true;
        }

        // Digit strings without leading zeros: the longer is the larger, and equal lengths compare character by character.
        private static int CompareNumbers(string a, string b)
        {
            if (a.Length != b.Length)
            {
                return a.Length - b.Length;
            }

            return CompareOrdinal(a, b);
        }

        private static int CompareIdentifiers(string a, string b)
        {
            bool aNumeric = IsDigits(a);
            bool bNumeric = IsDigits(b);
            if (aNumeric && bNumeric)
            {
                return CompareNumbers(a, b);
            }

            if (aNumeric != bNumeric)
            {
                return aNumeric ? -1 : 1;
            }

            return CompareOrdinal(a, b);
        }

        // ASCII order, as the specification asks (string.Compare would use the culture's order on .NET).
        private static int CompareOrdinal(string a, string b)
        {
            for (int i = 0; i < a.Length && i < b.Length; i++)
            {
                if (a[i] != b[i])
                {
                    return a[i] - b[i];
                }
            }

            return a.Length - b.Length;
        }
    }
}
