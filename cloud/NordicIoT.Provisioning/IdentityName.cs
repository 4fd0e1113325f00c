namespace NordicIoT.Provisioning;

/// <summary>Checks device ids and service names before they become a certificate CN, an MQTT topic level and a file name.</summary>
public static class IdentityName
{
    /// <summary>The longest name accepted (AWS IoT allows 128-byte thing names; short topics cost less on NB-IoT).</summary>
    public const int MaxLength = 64;

    /// <summary>Throws <see cref="ArgumentException"/> unless <paramref name="name"/> is 1..64 characters of [A-Za-z0-9_-].</summary>
    /// <remarks>
    /// '/', '+', '#' would change the meaning of the ACL pattern d/%u/#, and '.', path separators or spaces
    /// could escape the certificate folder, so only this small alphabet is allowed.
    /// </remarks>
    public static void Validate(string name, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(name, parameterName);
        if (name.Length is 0 or > MaxLength)
        {
            throw new ArgumentException(
                $"'{name}' has {name.Length} characters; an id must have 1 to {MaxLength}.", parameterName);
        }

        foreach (var c in name)
        {
            if (!IsAllowed(c))
            {
                throw new ArgumentException(
                    $"'{name}' contains '{c}' (U+{(int)c:X4}); an id may contain only A-Z, a-z, 0-9, '_' and '-' " +
                    "because it becomes an MQTT topic level and a file name.", parameterName);
            }
        }
    }

    private static bool IsAllowed(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '-';
}
