using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using NordicIoT.Cloud.Api.Contracts;
using NordicIoT.Cloud.Json;

namespace NordicIoT.Cloud.Health;

/// <summary>Writes a health report as JSON: overall status and each check's status, description and duration.</summary>
public static class HealthResponseWriter
{
    /// <summary>The response writer for MapHealthChecks.</summary>
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        var view = new HealthReportView(
            report.Status.ToString(),
            report.Entries.Select(e => new HealthCheckView(e.Key, e.Value.Status.ToString(), e.Value.Description, e.Value.Duration.TotalMilliseconds)).ToList());
        return JsonSerializer.SerializeAsync(context.Response.Body, view, CloudJsonContext.Default.HealthReportView, context.RequestAborted);
    }
}
