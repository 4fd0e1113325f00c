using Microsoft.AspNetCore.Http.HttpResults;

namespace NordicIoT.Cloud.Api;

/// <summary>Problem details (RFC 9457) the endpoints answer with, worded once.</summary>
public static class Problems
{
    /// <summary>404 for a device id that is not registered (or not a valid id).</summary>
    public static ProblemHttpResult DeviceNotFound(string deviceId) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Device not found", detail: $"No device '{deviceId}' is registered.");

    /// <summary>A validation problem from per-field messages.</summary>
    public static ValidationProblem Invalid(Dictionary<string, List<string>> errors) =>
        TypedResults.ValidationProblem(errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));

    /// <summary>A validation problem about one field.</summary>
    public static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });
}
