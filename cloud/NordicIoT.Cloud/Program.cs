using Microsoft.Extensions.Options;
using NordicIoT.Cloud.Api;
using NordicIoT.Cloud.Auth;
using NordicIoT.Cloud.Bridge;
using NordicIoT.Cloud.Firmware;
using NordicIoT.Cloud.Dashboard;
using NordicIoT.Cloud.Health;
using NordicIoT.Cloud.Ingestion;
using NordicIoT.Cloud.Storage;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddCloudStorage();
builder.Services.AddIngestion();
builder.Services.AddMqttBridge();
builder.Services.AddApiKeyAuth();
builder.Services.AddCloudHealthChecks();
builder.Services.AddCloudApi();
builder.Services.AddFirmware();
builder.Services.AddDashboard();

var app = builder.Build();

// Bad settings stop the app here, before anything starts, naming each setting: the checks the host would run when it
// starts, run first, so a failure never races a half-started host.
app.Services.GetService<IStartupValidator>()?.Validate();

app.UseCloudApi();
app.UseDashboard();
app.MapHealthApi();
app.MapDevicesApi();
app.MapReadingsApi();
app.MapConfigApi();
app.MapDeadLettersApi();
app.MapKeysApi();
app.MapFirmwareApi();
app.MapRolloutsApi();
app.MapSessionApi();
app.MapEventsApi();
app.MapDeviceUpdatesApi();
app.Run();
