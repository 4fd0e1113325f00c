using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using NordicIoT.Cloud.Api.Contracts;

namespace NordicIoT.Cloud.Json;

/// <summary>Source-generated JSON for every type the API reads or writes, so no serialization needs reflection (trimming and Native AOT stay possible).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(DeviceListPage))]
[JsonSerializable(typeof(DeviceSummary))]
[JsonSerializable(typeof(ReadingsEventView))]
[JsonSerializable(typeof(SignInRequest))]
[JsonSerializable(typeof(SessionView))]
[JsonSerializable(typeof(DeviceExecutionList))]
[JsonSerializable(typeof(DeviceTwinView))]
[JsonSerializable(typeof(RegisterDeviceRequest))]
[JsonSerializable(typeof(ReadingSeries))]
[JsonSerializable(typeof(ConfigView))]
[JsonSerializable(typeof(ConfigUpdated))]
[JsonSerializable(typeof(DeadLetterList))]
[JsonSerializable(typeof(CreateKeyRequest))]
[JsonSerializable(typeof(CreatedKey))]
[JsonSerializable(typeof(List<ApiKeyView>))]
[JsonSerializable(typeof(HealthReportView))]
[JsonSerializable(typeof(MetricsView))]
[JsonSerializable(typeof(JsonObject))]
[JsonSerializable(typeof(ProblemDetails))]
[JsonSerializable(typeof(HttpValidationProblemDetails))]
public sealed partial class CloudJsonContext : JsonSerializerContext;
