namespace NordicIoT.Cloud.Api;

/// <summary>Strong entity tags made from version numbers ("7"), and If-Match evaluation (RFC 9110 §13.1.1).</summary>
public static class EntityTags
{
    /// <summary>The ETag of a version.</summary>
    public static string Of(long version) => $"\"{version}\"";

    /// <summary>True when the If-Match field value matches <paramref name="version"/>: "*", or a list holding its strong tag (weak tags never match).</summary>
    public static bool Matches(string ifMatch, long version)
    {
        var tag = Of(version);
        foreach (var part in ifMatch.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == "*" || part == tag)
            {
                return true;
            }
        }

        return false;
    }
}
