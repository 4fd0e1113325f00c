using System.Globalization;

namespace NordicIoT.Device.Host.Simulation;

/// <summary>A fault the simulator injects at <see cref="Start"/> after the run began, for <see cref="Length"/> (zero for a reboot).</summary>
public sealed record ScheduledFault(FaultKind Kind, TimeSpan Start, TimeSpan Length)
{
    /// <summary>The accepted spellings, for help texts and error messages.</summary>
    public const string Syntax = "network:START:LEN, broker:START:LEN or reboot:AT (seconds from the start of the run)";

    /// <summary>When the fault is over.</summary>
    public TimeSpan End => Start + Length;

    /// <summary>Parses network:START:LEN, broker:START:LEN or reboot:AT; throws <see cref="FormatException"/> naming what is wrong.</summary>
    public static ScheduledFault Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split(':');
        return parts[0] switch
        {
            "network" when parts.Length == 3 => Outage(FaultKind.NetworkOutage, text, parts),
            "broker" when parts.Length == 3 => Outage(FaultKind.BrokerOutage, text, parts),
            "reboot" when parts.Length == 2 => new ScheduledFault(FaultKind.Reboot, Seconds(text, parts[1], "AT", allowZero: true), TimeSpan.Zero),
            _ => throw new FormatException($"'{text}' is not a fault: use {Syntax}."),
        };
    }

    private static ScheduledFault Outage(FaultKind kind, string text, string[] parts) =>
        new(kind, Seconds(text, parts[1], "START", allowZero: true), Seconds(text, parts[2], "LEN", allowZero: false));

    private static TimeSpan Seconds(string text, string value, string name, bool allowZero)
    {
        if (!double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds) ||
            double.IsInfinity(seconds) || seconds > TimeSpan.MaxValue.TotalSeconds / 2 || (!allowZero && seconds == 0))
        {
            string range = allowZero ? "0 or more" : "more than 0";
            throw new FormatException($"'{text}': {name} must be a number of seconds, {range}, not '{value}'.");
        }

        return TimeSpan.FromSeconds(seconds);
    }
}
