using Microsoft.Extensions.Options;
using NordicIoT.Cloud.DynamoDb;

namespace NordicIoT.Cloud.Storage;

/// <summary>Checks section "Storage" at start-up; every message names the full setting path.</summary>
public sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        var failures = new List<string>();
        if (!Enum.IsDefined(options.Engine))
        {
            failures.Add($"Storage:Engine must be {StorageEngine.Sqlite} or {StorageEngine.DynamoDb}.");
        }

        if (string.IsNullOrWhiteSpace(options.DataDirectory))
        {
            failures.Add("Storage:DataDirectory must name a folder (default .nordiciot/data under the content root).");
        }

        if (options.Sqlite.Path is { } path && string.IsNullOrWhiteSpace(path))
        {
            failures.Add("Storage:Sqlite:Path must name a file, or be left out for nordiciot.db in Storage:DataDirectory.");
        }

        if (options.Engine == StorageEngine.DynamoDb)
        {
            var dynamo = options.DynamoDb;
            if (dynamo.ServiceUrl is { } url && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
            {
                failures.Add($"Storage:DynamoDb:ServiceUrl '{url}' is not an absolute http(s) URL.");
            }

            if (string.IsNullOrWhiteSpace(dynamo.Region) && dynamo.ServiceUrl is null)
            {
                failures.Add("Storage:DynamoDb:Region is required with Storage:Engine=DynamoDb (or set Storage:DynamoDb:ServiceUrl for a local stand-in).");
            }

            try
            {
                new DynamoDbStorageOptions { TablePrefix = dynamo.TablePrefix }.Validate();
            }
            catch (ArgumentException e)
            {
                failures.Add($"Storage:DynamoDb:TablePrefix '{dynamo.TablePrefix}' is not usable: {e.Message}.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
