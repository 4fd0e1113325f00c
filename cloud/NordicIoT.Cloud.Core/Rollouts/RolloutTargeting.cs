using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using NordicIoT.Cloud.Devices;
using NordicIoT.Cloud.Firmware;

namespace NordicIoT.Cloud.Rollouts;

/// <summary>Which devices a rollout is for, and whether a release can apply to a device.</summary>
internal static class RolloutTargeting
{
    private const int PageSize = 500;

    /// <summary>The registered devices of the target, by id.</summary>
    public static async IAsyncEnumerable<DeviceTwin> DevicesAsync(IDeviceStore devices, RolloutTarget target, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (target.Kind == RolloutTargetKind.Devices)
        {
            foreach (var id in target.DeviceIds)
            {
                if (await devices.GetAsync(id, cancellationToken).ConfigureAwait(false) is { } twin)
                {
                    yield return twin;
                }
            }

            yield break;
        }

        string? token = null;
        do
        {
            var group = target.Kind == RolloutTargetKind.Group ? target.Group : null;
            var page = await devices.ListAsync(new DeviceQuery(null, group, DeviceSort.Id, PageSize, token), cancellationToken).ConfigureAwait(false);
            foreach (var twin in page.Devices)
            {
                yield return twin;
            }

            token = page.ContinuationToken;
        }
        while (token is not null);
    }

    /// <summary>True when the release can apply to the device: a board it supports (when the device reported its board), and a newer version than the device runs, or any other one when the release allows downgrades.</summary>
    public static bool Wants(DeviceTwin twin, Release release, SemanticVersion version)
    {
        if (Reported(twin, ReportedFieldNames.Board) is { } board && !release.Targets.Contains(board))
        {
            return false;
        }

        if (Reported(twin, ReportedFieldNames.FirmwareVersion) is { } running && SemanticVersion.TryParse(running, out var current, out _))
        {
            var order = version.CompareTo(current);
            return order > 0 || (order < 0 && release.AllowDowngrade);
        }

        return true;
    }

    private static string? Reported(DeviceTwin twin, string field) =>
        twin.Reported.TryGetValue(field, out var value) && value.Value is JsonValue json && json.TryGetValue<string>(out var text) ? text : null;
}
