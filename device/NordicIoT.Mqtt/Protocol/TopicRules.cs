namespace NordicIoT.Mqtt.Protocol;

/// <summary>Checks topic names and filters against MQTT 3.1.1 section 4.7 before they are sent.</summary>
internal static class TopicRules
{
    /// <summary>Throws <see cref="ArgumentException"/> unless <paramref name="topic"/> is a non-empty topic name without wildcards.</summary>
    public static void ValidateName(string topic, string parameterName)
    {
        ValidateCommon(topic, parameterName);
        if (topic.AsSpan().IndexOfAny('+', '#') >= 0)
        {
            throw new ArgumentException($"Topic '{topic}' contains a wildcard ('+' or '#'); only subscriptions may use them.", parameterName);
        }
    }

    /// <summary>Throws <see cref="ArgumentException"/> unless every '+' and '#' in <paramref name="filter"/> fills a whole level and '#' is last.</summary>
    public static void ValidateFilter(string filter, string parameterName)
    {
        ValidateCommon(filter, parameterName);
        var levels = filter.Split('/');
        for (var i = 0; i < levels.Length; i++)
        {
            var level = levels[i];
            var hasWildcard = level.AsSpan().IndexOfAny('+', '#') >= 0;
            var isWholeLevelWildcard = level is "+" || (level is "#" && i == levels.Length - 1);
            if (hasWildcard && !isWholeLevelWildcard)
            {
                throw new ArgumentException(
                    $"Topic filter '{filter}' is invalid: '+' must fill a whole level and '#' must be the whole last level.", parameterName);
            }
        }
    }

    private static void ValidateCommon(string topic, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(topic, parameterName);
        if (topic.Length == 0)
        {
            throw new ArgumentException("A topic must not be empty.", parameterName);
        }

        if (topic.Contains('\0'))
        {
            throw new ArgumentException($"Topic '{topic}' contains U+0000, which MQTT forbids.", parameterName);
        }
    }
}
