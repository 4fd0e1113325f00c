using System.Text.Json;
using System.Text.Json.Serialization;
using NordicIoT.Cloud.Api.Contracts;

namespace NordicIoT.Cloud.Json;

/// <summary>Source-generated JSON for the firmware and rollout endpoints.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(ReleaseView))]
[JsonSerializable(typeof(List<ReleaseView>))]
[JsonSerializable(typeof(StartRolloutRequest))]
[JsonSerializable(typeof(RolloutView))]
[JsonSerializable(typeof(List<RolloutView>))]
[JsonSerializable(typeof(ExecutionPage))]
public sealed partial class FirmwareJsonContext : JsonSerializerContext;
