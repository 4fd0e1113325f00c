using NordicIoT.Cloud.Api;
using NordicIoT.Cloud.Auth;
using NordicIoT.Cloud.Bridge;
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
builder.Services.AddDashboard();

var app = builder.Build();
app.UseCloudApi();
app.UseDashboard();
app.MapHealthApi();
app.MapDevicesApi();
app.MapReadingsApi();
app.MapConfigApi();
app.MapDeadLettersApi();
app.MapKeysApi();
app.MapSessionApi();
app.MapEventsApi();
app.Run();
